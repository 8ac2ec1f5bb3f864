package org.ztp4j.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;

/**
 * Runs one fuzz target: first every file of its corpus ({@code src/test/resources/fuzz/<name>/},
 * seeds and {@code regressions/} alike), then a bounded number of mutated inputs from a fixed seed,
 * in batches each run under a generous preemptive timeout so a hang fails the test instead of
 * stalling the build.
 *
 * <p>Files under a {@code pending/} folder are not replayed: they reproduce bugs reported but not yet
 * fixed in main code, and move to {@code regressions/} with the fix.
 *
 * <p>A failing input (an exception the API does not document, a broken property, a hang) is written
 * to {@code src/test/resources/fuzz/<name>/regressions/} when the test runs from the module folder
 * (as Maven runs it), so the next run replays it before anything random; the failure message names
 * the seed and iteration, and {@code -Dztp.fuzz.seed=...} and {@code -Dztp.fuzz.iterations=...}
 * change both.
 *
 * <pre>{@code
 * Fuzzer.target("csv-inventory")
 *         .allow(InventoryException.class)
 *         .dictionary("hostname", "serial", ",", "\"")
 *         .run(input -> CsvInventory.parse("fuzz.csv", new String(input, UTF_8)));
 * }</pre>
 */
public final class Fuzzer {

    /** Iterations per target unless {@code -Dztp.fuzz.iterations} says otherwise. */
    public static final int DEFAULT_ITERATIONS = 50_000;

    private final String name;
    private long seed;
    private int iterations = Integer.getInteger("ztp.fuzz.iterations", DEFAULT_ITERATIONS);
    private int maxLength = 4096;
    private int batch = 1000;
    private Duration batchTimeout = Duration.ofSeconds(30);
    private final List<Class<? extends Throwable>> allowed = new ArrayList<>();
    private final List<String> dictionary = new ArrayList<>();

    private Fuzzer(String name) {
        this.name = name;
        this.seed = Long.getLong("ztp.fuzz.seed", 0x2157_0000L + name.hashCode());
    }

    /**
     * @param name the target's corpus folder below {@code fuzz/} on the test class path
     * @return a fuzzer for it
     */
    public static Fuzzer target(String name) {
        return new Fuzzer(name);
    }

    /**
     * @param types exceptions the API documents for bad input; anything else fails the run
     * @return this fuzzer
     */
    @SafeVarargs
    public final Fuzzer allow(Class<? extends Throwable>... types) {
        allowed.addAll(List.of(types));
        return this;
    }

    /**
     * @param tokens words of the input format the mutator inserts
     * @return this fuzzer
     */
    public Fuzzer dictionary(String... tokens) {
        dictionary.addAll(List.of(tokens));
        return this;
    }

    /**
     * @param count how many mutated inputs to run, at most (a system property may lower or raise it)
     * @return this fuzzer
     */
    public Fuzzer iterations(int count) {
        this.iterations = Integer.getInteger("ztp.fuzz.iterations", count);
        return this;
    }

    /**
     * @param bytes the longest input generated
     * @return this fuzzer
     */
    public Fuzzer maxLength(int bytes) {
        this.maxLength = bytes;
        return this;
    }

    /**
     * @param inputs  inputs per batch
     * @param timeout the time one batch may take before the run counts as hung
     * @return this fuzzer
     */
    public Fuzzer batches(int inputs, Duration timeout) {
        this.batch = inputs;
        this.batchTimeout = timeout;
        return this;
    }

    /** @return the corpus files, seeds and regressions, in name order */
    public List<Path> corpusFiles() {
        URL url = Fuzzer.class.getClassLoader().getResource("fuzz/" + name);
        if (url == null) {
            throw new IllegalStateException("no corpus: fuzz/" + name + " is not on the test class path");
        }
        try (Stream<Path> files = Files.walk(Path.of(url.toURI()))) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().contains("/pending/") && !f.getFileName().toString().equals("README.md"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replays the corpus, then runs the mutated inputs.
     *
     * @param target the code under test
     * @return how many inputs ran
     */
    public long run(FuzzTarget target) {
        List<byte[]> seeds = new ArrayList<>();
        for (Path f : corpusFiles()) {
            byte[] input = read(f);
            seeds.add(input);
            String failure = check(target, input);
            if (failure != null) {
                throw new AssertionError("fuzz target " + name + ": corpus file " + f + " fails: " + failure);
            }
        }
        Mutator mutator = new Mutator(seeds, dictionary, maxLength);
        AtomicReference<byte[]> current = new AtomicReference<>();
        AtomicLong done = new AtomicLong(seeds.size());
        for (int start = 0; start < iterations; start += batch) {
            int from = start;
            int to = Math.min(iterations, start + batch);
            try {
                assertTimeoutPreemptively(batchTimeout, () -> {
                    for (int i = from; i < to; i++) {
                        byte[] input = mutator.next(new SplittableRandom(seed * 0x9E37_79B9_7F4A_7C15L + i));
                        current.set(input);
                        String failure = check(target, input);
                        if (failure != null) {
                            throw new AssertionError(report(i, input, failure));
                        }
                        done.incrementAndGet();
                    }
                });
            } catch (AssertionFailedError timeout) {
                byte[] input = current.get();
                throw new AssertionError(report(-1, input, "no result within " + batchTimeout
                        + " for a batch of " + (to - from) + " inputs; the last one started is this"), timeout);
            }
        }
        return done.get();
    }

    /** @return null when the input was handled as documented, else what went wrong */
    private String check(FuzzTarget target, byte[] input) {
        try {
            target.accept(input);
            return null;
        } catch (AssertionError e) {
            return "property failed: " + e.getMessage();
        } catch (Throwable t) {
            for (Class<? extends Throwable> ok : allowed) {
                if (ok.isInstance(t)) {
                    return null;
                }
            }
            java.io.StringWriter trace = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(trace));
            return "undocumented " + trace;
        }
    }

    private String report(int iteration, byte[] input, String failure) {
        String saved = save(input);
        return "fuzz target " + name + " failed" + (iteration >= 0 ? " at iteration " + iteration : "")
                + " (seed " + seed + "; rerun with -Dztp.fuzz.seed=" + seed + ")\n  input (" + input.length + " bytes): "
                + escape(input) + "\n  saved as " + saved + "\n  " + failure;
    }

    /** Writes the input into the regression corpus when the sources are at hand, else into target/. */
    private String save(byte[] input) {
        String file = String.format("%08x.bin", java.util.Arrays.hashCode(input));
        Path sources = Path.of("src", "test", "resources", "fuzz", name);
        Path dir = Files.isDirectory(sources) ? sources.resolve("regressions") : Path.of("target", "fuzz-failures", name);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(file), input);
            return dir.resolve(file).toAbsolutePath().toString();
        } catch (IOException e) {
            return "(not saved: " + e + ")";
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param b bytes
     * @return printable ASCII as is, everything else as {@code \xNN}
     */
    public static String escape(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02x", c));
            }
        }
        return s.toString();
    }
}
