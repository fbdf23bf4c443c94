package org.tsunagi.cli.policy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tsunagi.routes.redaction.PolicyCatalog;
import org.tsunagi.routes.redaction.PolicyException;
import org.tsunagi.routes.redaction.PolicyExplanation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tsunagi policy}: review the gateway's disclosure policies. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Review the gateway's disclosure policies.",
        subcommands = {PolicyCommand.Explain.class})
public final class PolicyCommand {

    /** {@code tsunagi policy explain}: what each purpose receives, in plain words. */
    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Print, per purpose and message type, what passes as sent, what passes in another form "
                    + "and what is withheld. Validates the policies exactly as the gateway does at start.")
    static final class Explain implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--policies", required = true, paramLabel = "DIR",
                description = "The policy directory (e.g. gateway/config/policies).")
        Path policies;

        @Option(names = "--purpose", paramLabel = "ID", description = "Only this purpose (e.g. welfare-support).")
        String purpose;

        @Option(names = "--type", paramLabel = "TYPE", description = "Only this message type (e.g. ReleaseNotice).")
        String type;

        @Override
        public Integer call() {
            try {
                PolicyCatalog catalog = PolicyCatalog.load(policies);
                spec.commandLine().getOut().print(new PolicyExplanation(catalog)
                        .explain(Optional.ofNullable(purpose), Optional.ofNullable(type)));
                spec.commandLine().getOut().flush();
                return 0;
            } catch (PolicyException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("tsunagi policy explain: " + e.getMessage());
                return 1;
            }
        }
    }
}
