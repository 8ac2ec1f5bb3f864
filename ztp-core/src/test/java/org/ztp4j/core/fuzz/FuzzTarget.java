package org.ztp4j.core.fuzz;

/**
 * Code under fuzzing: takes one input and either returns, throws one of the exception types the
 * API documents, or fails a property with an {@link AssertionError}.
 */
@FunctionalInterface
public interface FuzzTarget {

    /**
     * @param input the bytes to feed the parser
     * @throws Exception whatever the code under test throws; the harness decides if it was allowed
     */
    void accept(byte[] input) throws Exception;
}
