package org.tsunagi.routes.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SubjectKeyTest {

    private final byte[] secret = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private final SubjectKey key = new SubjectKey(secret);

    @Test
    void referenceIsHmacSha256OfTheNormalisedIdentifier() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("inmate-number:AB12345".getBytes(StandardCharsets.UTF_8)));

        assertThat(key.reference("inmate-number", "AB12345").hex()).isEqualTo(expected);
        // Full-width characters, case and spacing do not change who the person is.
        assertThat(key.reference("Inmate-Number", " ａｂ１２ ３４５ ").hex()).isEqualTo(expected);
        assertThat(key.reference("inmate-number:ab12345").hex()).isEqualTo(expected);
        assertThat(key.reference("inmate-number", "AB12346")).isNotEqualTo(key.reference("inmate-number", "AB12345"));
        assertThat(new SubjectKey(new byte[32]).reference("inmate-number", "AB12345").hex()).isNotEqualTo(expected);
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> new SubjectKey(new byte[16])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> key.reference("no-colon")).hasMessageContaining("scheme:value");
        assertThatThrownBy(() -> key.reference("bad scheme", "1")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> key.reference("x", "   ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new SubjectReference("ABC")).hasMessageContaining("64 lower-case hex");
    }
}
