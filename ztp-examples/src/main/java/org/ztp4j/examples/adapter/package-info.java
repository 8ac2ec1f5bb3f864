/**
 * A custom platform adapter (Arista EOS ZTP) that plugs into ztp4j through {@link java.util.ServiceLoader}
 * alone: one class on ztp-core's SPI and one line in {@code META-INF/services}.
 */
package org.ztp4j.examples.adapter;
