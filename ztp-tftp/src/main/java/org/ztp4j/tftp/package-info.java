/**
 * A TFTP server for device provisioning: read requests in octet and netascii mode, option
 * negotiation (block size, transfer size, timeout, window size), block-number rollover for large
 * images, and many transfers at once on one selector thread.
 */
package org.ztp4j.tftp;
