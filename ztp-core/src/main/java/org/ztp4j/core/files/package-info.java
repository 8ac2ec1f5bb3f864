/**
 * Ready-made {@link org.ztp4j.core.FileProvider}s: a directory that never serves outside its root,
 * the class path, memory, templates rendered per device, and a chain of providers.
 */
package org.ztp4j.core.files;
