package org.tsunagi.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tsunagi participants reload}: make a running gateway reload its participant registry now. */
@Command(name = "participants", mixinStandardHelpOptions = true,
        description = "Operator commands for the participant registry of a running gateway.",
        subcommands = ParticipantsCommand.Reload.class)
final class ParticipantsCommand {

    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = {"Reload participants.yaml now (the gateway also does it by itself when the file changes). "
                    + "The file is validated first: a bad file is refused with its reason and the registry in use "
                    + "stays. Prints the gateway's answer; exit status 1 when refused.",
                    "Example: tsunagi participants reload --management http://127.0.0.1:8081"})
    static final class Reload implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--management", paramLabel = "URL", defaultValue = "http://127.0.0.1:8081",
                description = "the gateway's management base URL (default ${DEFAULT-VALUE})")
        URI management;

        @Override
        public Integer call() {
            return Failures.run(spec, () -> {
                HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                        .send(HttpRequest.newBuilder(management.resolve("/actuator/participants"))
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                                HttpResponse.BodyHandlers.ofString());
                spec.commandLine().getOut().println(response.body());
                spec.commandLine().getOut().flush();
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("the gateway answered " + response.statusCode());
                }
                return response.body().contains("\"outcome\":\"refused\"") ? Failures.FAILED : 0;
            });
        }
    }
}
