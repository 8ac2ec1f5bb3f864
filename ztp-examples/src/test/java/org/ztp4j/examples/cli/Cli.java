package org.ztp4j.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the ztp command in-process and keeps what it printed. */
record Cli(int code, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ZtpCommand.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Cli(code, out.toString(), err.toString());
    }
}
