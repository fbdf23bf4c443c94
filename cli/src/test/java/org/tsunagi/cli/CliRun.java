package org.tsunagi.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** One in-process run of {@code tsunagi}, exactly as documented, with what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Tsunagi.commandLine(environment::get);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** The demo PKI, {@code keys-example/}, found from any module's directory. */
    public static Path keys() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("keys-example/ca"))) {
                return d.resolve("keys-example");
            }
        }
        throw new IllegalStateException("keys-example not found");
    }
}
