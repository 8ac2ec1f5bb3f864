package org.ztp4j.core.status;

/** What an operator (or the runtime on their behalf) did to a device on a {@link DeviceStatusBoard}. */
public enum BoardAction {

    /**
     * Provision from scratch: the device goes back to {@link DeviceState#WAITING} and forgets its
     * timings, transfer, last request, last error and the addresses it was known by. Its journal stays.
     */
    RESET,

    /**
     * Let a failed device try again: back to {@link DeviceState#WAITING} with its last error cleared,
     * keeping its first request, so the timings count the whole way.
     */
    RETRY,

    /** Out of service: {@link DeviceState#DECOMMISSIONED} until reset. */
    DECOMMISSION,

    /** An image transfer cut short by the server stopping: {@link DeviceState#INTERRUPTED}. */
    INTERRUPT
}
