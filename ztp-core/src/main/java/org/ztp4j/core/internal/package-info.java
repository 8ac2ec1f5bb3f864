/**
 * What every ztp4j module needs and users must not touch: JSON writing, strict IPv4 parsing,
 * log-safe text, a rate-limited log and builder range checks. Exported only to ztp4j's own
 * modules; its types may change in any release.
 */
package org.ztp4j.core.internal;
