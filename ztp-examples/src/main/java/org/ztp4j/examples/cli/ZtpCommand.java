package org.ztp4j.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code ztp} command: a ZTP server and the tools around it. Its names, options, outputs and
 * exit codes are a stable interface (see the project's cli spec): 0 done, 1 a check ran and failed,
 * 2 bad usage or bad input with one line on stderr naming what is wrong.
 */
@Command(name = "ztp", mixinStandardHelpOptions = true, versionProvider = ZtpCommand.Version.class,
        description = "Zero Touch Provisioning for network devices.",
        subcommands = {PoapMd5Command.class, ChecksumCommand.class, DhcpOptionsCommand.class, DhcpCommand.class, RenderCommand.class, ServeCommand.class, DemoCommand.class, DevicesCommand.class,
            PlatformsCommand.class,
            CommandLine.HelpCommand.class})
public final class ZtpCommand {

    /** Exit code: a check ran and failed. */
    public static final int CHECK_FAILED = 1;
    /** Exit code: bad usage or bad input. */
    public static final int BAD_INPUT = 2;

    @Option(names = "--debug", description = "Print stack traces for errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    /**
     * Runs the command.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command with the given output streams (for tests and embedding).
     *
     * @param args the command line
     * @param out  standard output
     * @param err  standard error
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ZtpCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("ztp: " + ex.getMessage());
            err.flush();
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            if (debug) {
                ex.printStackTrace(err);
            }
            err.println("ztp " + commandLine.getCommandName() + ": " + describe(ex));
            err.flush();
            return BAD_INPUT;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String describe(Exception ex) {
        if (ex instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (ex instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        return ex.getMessage() == null ? ex.toString() : ex.getMessage();
    }

    /** Reports the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ZtpCommand.class.getPackage().getImplementationVersion();
            return new String[] {"ztp4j " + (v == null ? "(development build)" : v)};
        }
    }
}
