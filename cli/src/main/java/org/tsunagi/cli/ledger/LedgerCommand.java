package org.tsunagi.cli.ledger;

import picocli.CommandLine.Command;

/** {@code tsunagi ledger}: commands about the disclosure ledger. */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "Verify the gateway's disclosure ledger.",
        subcommands = {LedgerVerifyCommand.class})
public final class LedgerCommand {
}
