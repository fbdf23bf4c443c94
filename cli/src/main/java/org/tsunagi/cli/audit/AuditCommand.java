package org.tsunagi.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.tsunagi.cli.CheckpointMemory;
import org.tsunagi.cli.GatewayClient;
import org.tsunagi.cli.ParticipantOptions;
import org.tsunagi.cli.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tsunagi audit}: queries the ledger as an auditor. Prints one JSON line per entry
 * ({@code {"index", "leafHash", "entry"}}), or the gateway's CSV with {@code --csv}. Every query is itself recorded in
 * the ledger by the gateway.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Query the disclosure ledger as an auditor (each query is recorded in the ledger).",
                "Subjects are given as the 64-hex reference or as scheme:value identifiers; the gateway computes the reference."})
public final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The auditor: --gateway, --participant, --key or --keystore/--password-env, --trust. */
    @Mixin
    ParticipantOptions who;

    @Option(names = "--subject", description = "64-hex subject reference or scheme:value identifier")
    String subject;

    @Option(names = "--report", description = "print the subject report for this person (64-hex reference or scheme:value)")
    String report;

    @Option(names = "--sender", description = "sender participant id")
    String sender;

    @Option(names = "--recipient", description = "recipient participant id")
    String recipient;

    @Option(names = "--purpose", description = "purpose of the disclosure")
    String purpose;

    @Option(names = "--event", split = ",", description = "event types: DISCLOSED, DELIVERED, ACKNOWLEDGED, REFUSED, QUARANTINED, AUDIT_QUERY")
    List<String> events;

    @Option(names = "--from", description = "entries at or after this instant (ISO-8601, e.g. 2026-04-01T00:00:00Z)")
    String from;

    @Option(names = "--to", description = "entries before this instant (ISO-8601)")
    String to;

    @Option(names = "--limit", description = "entries per page")
    Integer limit;

    @Option(names = "--all", description = "follow every page (default: first page only)")
    boolean all;

    @Option(names = "--csv", description = "print CSV (disclosure searches only)")
    boolean csv;

    private final ObjectMapper json = new ObjectMapper();
    private final Function<String, String> environment;

    /** Reads environment variables from the process (what {@code new CommandLine(new Tsunagi())} uses). */
    public AuditCommand() {
        this(System::getenv);
    }

    /** {@code environment} finds the keystore password and the directory where checkpoints are remembered. */
    public AuditCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            GatewayClient client = who.client(who.token(environment));
            CheckpointMemory.watch(client, who.gateway(), environment);
            String cursor = null;
            do {
                Map<String, Object> query = new LinkedHashMap<>();
                query.put("cursor", cursor);
                query.put("limit", limit);
                if (report != null) {
                    JsonNode page = client.getJson("audit/subjects/"
                            + URLEncoder.encode(report, StandardCharsets.UTF_8).replace("+", "%20") + "/report", query);
                    printItems(out, page);
                    cursor = next(page);
                } else {
                    query.put("subject", subject);
                    query.put("sender", sender);
                    query.put("recipient", recipient);
                    query.put("purpose", purpose);
                    query.put("event", events);
                    query.put("from", from);
                    query.put("to", to);
                    if (csv) {
                        out.print(client.get("audit/disclosures", query, "text/csv"));
                        cursor = null; // CSV pages are followed with --limit and X-Next-Cursor by scripts, not here
                    } else {
                        JsonNode page = client.getJson("audit/disclosures", query);
                        printItems(out, page);
                        cursor = next(page);
                    }
                }
            } while (all && cursor != null);
            if (cursor != null) {
                err.println("more entries: repeat with --all");
            }
            out.flush();
            err.flush();
            return 0;
        } catch (UsageException e) {
            err.println("audit: " + e.getMessage() + " (see 'tsunagi audit --help')");
            err.flush();
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("audit: error: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private void printItems(PrintWriter out, JsonNode page) throws IOException {
        for (JsonNode item : page.path("items")) {
            ObjectNode line = json.createObjectNode();
            line.set("index", item.path("index"));
            line.set("leafHash", item.path("leafHash"));
            line.set("entry", item.path("entry"));
            out.println(json.writeValueAsString(line));
        }
    }

    private static String next(JsonNode page) {
        JsonNode next = page.path("next");
        return next.isNull() || next.isMissingNode() ? null : next.asText();
    }
}
