package org.tsunagi.routes.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    private static final Path KEYS = Path.of("..", "keys-example", "gateway");
    private static final String ORIGIN = "tsunagi-gateway/ledger";

    private final byte[] root = MerkleHashes.leaf(new byte[] {1, 2, 3});

    @Test
    void signedNoteHasTheC2spShapeAndVerifiesWithTheGatewayPublicKey() throws Exception {
        CheckpointSigner signer = CheckpointSigner.fromPem(ORIGIN, KEYS.resolve("checkpoint-ed25519.pem"));
        String note = signer.sign(new Checkpoint(ORIGIN, 42, root));

        String[] lines = note.split("\n", -1);
        assertThat(lines[0]).isEqualTo(ORIGIN);
        assertThat(lines[1]).isEqualTo("42");
        assertThat(Base64.getDecoder().decode(lines[2])).isEqualTo(root);
        assertThat(lines[3]).isEmpty();
        assertThat(lines[4]).startsWith("\u2014 " + ORIGIN + " ");
        assertThat(Base64.getDecoder().decode(lines[4].substring(lines[4].lastIndexOf(' ') + 1))).hasSize(68);
        assertThat(note).endsWith("\n");

        Checkpoint verified = CheckpointVerifier.fromPem(KEYS.resolve("checkpoint-ed25519.pub.pem"), null).verify(note);
        assertThat(verified.treeSize()).isEqualTo(42);
        assertThat(verified.rootHash()).isEqualTo(root);
        assertThat(CheckpointVerifier.fromVerifierKey(signer.verifierKey()).verify(note).treeSize()).isEqualTo(42);
        assertThat(signer.verifierKey()).matches("tsunagi-gateway/ledger\\+[0-9a-f]{8}\\+[A-Za-z0-9+/=]{44}");
    }

    @Test
    void alteredNotesAndForeignKeysAreRefused() throws Exception {
        CheckpointSigner signer = CheckpointSigner.fromPem(ORIGIN, KEYS.resolve("checkpoint-ed25519.pem"));
        CheckpointVerifier verifier = CheckpointVerifier.fromPem(KEYS.resolve("checkpoint-ed25519.pub.pem"), null);
        String note = signer.sign(new Checkpoint(ORIGIN, 42, root));

        assertThatThrownBy(() -> verifier.verify(note.replaceFirst("\n42\n", "\n43\n")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("does not verify");
        assertThatThrownBy(() -> verifier.verify(note.replace(ORIGIN + "\n", "other/log\n")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("no signature by the trusted key");
        assertThatThrownBy(() -> verifier.verify(note.substring(0, note.indexOf("\n\n") + 2)))
                .isInstanceOf(CheckpointException.class);
        assertThatThrownBy(() -> verifier.verify("garbage")).isInstanceOf(CheckpointException.class);

        KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
        String forged = new CheckpointSigner(ORIGIN, gen.generateKeyPair().getPrivate()).sign(new Checkpoint(ORIGIN, 42, root));
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("no signature by the trusted key");
    }
}
