/**
 * Benchmark programs run by {@code bench/fleet/*.sh} and {@code bench/http/bench.sh}: a fleet of
 * simulated devices, the servers they boot from, and a small windowed TFTP client. Not tests.
 */
package org.ztp4j.tftp.bench;
