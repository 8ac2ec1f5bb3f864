package org.ztp4j.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ztp4j.core.checksum.ChecksumAlgorithm;
import org.ztp4j.core.checksum.ChecksumSidecar;
import org.ztp4j.core.checksum.Checksums;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ztp checksum [--algorithm A] [--sidecar] FILE...}: print checksums as md5sum does. */
@Command(name = "checksum", mixinStandardHelpOptions = true,
        description = "Stream each file and print '<hex>  FILE' exactly as md5sum/sha256sum/sha512sum do.")
final class ChecksumCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--algorithm", defaultValue = "md5", paramLabel = "md5|sha256|sha512",
            description = "The digest (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--sidecar", description = "Also write FILE.md5 (or .sha256/.sha512) in the format POAP reads.")
    boolean sidecar;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to checksum.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        ChecksumAlgorithm a;
        try {
            a = ChecksumAlgorithm.parse(algorithm);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--algorithm: '" + algorithm + "' is not md5, sha256 or sha512");
        }
        for (Path f : files) {
            CliFiles.requireRegularFile(f);
        }
        var out = spec.commandLine().getOut();
        for (Path f : files) {
            String hex = sidecar ? ChecksumSidecar.write(f, a) : Checksums.hex(f, a);
            out.println(hex + "  " + f);
        }
        out.flush();
        return 0;
    }
}
