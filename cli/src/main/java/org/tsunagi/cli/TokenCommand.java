package org.tsunagi.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tsunagi token}: print a bearer token, e.g. for curl. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print a bearer token for the gateway's HTTPS API, signed with your key: iss = --participant, "
                + "aud = tsunagi-gateway, a fresh jti. A token is accepted once: make one per request.",
                "Example: curl --cacert keys-example/ca/cert.pem -H \"Authorization: Bearer $(tsunagi token "
                        + "--participant 231002 --key keys-example/231002/key.pem)\" https://localhost:8443/api/v1/messages"})
final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ParticipantOptions who;

    @Option(names = "--lifetime", paramLabel = "SECONDS", defaultValue = "120",
            description = "seconds until it expires, 1 to 300 (default ${DEFAULT-VALUE})")
    long lifetime;

    private final Function<String, String> environment;

    /** Reads environment variables from the process (what {@code new CommandLine(new Tsunagi())} uses). */
    TokenCommand() {
        this(System::getenv);
    }

    TokenCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return Failures.run(spec, () -> {
            if (lifetime < 1 || lifetime > 300) {
                throw new UsageException("--lifetime must be 1 to 300 seconds");
            }
            spec.commandLine().getOut().println(who.token(environment).mint(Duration.ofSeconds(lifetime)));
            spec.commandLine().getOut().flush();
            return 0;
        });
    }
}
