/**
 * Fuzz tests of the TFTP server: its request parser and option negotiation directly, and a running
 * server sprayed with mutated datagrams on loopback.
 */
package org.ztp4j.tftp.fuzz;
