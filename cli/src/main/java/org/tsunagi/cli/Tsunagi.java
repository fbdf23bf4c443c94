package org.tsunagi.cli;

import java.util.Map;
import java.util.function.Function;
import org.tsunagi.cli.audit.AuditCommand;
import org.tsunagi.cli.ledger.LedgerCommand;
import org.tsunagi.cli.ledger.LedgerVerifyCommand;
import org.tsunagi.cli.policy.PolicyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tsunagi}: the command-line tool for participants and auditors. */
@Command(name = "tsunagi", mixinStandardHelpOptions = true, version = "tsunagi 0.1.0",
        description = "Seal, open, submit and poll Tsunagi messages; verify and query the disclosure ledger.",
        subcommands = {CommandLine.HelpCommand.class, SealCommand.class, OpenCommand.class, SubmitCommand.class,
                PollCommand.class, TokenCommand.class, SftpHostKeyCommand.class, ParticipantsCommand.class,
                PolicyCommand.class, LedgerCommand.class, AuditCommand.class})
public final class Tsunagi {

    public static void main(String[] args) {
        System.exit(commandLine(System::getenv).execute(args));
    }

    /** The configured command line; {@code environment} looks up environment variables (tests pass their own). */
    public static CommandLine commandLine(Function<String, String> environment) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> type) throws Exception {
                if (type == SealCommand.class) {
                    return (K) new SealCommand(environment);
                }
                if (type == OpenCommand.class) {
                    return (K) new OpenCommand(environment);
                }
                if (type == SubmitCommand.class) {
                    return (K) new SubmitCommand(environment);
                }
                if (type == PollCommand.class) {
                    return (K) new PollCommand(environment);
                }
                if (type == AuditCommand.class) {
                    return (K) new AuditCommand(environment);
                }
                if (type == TokenCommand.class) {
                    return (K) new TokenCommand(environment);
                }
                if (type == AuditCommand.class) {
                    return (K) new AuditCommand(environment);
                }
                if (type == LedgerVerifyCommand.class) {
                    return (K) new LedgerVerifyCommand(environment);
                }
                return defaults.create(type);
            }
        };
        CommandLine commandLine = new CommandLine(new Tsunagi(), factory);
        // Wrong options: one line, not the whole usage text.
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine failed = exception.getCommandLine();
            String name = failed.getCommandSpec().qualifiedName();
            failed.getErr().println(name + ": " + exception.getMessage() + " (see '" + name + " --help')");
            failed.getErr().flush();
            return 2;
        });
        return commandLine;
    }

    static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(environment::get);
    }
}
