package org.tsunagi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.EnvelopeException;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.MessageOpener;
import org.tsunagi.routes.envelope.OpenedMessage;
import org.tsunagi.routes.envelope.SignerTrust;
import org.tsunagi.routes.envelope.SignerValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tsunagi poll}: download each pending message, open it, write the XML, acknowledge. */
@Command(name = "poll", mixinStandardHelpOptions = true,
        description = {"Fetch every pending message from GET /api/v1/messages, download each as the sealed CMS file, "
                + "decrypt it with your key, verify the gateway's signature and certificate (chain to --trust, CRL next "
                + "to it), write <DIR>/<id>.xml, then acknowledge it with a receipt signed by your key.",
                "A message that does not open is neither written nor acknowledged: it stays pending. Prints one "
                        + "line per message ('<id> <type> <file>').",
                "With --receipts, the same for your signed receipts (GET /api/v1/messages?kind=receipt): each is "
                        + "written as <DIR>/receipt-<id>.xml.",
                "Exit status 0 when every message was written and acknowledged, 1 otherwise (one line on stderr "
                        + "per failure), 2 on wrong options."})
final class PollCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ParticipantOptions who;

    @Option(names = "--cert", paramLabel = "FILE", description = "your certificate (PEM), with --key")
    Path cert;

    @Option(names = "--verify-inclusion", description = "after each download, prove the copy's ledger entries are in "
            + "the remembered checkpoint (see README, \"Every client remembers\")")
    boolean verifyInclusion;

    @Option(names = "--receipts", description = "fetch your signed receipts (what you submitted: accepted or "
            + "refused, with the reason code) instead of the messages sent to you")
    boolean receipts;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the messages (XML)")
    Path out;

    private final Function<String, String> environment;
    private final java.util.Map<String, String> downloaded = new java.util.HashMap<>();

    /** Reads environment variables from the process (what {@code new CommandLine(new Tsunagi())} uses). */
    PollCommand() {
        this(System::getenv);
    }

    PollCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return Failures.run(spec, () -> {
            if (who.trust == null) {
                // Also the anchor of the gateway's signing certificate: poll never trusts the JVM's store for that.
                throw new UsageException("--trust CA is required (its CRL, crl.pem beside it, is checked)");
            }
            Credentials own = who.credentials(cert, environment);
            ParticipantToken token = who.token(own);
            GatewayClient client = who.client(token);
            Optional<CheckpointMemory> memory = CheckpointMemory.watch(client, who.gateway(), environment);
            if (verifyInclusion && receipts) {
                throw new UsageException("--verify-inclusion is for messages; a receipt is not in the ledger");
            }
            if (verifyInclusion && memory.isEmpty()) {
                throw new IOException("--verify-inclusion needs a configuration directory (TSUNAGI_CONFIG_HOME or HOME)");
            }
            MessageOpener opener = new MessageOpener(own, validator());
            Files.createDirectories(out);
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            int failures = 0;
            for (JsonNode item : pending(client)) {
                String id = item.path("id").asText();
                try {
                    UUID.fromString(id); // the id becomes a file name: nothing but a UUID
                    Path written = fetch(client, opener, id, token);
                    stdout.println(id + " " + item.path("type").asText() + " " + written);
                    if (verifyInclusion) {
                        memory.get().verifyInclusion(id, who.participant, downloaded.get(id)).forEach(stdout::println);
                    }
                    stdout.flush();
                } catch (EnvelopeException e) {
                    failures++;
                    stderr.println("tsunagi poll: " + id + " refused: " + e.reason() + ": " + e.getMessage());
                } catch (IOException | IllegalArgumentException e) {
                    failures++;
                    stderr.println("tsunagi poll: " + id + ": " + e.getMessage());
                }
                stderr.flush();
            }
            return failures == 0 ? 0 : Failures.FAILED;
        });
    }

    private List<JsonNode> pending(GatewayClient client) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("limit", 100);
            query.put("cursor", cursor);
            if (receipts) {
                query.put("kind", "receipt");
            }
            JsonNode page = client.getJson("messages", query);
            page.path("items").forEach(items::add);
            cursor = page.path("next").isNull() || page.path("next").isMissingNode() ? null : page.path("next").asText();
        } while (cursor != null);
        return items;
    }

    private Path fetch(GatewayClient client, MessageOpener opener, String id, ParticipantToken token)
            throws IOException, EnvelopeException {
        String resource = (receipts ? "messages/receipts/" : "messages/") + id;
        byte[] sealed = client.exchange("GET", resource, "application/pkcs7-mime", null, null);
        downloaded.put(id, sha256(sealed));
        Path target = out.resolve((receipts ? "receipt-" : "") + id + ".xml");
        OpenedMessage opened;
        try (OutputFile xml = new OutputFile(target)) {
            opened = opener.open(new ByteArrayInputStream(sealed), xml.stream());
            xml.commit();
        }
        ObjectNode receipt = JSON.createObjectNode().put("id", id).put("sha256", sha256(sealed))
                .put("signer", opened.signerSubject());
        client.exchange("POST", resource + "/ack", null, "application/jose",
                token.signJws(JSON.writeValueAsBytes(receipt)).getBytes(StandardCharsets.US_ASCII));
        return target;
    }

    private SignerValidator validator() throws IOException {
        List<X509Certificate> anchors = KeyMaterial.certificates(who.trust);
        List<Path> crls = new ArrayList<>();
        Path dir = who.trust.toAbsolutePath().getParent();
        for (String name : List.of("crl.pem", "crl.der")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                crls.add(dir.resolve(name));
                break;
            }
        }
        return new SignerValidator(SignerTrust.of(anchors, crls));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
