/**
 * The TFTP server's inner workings: packet codec, option negotiation, netascii conversion, block
 * arithmetic and the selector loop that drives every transfer. Not exported; the API is
 * {@link org.ztp4j.tftp.TftpServer}.
 */
package org.ztp4j.tftp.internal;
