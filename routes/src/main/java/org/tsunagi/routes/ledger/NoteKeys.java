package org.tsunagi.routes.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.tsunagi.routes.envelope.KeyMaterial;

/**
 * Ed25519 keys for signed notes: private keys through the shared {@link KeyMaterial} loader, SPKI public keys, and
 * the C2SP signed-note key id.
 */
final class NoteKeys {

    /** The signed-note algorithm byte for Ed25519. */
    static final byte ED25519 = 0x01;

    private NoteKeys() {
    }

    static byte[] pemBody(Path file, String label) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(file + " is not a PEM " + label);
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        PrivateKey key = KeyMaterial.privateKey(file);
        if (!"Ed25519".equalsIgnoreCase(key.getAlgorithm()) && !"EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
            throw new GeneralSecurityException(file + " is not an Ed25519 private key");
        }
        return key;
    }

    static PublicKey publicKey(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(pemBody(file, "PUBLIC KEY")));
    }

    /** The 32-byte raw public key of an Ed25519 private key. */
    static byte[] rawPublicOf(PrivateKey key) {
        byte[] seed = ASN1OctetString.getInstance(PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKey().getOctets())
                .getOctets();
        return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    }

    static byte[] raw(PublicKey key) {
        byte[] raw = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
        if (raw.length != 32) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return raw;
    }

    static PublicKey publicFromRaw(byte[] raw) throws GeneralSecurityException {
        byte[] spkiPrefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        byte[] spki = Arrays.copyOf(spkiPrefix, spkiPrefix.length + raw.length);
        System.arraycopy(raw, 0, spki, spkiPrefix.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    /** C2SP signed-note key id: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || raw public key). */
    static byte[] keyId(String name, byte[] rawPublic) {
        MessageDigest sha = MerkleHashes.sha256();
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        sha.update(ED25519);
        return Arrays.copyOf(sha.digest(rawPublic), 4);
    }
}
