/**
 * Seeded random fuzzing of ztp4j's parsers: a small mutation engine ({@link org.ztp4j.core.fuzz.Mutator}),
 * a harness that replays each target's corpus and then runs a bounded number of mutated inputs
 * ({@link org.ztp4j.core.fuzz.Fuzzer}), and the fuzz tests of ztp-core's own parsers. Other modules
 * reuse the harness through ztp-core's test jar.
 */
package org.ztp4j.core.fuzz;
