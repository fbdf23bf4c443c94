package org.tsunagi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tsunagi.routes.ledger.CanonicalJson;
import org.tsunagi.routes.ledger.Checkpoint;
import org.tsunagi.routes.ledger.CheckpointException;
import org.tsunagi.routes.ledger.CheckpointVerifier;
import org.tsunagi.routes.ledger.ConsistencyProof;
import org.tsunagi.routes.ledger.InclusionProof;
import org.tsunagi.routes.ledger.MerkleHashes;

/**
 * What every client remembers of a gateway's ledger, as Certificate Transparency clients and Go's checksum database
 * client do: the last checkpoint it verified, per gateway, in {@code <config>/gateways/<host>_<port>/checkpoint.note}
 * ({@code <config>} is {@code $TSUNAGI_CONFIG_HOME}, else {@code $XDG_CONFIG_HOME/tsunagi}, else
 * {@code $HOME/.config/tsunagi}). Each response's {@code Tsunagi-Checkpoint} must be consistent with it (an RFC 9162
 * consistency proof, fetched from the gateway and verified here); otherwise the command stops and prints both
 * checkpoints as evidence. With {@code checkpoint-key.pem} (the gateway's Ed25519 checkpoint public key) in that
 * directory, signatures are verified too.
 */
public final class CheckpointMemory implements GatewayClient.CheckpointObserver {

    private final Path dir;
    private final CheckpointVerifier verifier;
    private GatewayClient client;
    private String lastSeen;
    private boolean checking;

    private CheckpointMemory(Path dir, CheckpointVerifier verifier) {
        this.dir = dir;
        this.verifier = verifier;
    }

    /** The memory for {@code gateway}, or empty when no configuration directory can be found. */
    public static Optional<CheckpointMemory> of(URI gateway, Function<String, String> environment) throws IOException {
        Path config = configHome(environment);
        if (config == null) {
            return Optional.empty();
        }
        String host = gateway.getHost() == null ? "gateway" : gateway.getHost();
        int port = gateway.getPort() >= 0 ? gateway.getPort() : "http".equals(gateway.getScheme()) ? 80 : 443;
        Path dir = config.resolve("gateways").resolve((host + "_" + port).replaceAll("[^A-Za-z0-9._-]", "_"));
        Path key = dir.resolve("checkpoint-key.pem");
        CheckpointVerifier verifier = null;
        if (Files.isRegularFile(key)) {
            try {
                verifier = CheckpointVerifier.fromPem(key, null);
            } catch (GeneralSecurityException e) {
                throw new IOException(key + ": " + e.getMessage(), e);
            }
        }
        return Optional.of(new CheckpointMemory(dir, verifier));
    }

    /** Attaches the memory to {@code client}, if there is one: every later response is checked. */
    public static Optional<CheckpointMemory> watch(GatewayClient client, URI gateway, Function<String, String> environment)
            throws IOException {
        Optional<CheckpointMemory> memory = of(gateway, environment);
        if (memory.isPresent()) {
            memory.get().client = client;
            client.observeCheckpoints(memory.get());
        }
        return memory;
    }

    private static Path configHome(Function<String, String> environment) {
        String own = environment.apply("TSUNAGI_CONFIG_HOME");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = environment.apply("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "tsunagi");
        }
        String home = environment.apply("HOME");
        return home == null || home.isBlank() ? null : Path.of(home, ".config", "tsunagi");
    }

    Path file() {
        return dir.resolve("checkpoint.note");
    }

    @Override
    public synchronized void observe(String base64Note) throws IOException {
        if (checking || base64Note.equals(lastSeen)) {
            return;
        }
        checking = true;
        try {
            String note = new String(Base64.getDecoder().decode(base64Note), StandardCharsets.UTF_8);
            accept(note);
            lastSeen = base64Note;
        } catch (IllegalArgumentException e) {
            throw new IOException("the gateway's Tsunagi-Checkpoint header is not base64");
        } finally {
            checking = false;
        }
    }

    /** The latest checkpoint this memory verified, if any. */
    public synchronized Optional<Checkpoint> latest() throws IOException {
        if (!Files.exists(file())) {
            return Optional.empty();
        }
        return Optional.of(parse(Files.readString(file(), StandardCharsets.UTF_8), file().toString()));
    }

    private void accept(String note) throws IOException {
        Checkpoint fresh = parse(note, "the gateway's checkpoint");
        if (!Files.exists(file())) {
            remember(note);
            return;
        }
        String oldNote = Files.readString(file(), StandardCharsets.UTF_8);
        Checkpoint old = parse(oldNote, file().toString());
        if (!old.origin().equals(fresh.origin())) {
            throw inconsistent(oldNote, note, "the checkpoint names another log");
        }
        if (fresh.treeSize() == old.treeSize()) {
            if (!MessageDigest.isEqual(fresh.rootHash(), old.rootHash())) {
                throw inconsistent(oldNote, note, "two different trees of the same size");
            }
            return;
        }
        boolean forward = fresh.treeSize() > old.treeSize();
        Checkpoint from = forward ? old : fresh;
        Checkpoint to = forward ? fresh : old;
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("from", from.treeSize());
        query.put("to", to.treeSize());
        JsonNode proof = client.getJson("audit/proofs/consistency", query);
        List<byte[]> hashes = new ArrayList<>();
        for (JsonNode hash : proof.path("hashes")) {
            hashes.add(Base64.getDecoder().decode(hash.asText()));
        }
        if (!new ConsistencyProof(from.treeSize(), to.treeSize(), hashes).verify(from.rootHash(), to.rootHash())) {
            throw inconsistent(oldNote, note, "no valid consistency proof between them");
        }
        if (forward) {
            remember(note);
        }
    }

    private Checkpoint parse(String note, String what) throws IOException {
        try {
            return verifier != null ? verifier.verify(note) : Checkpoint.parseUnverified(note);
        } catch (CheckpointException e) {
            throw new IOException(what + ": " + e.getMessage());
        }
    }

    private void remember(String note) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".checkpoint", ".tmp");
        Files.writeString(tmp, note, StandardCharsets.UTF_8);
        Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** One line (the CLI's failures are one line): both signed notes in base64, exactly as signed, as evidence. */
    private IOException inconsistent(String oldNote, String newNote, String why) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new IOException("REFUSED: the gateway's ledger is not consistent with the checkpoint remembered in "
                + file() + " (" + why + "); it may be showing a rewritten history. Evidence (signed notes, base64): "
                + "remembered " + summary(oldNote) + " " + b64.encodeToString(oldNote.getBytes(StandardCharsets.UTF_8))
                + " served " + summary(newNote) + " " + b64.encodeToString(newNote.getBytes(StandardCharsets.UTF_8))
                + " (keep both; tell the gateway's operator and your auditor)");
    }

    private static String summary(String note) {
        try {
            Checkpoint checkpoint = Checkpoint.parseUnverified(note);
            return "[size " + checkpoint.treeSize() + " root " + Base64.getEncoder().encodeToString(checkpoint.rootHash())
                    + "]";
        } catch (CheckpointException e) {
            return "[unreadable]";
        }
    }

    /**
     * Checks that copy {@code copyId}'s entries addressed to {@code recipient} are in the tree of the remembered
     * checkpoint: each entry hashes to its leaf, its inclusion proof verifies against the remembered root, and the
     * DISCLOSED entry names the digest of what was downloaded. Returns one line per entry (proven or pending).
     */
    public List<String> verifyInclusion(String copyId, String recipient, String downloadedSha256) throws IOException {
        Checkpoint checkpoint = latest().orElseThrow(() -> new IOException("no remembered checkpoint to prove against"));
        JsonNode items = client.getJson("audit/proofs/copies/" + copyId, Map.of("treeSize", checkpoint.treeSize()))
                .path("items");
        List<String> lines = new ArrayList<>();
        boolean disclosed = false;
        for (JsonNode item : items) {
            long index = item.path("index").asLong(-1);
            JsonNode entry = item.path("entry");
            String event = entry.path("event").asText();
            byte[] leaf = MerkleHashes.leaf(CanonicalJson.canonicalize(entry.toString()));
            if (!MessageDigest.isEqual(leaf, Base64.getDecoder().decode(item.path("leafHash").asText()))
                    || !copyId.equals(entry.path("copyId").asText()) || !recipient.equals(entry.path("recipient").asText())) {
                throw new IOException("ledger entry " + index + " is not the entry of copy " + copyId + " for " + recipient);
            }
            if (event.equals("DISCLOSED")) {
                disclosed = true;
                if (!downloadedSha256.equals(entry.path("sealedSha256").asText())) {
                    throw new IOException("ledger entry " + index + " names another sealed copy than the one downloaded");
                }
            }
            JsonNode proof = item.path("proof");
            if (proof.isNull() || proof.isMissingNode()) {
                lines.add(copyId + " " + event + " entry " + index + " pending (not yet in checkpoint size "
                        + checkpoint.treeSize() + ")");
                continue;
            }
            List<byte[]> hashes = new ArrayList<>();
            proof.path("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
            if (!new InclusionProof(index, checkpoint.treeSize(), hashes).verify(leaf, checkpoint.rootHash())) {
                throw new IOException("ledger entry " + index + " of copy " + copyId + " is NOT in the tree of the "
                        + "remembered checkpoint (size " + checkpoint.treeSize() + ")");
            }
            lines.add(copyId + " " + event + " entry " + index + " included in checkpoint size " + checkpoint.treeSize());
        }
        if (!disclosed) {
            throw new IOException("the ledger has no DISCLOSED entry of copy " + copyId + " for " + recipient);
        }
        return lines;
    }
}
