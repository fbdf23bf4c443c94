package org.tsunagi.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;

import org.tsunagi.routes.envelope.EnvelopeException;

import picocli.CommandLine.Model.CommandSpec;

/** Turns every failure of a command into one line on stderr and exit status 1 (2 for wrong options). */
final class Failures {

    static final int FAILED = 1;
    static final int USAGE = 2;

    interface Body {
        int run() throws Exception;
    }

    private Failures() {
    }

    static int run(CommandSpec spec, Body body) {
        PrintWriter err = spec.commandLine().getErr();
        String prefix = "tsunagi " + spec.name() + ": ";
        try {
            return body.run();
        } catch (EnvelopeException e) {
            err.println(prefix + "refused: " + e.reason() + ": " + e.getMessage());
            err.flush();
            return FAILED;
        } catch (UsageException e) {
            err.println(prefix + e.getMessage() + " (see 'tsunagi " + spec.name() + " --help')");
            err.flush();
            return USAGE;
        } catch (NoSuchFileException e) {
            err.println(prefix + "no such file: " + e.getFile());
            err.flush();
            return FAILED;
        } catch (IOException | RuntimeException e) {
            err.println(prefix + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    .replace('\n', ' '));
            err.flush();
            return FAILED;
        } catch (Exception e) {
            err.println(prefix + e);
            err.flush();
            return FAILED;
        }
    }
}
