/**
 * The TFTP server under abuse on loopback: request floods from one address, transfers that are
 * never acknowledged, and a client that acknowledges block 1 forever, while a well-behaved client
 * downloads a file next to them. {@code TftpAbuseIT} checks limits and correctness;
 * {@code TftpAbuseBench} measures the well-behaved client's speed for {@code bench/abuse/bench.sh}.
 */
package org.ztp4j.tftp.abuse;
