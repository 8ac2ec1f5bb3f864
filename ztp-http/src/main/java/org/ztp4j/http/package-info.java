/**
 * An HTTP and HTTPS file server for device provisioning: GET and HEAD with ranges, validators and
 * the same path rules as TFTP, over the same {@link org.ztp4j.core.FileProvider}.
 */
package org.ztp4j.http;
