package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's key settings are checked at start: each previous decryption key is loaded and named on failure. */
class GatewayKeysTest {

    private static final Path GATEWAY = DemoParticipants.KEYS.resolve("gateway");

    @Test
    void theSingleKeySettingsAloneStillWork() {
        var keys = PipelineConfiguration.GatewayKeys.load(properties(List.of()));
        assertThat(keys.previousDecryption()).isEmpty();
        assertThat(keys.allDecryption()).containsExactly(keys.decryption());
    }

    @Test
    void aPreviousKeyIsLoadedAfterTheCurrentOne() {
        // A participant's pair stands in for an old gateway key: any valid pair that is not the current one.
        Path old = DemoParticipants.KEYS.resolve("231002");
        var keys = PipelineConfiguration.GatewayKeys.load(properties(List.of(
                new KeysProperties.DecryptionKey(old.resolve("cert.pem"), old.resolve("key.pem")))));
        assertThat(keys.allDecryption()).hasSize(2).first().isEqualTo(keys.decryption());
    }

    @Test
    void anUnreadablePreviousKeyStopsTheGatewayNamingTheSetting() {
        assertThatThrownBy(() -> PipelineConfiguration.GatewayKeys.load(properties(List.of(
                new KeysProperties.DecryptionKey(GATEWAY.resolve("encryption-cert.pem"), Path.of("missing.pem"))))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tsunagi.keys.previous-decryption[0]").hasMessageContaining("missing.pem");
    }

    @Test
    void aKeyThatDoesNotBelongToItsCertificateIsRefused() {
        Path other = DemoParticipants.KEYS.resolve("231002");
        assertThatThrownBy(() -> PipelineConfiguration.GatewayKeys.load(properties(List.of(
                new KeysProperties.DecryptionKey(GATEWAY.resolve("encryption-cert.pem"), other.resolve("key.pem"))))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tsunagi.keys.previous-decryption[0]");
    }

    @Test
    void theCurrentKeyRepeatedAsPreviousIsRefused() {
        assertThatThrownBy(() -> PipelineConfiguration.GatewayKeys.load(properties(List.of(
                new KeysProperties.DecryptionKey(GATEWAY.resolve("encryption-cert.pem"),
                        GATEWAY.resolve("encryption-key.pem"))))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tsunagi.keys.previous-decryption[0]").hasMessageContaining("already configured");
    }

    private static KeysProperties properties(List<KeysProperties.DecryptionKey> previous) {
        return new KeysProperties(GATEWAY.resolve("encryption-cert.pem"), GATEWAY.resolve("encryption-key.pem"),
                GATEWAY.resolve("signing-cert.pem"), GATEWAY.resolve("signing-key.pem"), previous);
    }
}
