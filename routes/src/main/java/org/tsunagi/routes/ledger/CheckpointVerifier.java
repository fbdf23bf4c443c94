package org.tsunagi.routes.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * Verifies a C2SP signed-note checkpoint against one trusted Ed25519 public key. The key name is the checkpoint's
 * origin unless given; a signature line counts only if its name and key id match the trusted key and its
 * signature verifies over the body. Signatures by other keys are ignored, as the signed-note spec requires.
 */
public final class CheckpointVerifier {

    private static final int MAX_NOTE = 1 << 16;

    private final PublicKey key;
    private final byte[] rawPublic;
    private final String keyName;

    /** @param keyName the expected key name, or null to expect the checkpoint's origin */
    public CheckpointVerifier(PublicKey key, String keyName) {
        this.key = key;
        this.rawPublic = NoteKeys.raw(key);
        this.keyName = keyName;
    }

    /** Loads the trusted key from an SPKI PEM file ({@code -----BEGIN PUBLIC KEY-----}). */
    public static CheckpointVerifier fromPem(Path publicKeyPem, String keyName) throws IOException, GeneralSecurityException {
        return new CheckpointVerifier(NoteKeys.publicKey(publicKeyPem), keyName);
    }

    /** Builds a verifier from the signed-note verifier key text {@code name+hex+base64}. */
    public static CheckpointVerifier fromVerifierKey(String vkey) throws GeneralSecurityException {
        String[] parts = vkey.trim().split("\\+", 3);
        if (parts.length != 3) {
            throw new GeneralSecurityException("a verifier key reads name+keyid+base64key");
        }
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        if (typed.length != 33 || typed[0] != NoteKeys.ED25519) {
            throw new GeneralSecurityException("only Ed25519 verifier keys are supported");
        }
        return new CheckpointVerifier(NoteKeys.publicFromRaw(Arrays.copyOfRange(typed, 1, 33)), parts[0]);
    }

    /** The verified checkpoint; throws if the note is malformed or carries no valid signature by the trusted key. */
    public Checkpoint verify(String note) throws CheckpointException {
        if (note == null || note.length() > MAX_NOTE) {
            throw new CheckpointException("no checkpoint, or one larger than 64 KiB");
        }
        int split = note.indexOf("\n\n");
        if (split < 0) {
            throw new CheckpointException("signed note has no blank line before its signatures");
        }
        String body = note.substring(0, split + 1);
        Checkpoint checkpoint = Checkpoint.parseBody(body);
        String expectedName = keyName != null ? keyName : checkpoint.origin();
        byte[] expectedId = NoteKeys.keyId(expectedName, rawPublic);
        String[] sigLines = note.substring(split + 2).split("\n", -1);
        boolean verified = false;
        for (String line : sigLines) {
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("\u2014 ")) {
                throw new CheckpointException("malformed signature line in checkpoint");
            }
            String[] parts = line.substring(2).split(" ");
            if (parts.length != 2) {
                throw new CheckpointException("malformed signature line in checkpoint");
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new CheckpointException("signature is not base64");
            }
            if (!parts[0].equals(expectedName) || blob.length != 4 + 64
                    || !MessageDigest.isEqual(Arrays.copyOf(blob, 4), expectedId)) {
                continue;
            }
            try {
                Signature ed = Signature.getInstance("Ed25519");
                ed.initVerify(key);
                ed.update(body.getBytes(StandardCharsets.UTF_8));
                if (!ed.verify(Arrays.copyOfRange(blob, 4, blob.length))) {
                    throw new CheckpointException("checkpoint signature by " + expectedName + " does not verify");
                }
                verified = true;
            } catch (GeneralSecurityException e) {
                throw new CheckpointException("checkpoint signature cannot be checked: " + e.getMessage());
            }
        }
        if (!verified) {
            throw new CheckpointException("checkpoint carries no signature by the trusted key " + expectedName);
        }
        return checkpoint;
    }
}
