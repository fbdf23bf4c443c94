package org.tsunagi.cli.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.tsunagi.cli.GatewayClient;
import org.tsunagi.cli.ParticipantOptions;
import org.tsunagi.cli.UsageException;
import org.tsunagi.routes.ledger.Checkpoint;
import org.tsunagi.routes.ledger.CheckpointException;
import org.tsunagi.routes.ledger.CheckpointVerifier;
import org.tsunagi.routes.ledger.ConsistencyProof;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tsunagi ledger verify}: trusts nothing but the gateway's checkpoint public key. Verifies the latest signed
 * checkpoint, recomputes the tree from every entry, checks it is consistent with the checkpoint kept from the last run,
 * and keeps the new one. Exit 0 and one summary line, or exit 1 and one line naming the first bad index.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify the ledger: checkpoint signature, every entry, the root, and consistency with the last run."})
public final class LedgerVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** --gateway and --trust; the auditor (--participant with --key or --keystore) for the raw entries. */
    @Mixin
    ParticipantOptions who;

    @Option(names = "--trust-key", required = true, description = "the gateway's checkpoint public key (Ed25519 SPKI PEM)")
    Path trustKey;

    @Option(names = "--state", description = "file keeping the last verified checkpoint (and FILE.leaves, its leaf hashes)")
    Path state;

    @Option(names = "--key-name", description = "signed-note key name (default: the checkpoint's origin)")
    String keyName;

    @Option(names = "--tsa-cert", description = "certificate (PEM) of the RFC 3161 time-stamping authority: also "
            + "require and check the checkpoint's timestamp")
    Path tsaCertificate;

    private final Function<String, String> environment;

    /** Reads environment variables from the process (what {@code new CommandLine(new Tsunagi())} uses). */
    public LedgerVerifyCommand() {
        this(System::getenv);
    }

    public LedgerVerifyCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            CheckpointVerifier verifier = CheckpointVerifier.fromPem(trustKey, keyName);
            GatewayClient client = who.client(who.identified() ? who.token(environment) : null);
            LedgerState previous = state == null ? null : LedgerState.read(state, verifier);
            String summary = verify(client, verifier, previous);
            out.println(summary);
            out.flush();
            return 0;
        } catch (VerificationFailure e) {
            err.println("ledger verify: FAILED: " + e.getMessage());
        } catch (UsageException e) {
            err.println("ledger verify: " + e.getMessage() + " (see 'tsunagi ledger verify --help')");
            err.flush();
            return 2;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            err.println("ledger verify: error: " + e.getMessage());
        }
        err.flush();
        return 1;
    }

    private String verify(GatewayClient client, CheckpointVerifier verifier, LedgerState previous)
            throws IOException, VerificationFailure {
        String note = client.get("audit/checkpoint", Map.of(), "text/plain");
        Checkpoint checkpoint;
        try {
            checkpoint = verifier.verify(note);
        } catch (CheckpointException e) {
            throw new VerificationFailure("checkpoint: " + e.getMessage());
        }
        long size = checkpoint.treeSize();
        if (previous != null && size < previous.checkpoint().treeSize()) {
            throw new VerificationFailure("the signed checkpoint went back from size " + previous.checkpoint().treeSize()
                    + " to " + size + ": entries were removed");
        }

        LeafRecomputation tree = new LeafRecomputation(previous);
        long start = 0;
        while (start < size) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("start", start);
            query.put("end", size);
            JsonNode page = client.getJson("audit/entries", query);
            JsonNode items = page.path("items");
            if (!items.isArray() || items.isEmpty()) {
                throw new VerificationFailure("first bad index " + tree.size() + ": entry " + tree.size() + " is missing");
            }
            for (JsonNode item : items) {
                if (tree.size() >= size) {
                    break;
                }
                tree.add(item.path("index").asLong(-1), item.path("entry"), decode(item.path("leafHash").asText()),
                        item.path("columns"));
            }
            // Each page is asked for by index (not by the opaque cursor): an entry the gateway skips shows up as an
            // index out of order in LeafRecomputation, or as a missing entry on the next request.
            start = tree.size();
        }
        if (tree.size() != size) {
            throw new VerificationFailure("first bad index " + tree.size() + ": entry " + tree.size() + " is missing");
        }
        if (!MessageDigest.isEqual(tree.root(), checkpoint.rootHash())) {
            throw new VerificationFailure("the root recomputed from the " + size
                    + " entries does not match the signed checkpoint" + (previous == null
                    ? " (an entry was changed, removed or reordered; keep --state to locate it next time)"
                    : " (entries after index " + (previous.checkpoint().treeSize() - 1) + " were changed)"));
        }
        String consistency = "";
        if (previous != null) {
            Checkpoint old = previous.checkpoint();
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("from", old.treeSize());
            query.put("to", size);
            JsonNode proof = client.getJson("audit/proofs/consistency", query);
            List<byte[]> hashes = new ArrayList<>();
            proof.path("hashes").forEach(h -> hashes.add(decode(h.asText())));
            if (!new ConsistencyProof(old.treeSize(), size, hashes).verify(old.rootHash(), checkpoint.rootHash())) {
                throw new VerificationFailure("the signed checkpoint at size " + size
                        + " is not consistent with the one verified on the previous run at size " + old.treeSize());
            }
            consistency = ", consistent with the previous checkpoint at size " + old.treeSize();
        }
        String timestamp = tsaCertificate == null ? "" : timestamp(client, note, size);
        if (state != null) {
            LedgerState.write(state, note, tree.leaves());
        }
        return "ledger verified: tree size " + size + ", root " + Base64.getEncoder().encodeToString(checkpoint.rootHash())
                + consistency + timestamp;
    }

    /** The checkpoint's RFC 3161 timestamp, checked against the TSA certificate given with --tsa-cert. */
    private String timestamp(GatewayClient client, String note, long size) throws IOException, VerificationFailure {
        java.security.cert.X509Certificate tsa = org.tsunagi.routes.envelope.KeyMaterial.certificate(tsaCertificate);
        byte[] response;
        try {
            response = client.exchange("GET", "audit/checkpoint/timestamp?size=" + size, "application/timestamp-reply",
                    null, null);
        } catch (IOException e) {
            throw new VerificationFailure("no RFC 3161 timestamp for the checkpoint at size " + size + ": " + e.getMessage());
        }
        try {
            org.tsunagi.routes.ledger.CheckpointTimestamps.Verified verified =
                    org.tsunagi.routes.ledger.CheckpointTimestamps.verify(response, note, tsa);
            return ", timestamped " + verified.time() + " by " + verified.tsa();
        } catch (org.bouncycastle.tsp.TSPException e) {
            throw new VerificationFailure("the checkpoint's RFC 3161 timestamp does not verify: " + e.getMessage());
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** A check that failed: the message is the one-line reason, naming the first bad index when known. */
    static final class VerificationFailure extends Exception {
        VerificationFailure(String message) {
            super(message);
        }
    }
}
