package org.ztp4j.examples.adapter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.ztp4j.testing.Processes;

/**
 * An OS10 switch in ZTD mode, as Dell's user guide describes it ("Zero-touch deployment"; see
 * docs/platforms.md), from the moment DHCP has given it option 240: it downloads the provisioning
 * script over HTTP and runs it with bash; the script calls {@code sudo os10_ztd_start.sh IMG CLI POST}
 * (here a stand-in that records the three URLs, since the real one exists only on the switch). ZTD
 * then downloads every file named (at least one must be), takes the CLI batch file's
 * {@code # PRE-CONFIG} and {@code # POST-CONFIG} sections, and runs the post-ZTD script with the
 * interpreter its first line names. Any file that cannot be downloaded, or a batch file ZTD would
 * not take, fails ZTD. Downloads use curl, as the switch's scripts do.
 */
final class Os10ZtdDevice {

    /**
     * What ZTD did.
     *
     * @param completed  whether it completed (the status {@code show ztd-status} would report)
     * @param reason     why not, or {@code completed}
     * @param cliConfig  the CLI batch file as downloaded, or empty
     * @param postConfig the commands of its POST-CONFIG section
     * @param postOutput what the post-ZTD script printed
     */
    record Outcome(boolean completed, String reason, String cliConfig, List<String> postConfig, String postOutput) {
    }

    private final Path dir;

    /** @param dir the switch's file system: where it keeps what it downloads */
    Os10ZtdDevice(Path dir) {
        this.dir = dir;
    }

    /**
     * Runs ZTD.
     *
     * @param provisionUrl option 240 as DHCP gave it
     * @return what happened
     * @throws IOException when the emulator cannot write its files
     */
    Outcome run(String provisionUrl) throws IOException {
        Path script = dir.resolve("ztd.sh");
        if (!download(provisionUrl, script)) {
            return failed("failed to download the provisioning script");
        }
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path recorded = dir.resolve("ztd-start.args");
        executable(bin.resolve("sudo"), "#!/bin/bash\nexec \"$@\"\n");
        executable(bin.resolve("os10_ztd_start.sh"), "#!/bin/bash\nprintf '%s\\n' \"$1\" \"$2\" \"$3\" > '" + recorded + "'\n");
        Processes.Result ran = Processes.runAllowingFailure(dir, 60, "env", "PATH=" + bin + ":" + System.getenv("PATH"),
                "bash", script.toString());
        if (ran.exitCode() != 0 || !Files.exists(recorded)) {
            return failed("provisioning script failed: " + ran.output());
        }
        List<String> urls = Files.readAllLines(recorded, StandardCharsets.UTF_8);
        String image = urls.get(0);
        String cli = urls.get(1);
        String post = urls.get(2);
        if (image.isEmpty() && cli.isEmpty() && post.isEmpty()) {
            return failed("no file to download");
        }
        if (!image.isEmpty() && !download(image, dir.resolve("image.bin"))) {
            return failed("failed to download the image");
        }
        String cliConfig = "";
        List<String> postConfig = List.of();
        if (!cli.isEmpty()) {
            Path file = dir.resolve("cli_config");
            if (!download(cli, file)) {
                return failed("failed to download the CLI config file");
            }
            cliConfig = Files.readString(file, StandardCharsets.UTF_8);
            String problem = batchFileProblem(cliConfig);
            if (problem != null) {
                return failed("CLI config file: " + problem);
            }
            postConfig = postConfig(cliConfig);
        }
        String postOutput = "";
        if (!post.isEmpty()) {
            Path file = dir.resolve("post_script");
            if (!download(post, file)) {
                return failed("failed to download post script file");
            }
            String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
            String interpreter = first.equals("#!/bin/bash") ? "bash" : first.equals("#!/usr/bin/python") ? "python3" : null;
            if (interpreter == null) {
                return failed("post script's first line is neither #!/bin/bash nor #!/usr/bin/python: " + first);
            }
            Processes.Result p = Processes.runAllowingFailure(dir, 60, interpreter, file.toString());
            if (p.exitCode() != 0) {
                return failed("post script failed (exit " + p.exitCode() + "): " + p.output());
            }
            postOutput = p.output();
        }
        return new Outcome(true, "completed", cliConfig, postConfig, postOutput);
    }

    /** What ZTD would refuse in a batch file: DOS line ends, missing or misordered section lines, a blank line between empty sections. */
    static String batchFileProblem(String text) {
        if (text.contains("\r")) {
            return "not Unix-style line formatted";
        }
        List<String> lines = List.of(text.split("\n", -1));
        int pre = lines.indexOf("# PRE-CONFIG");
        int post = lines.indexOf("# POST-CONFIG");
        if (pre < 0 || post < 0 || post < pre) {
            return "needs a '# PRE-CONFIG' line and then a '# POST-CONFIG' line";
        }
        boolean preEmpty = lines.subList(pre + 1, post).stream().allMatch(String::isBlank);
        if (preEmpty && post != pre + 1) {
            return "blank line between an empty PRE-CONFIG section and '# POST-CONFIG'";
        }
        return null;
    }

    private static List<String> postConfig(String text) {
        List<String> lines = List.of(text.split("\n"));
        List<String> commands = new ArrayList<>();
        for (String line : lines.subList(lines.indexOf("# POST-CONFIG") + 1, lines.size())) {
            if (!line.isBlank() && !line.startsWith("!")) {
                commands.add(line);
            }
        }
        return commands;
    }

    private boolean download(String url, Path to) {
        return Processes.runAllowingFailure(dir, 60, "curl", "-s", "-f", "-o", to.toString(), url).exitCode() == 0;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Outcome failed(String reason) {
        return new Outcome(false, reason, "", List.of(), "");
    }
}
