/**
 * Internals of the platform adapters: not exported by the module, may change without notice.
 */
package org.ztp4j.platform.internal;
