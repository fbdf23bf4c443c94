package org.tsunagi.routes.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyMaterialTest {

    @TempDir
    Path dir;

    @Test
    void loadsPemCertificatesAndPkcs8KeysOfEveryKind() throws Exception {
        assertThat(KeyMaterial.privateKey(DemoPki.file("facility-nagoya/key.pem")).getAlgorithm()).isEqualTo("RSA");
        assertThat(KeyMaterial.privateKey(DemoPki.file("231002/key.pem")).getAlgorithm()).isEqualTo("EC");
        assertThat(KeyMaterial.privateKey(DemoPki.file("gateway/checkpoint-ed25519.pem")).getAlgorithm())
                .isIn("Ed25519", "EdDSA");
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), Files.readString(DemoPki.file("231002/cert.pem"))
                + Files.readString(DemoPki.file("ca/cert.pem")));
        assertThat(KeyMaterial.certificates(bundle)).hasSize(2);
        // a trust anchor inside a participant's chain file is not shipped as an intermediate
        assertThat(KeyMaterial.credentials(bundle, DemoPki.file("231002/key.pem")).chain()).isEmpty();
    }

    @Test
    void loadsPkcs12Keystores() throws Exception {
        Credentials tls = KeyMaterial.pkcs12(DemoPki.file("gateway/tls.p12"), "changeit".toCharArray());
        assertThat(tls.certificate().getSubjectX500Principal().getName()).contains("CN=localhost");
        assertThatThrownBy(() -> KeyMaterial.pkcs12(DemoPki.file("gateway/tls.p12"), "wrong".toCharArray()))
                .isInstanceOf(IOException.class).hasMessageContaining("tls.p12").hasMessageContaining("password");
    }

    @Test
    void decryptsEncryptedPkcs8WithThePassword() throws Exception {
        var key = KeyMaterial.privateKey(DemoPki.file("231002/key.pem"));
        Path encrypted = dir.resolve("encrypted.pem");
        OpenSsl.ok(dir, "pkcs8", "-topk8", "-in", DemoPki.file("231002/key.pem").toString(), "-out", "encrypted.pem",
                "-passout", "pass:pw");
        assertThat(KeyMaterial.privateKey(encrypted, "pw".toCharArray())).isEqualTo(key);
        assertThatThrownBy(() -> KeyMaterial.privateKey(encrypted)).isInstanceOf(IOException.class)
                .hasMessageContaining("encrypted");
        assertThatThrownBy(() -> KeyMaterial.privateKey(encrypted, "no".toCharArray())).isInstanceOf(IOException.class);
    }

    @Test
    void clearErrorsForWrongFilesAndMismatchedPairs() {
        assertThatThrownBy(() -> KeyMaterial.certificate(DemoPki.file("231002/key.pem")))
                .isInstanceOf(IOException.class).hasMessageContaining("key.pem");
        assertThatThrownBy(() -> KeyMaterial.privateKey(DemoPki.file("231002/cert.pem")))
                .isInstanceOf(IOException.class).hasMessageContaining("no PKCS#8");
        assertThatThrownBy(() -> KeyMaterial.credentials(DemoPki.file("231002/cert.pem"),
                DemoPki.file("moj-stats/key.pem"))).isInstanceOf(IOException.class).hasMessageContaining("does not belong");
        assertThat(DemoPki.credentials("231002").toString()).doesNotContain("PRIVATE").contains("CN=231002");
    }
}
