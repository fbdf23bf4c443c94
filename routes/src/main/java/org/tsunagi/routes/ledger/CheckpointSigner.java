package org.tsunagi.routes.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs checkpoints as C2SP signed notes with an Ed25519 key: the body, an empty line, then
 * {@code "— <key name> <base64(key id || signature)>"}.
 */
public final class CheckpointSigner {

    private final String keyName;
    private final PrivateKey key;
    private final byte[] rawPublic;
    private final byte[] keyId;

    public CheckpointSigner(String keyName, PrivateKey key) {
        if (keyName == null || keyName.isEmpty() || keyName.contains(" ") || keyName.contains("+")
                || keyName.contains("\n")) {
            throw new IllegalArgumentException("a signed-note key name is non-empty, without spaces or '+'");
        }
        this.keyName = keyName;
        this.key = key;
        this.rawPublic = NoteKeys.rawPublicOf(key);
        this.keyId = NoteKeys.keyId(keyName, rawPublic);
    }

    /** Loads the Ed25519 private key from a PKCS#8 PEM file. */
    public static CheckpointSigner fromPem(String keyName, Path privateKeyPem) throws IOException, GeneralSecurityException {
        return new CheckpointSigner(keyName, NoteKeys.privateKey(privateKeyPem));
    }

    /** The signed note for {@code checkpoint}. */
    public String sign(Checkpoint checkpoint) {
        String body = checkpoint.body();
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(key);
            ed.update(body.getBytes(StandardCharsets.UTF_8));
            byte[] sig = ed.sign();
            byte[] blob = new byte[keyId.length + sig.length];
            System.arraycopy(keyId, 0, blob, 0, keyId.length);
            System.arraycopy(sig, 0, blob, keyId.length, sig.length);
            return body + "\n\u2014 " + keyName + " " + Base64.getEncoder().encodeToString(blob) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The verifier key in the signed-note text form {@code name+hex key id+base64(0x01 || key)}. */
    public String verifierKey() {
        byte[] typed = new byte[1 + rawPublic.length];
        typed[0] = NoteKeys.ED25519;
        System.arraycopy(rawPublic, 0, typed, 1, rawPublic.length);
        return keyName + "+" + HexFormat.of().formatHex(keyId) + "+" + Base64.getEncoder().encodeToString(typed);
    }
}
