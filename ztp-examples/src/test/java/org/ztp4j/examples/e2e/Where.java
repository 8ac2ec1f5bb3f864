package org.ztp4j.examples.e2e;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where a simulated device runs its programs: the address its requests come from, and the
 * network namespace its commands run in (or none, on loopback).
 *
 * @param source    the device's own address: its lease in the namespace, a 127.0.0.x stand-in on loopback
 * @param namespace wraps a command to run in the device's namespace, or leaves it as it is
 */
record Where(String source, UnaryOperator<List<String>> namespace) {

    /**
     * @param command a program and its arguments
     * @return the command as the device runs it
     */
    List<String> command(List<String> command) {
        return namespace.apply(command);
    }
}
