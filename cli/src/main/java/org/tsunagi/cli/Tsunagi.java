package org.tsunagi.cli;

import org.tsunagi.cli.audit.AuditCommand;
import org.tsunagi.cli.ledger.LedgerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tsunagi}: the command-line tool for participants and auditors. */
@Command(name = "tsunagi", mixinStandardHelpOptions = true, version = "tsunagi 0.1.0",
        description = "Seal, open, submit and poll Tsunagi messages; verify and query the disclosure ledger.",
        subcommands = {CommandLine.HelpCommand.class, LedgerCommand.class, AuditCommand.class})
public final class Tsunagi {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Tsunagi()).execute(args));
    }
}
