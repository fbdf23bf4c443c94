package org.tsunagi.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tsunagi submit}: upload a sealed message over HTTPS. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Upload a sealed message (made with 'tsunagi seal', signed by you and encrypted to the gateway) "
                + "to POST /api/v1/messages. It takes the same route as an SFTP drop.",
                "Prints the submission id. The MessageId inside is only known once the gateway has opened the "
                        + "message; the outcome is recorded in the ledger (and a rejection receipt reaches your outbox).",
                "Exit status 0 when accepted, 1 on any failure (one line on stderr), 2 on wrong options."})
final class SubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ParticipantOptions who;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "the sealed message (.p7m)")
    Path in;

    private final Function<String, String> environment;

    /** Reads environment variables from the process (what {@code new CommandLine(new Tsunagi())} uses). */
    SubmitCommand() {
        this(System::getenv);
    }

    SubmitCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return Failures.run(spec, () -> {
            byte[] sealed = Files.readAllBytes(in);
            if (sealed.length == 0) {
                throw new IOException(in + " is empty");
            }
            GatewayClient client = who.client(who.token(environment));
            CheckpointMemory.watch(client, who.gateway(), environment);
            byte[] answer = client.exchange("POST", "messages", "application/json", "application/pkcs7-mime", sealed);
            String id = new ObjectMapper().readTree(answer).path("id").asText();
            spec.commandLine().getOut().println(id);
            spec.commandLine().getOut().flush();
            return 0;
        });
    }
}
