package org.ztp4j.testkit;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where an emulated device runs its programs: the address its requests come from, and the network
 * namespace its commands run in (or none, on loopback).
 *
 * <pre>{@code
 * DeviceHost.loopback("127.0.0.11");                                   // a stand-in address on loopback
 * new DeviceHost("10.9.0.50", cmd -> prepend(List.of("ip", "netns", "exec", "dev1"), cmd));
 * }</pre>
 *
 * @param source    the device's own IPv4 address: its lease in a namespace, a 127.0.0.x stand-in on
 *                  loopback, or {@code null} to let the system choose
 * @param namespace wraps a command to run in the device's namespace, or leaves it as it is
 */
public record DeviceHost(String source, UnaryOperator<List<String>> namespace) {

    /** @throws NullPointerException when the namespace wrapper is missing */
    public DeviceHost {
        Objects.requireNonNull(namespace, "namespace");
    }

    /**
     * @param source a loopback address the device's sockets are bound to, such as {@code 127.0.0.11}
     * @return a device on this host's loopback
     */
    public static DeviceHost loopback(String source) {
        return new DeviceHost(source, UnaryOperator.identity());
    }

    /**
     * @param command a program and its arguments
     * @return the command as the device runs it
     */
    public List<String> command(List<String> command) {
        return namespace.apply(command);
    }
}
