package org.ztp4j.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ztp4j.core.checksum.PoapScript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ztp poap-md5 [--check] FILE...}: stamp or verify the {@code #md5sum} line of POAP scripts. */
@Command(name = "poap-md5", mixinStandardHelpOptions = true,
        description = {"Stamp each NX-OS POAP script in place with its #md5sum=\"...\" line (inserted as line 2 when",
            "missing) and print '<md5>  FILE'; with --check, verify instead."})
final class PoapMd5Command implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--check", description = "Verify: print 'FILE: OK', 'FILE: MISMATCH (embedded X, computed Y)' or 'FILE: NO MD5 LINE'; exit 1 if any fails.")
    boolean check;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "POAP scripts.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        for (Path f : files) {
            CliFiles.requireRegularFile(f);
        }
        boolean failed = false;
        for (Path f : files) {
            if (!check) {
                out.println(PoapScript.stamp(f) + "  " + f);
                continue;
            }
            PoapScript.Verification v = PoapScript.verify(Files.readAllBytes(f));
            switch (v.status()) {
                case OK -> out.println(f + ": OK");
                case MISMATCH -> out.println(f + ": MISMATCH (embedded " + v.embedded() + ", computed " + v.computed() + ")");
                case NO_MD5_LINE -> out.println(f + ": NO MD5 LINE");
                default -> throw new IllegalStateException(v.status().toString());
            }
            failed |= v.status() != PoapScript.Status.OK;
        }
        out.flush();
        return failed ? ZtpCommand.CHECK_FAILED : 0;
    }
}
