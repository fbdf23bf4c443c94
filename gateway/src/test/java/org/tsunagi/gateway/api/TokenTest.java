package org.tsunagi.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bearer-token refusals: each is a 401 problem+json with its own type, and a refused token leaves no trace in the
 * replay cache (it cannot be used to burn a legitimate jti). GET /api/v1/messages as Nagoya City (231002).
 */
@ApiTest
class TokenTest {

    static final String NAGOYA = "231002";
    static final String LIST = "/api/v1/messages";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void aValidTokenIsAcceptedOnceAndItsReplayIsRefused() {
        String token = TestTokens.token(NAGOYA);

        HttpResponse<byte[]> first = api.get(LIST, token, "application/json");
        HttpResponse<byte[]> replay = api.get(LIST, token, "application/json");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(ApiClient.problemType(replay)).isEqualTo("urn:tsunagi:problem:token-replayed");
        assertThat(replay.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    @Test
    void refusesAMissingToken() {
        HttpResponse<byte[]> response = api.get(LIST, null, "application/json");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(ApiClient.problemType(response)).isEqualTo("urn:tsunagi:problem:missing-token");
    }

    @Test
    void refusesAnExpiredToken() {
        Instant past = Instant.now().minusSeconds(600);
        assertRefused(TestTokens.token(NAGOYA, c -> c.issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(120)))), "token-expired");
    }

    @Test
    void refusesATokenNotYetValid() {
        Instant later = Instant.now().plusSeconds(180);
        assertRefused(TestTokens.token(NAGOYA, c -> c.notBeforeTime(Date.from(later))
                .expirationTime(Date.from(later.plusSeconds(60)))), "invalid-token");
    }

    @Test
    void refusesATokenIssuedInTheFuture() {
        Instant later = Instant.now().plusSeconds(180);
        assertRefused(TestTokens.token(NAGOYA, c -> c.issueTime(Date.from(later))), "invalid-token");
    }

    @Test
    void refusesATokenLivingLongerThanFiveMinutes() {
        assertRefused(TestTokens.token(NAGOYA, c -> c.expirationTime(Date.from(Instant.now().plusSeconds(3600)))),
                "token-lifetime-too-long");
    }

    @Test
    void refusesAWrongAudience() {
        assertRefused(TestTokens.token(NAGOYA, c -> c.audience("another-gateway")), "invalid-token");
    }

    @Test
    void refusesAnUnknownIssuer() {
        // Signed by Nagoya City's key, but naming an issuer that is not registered.
        assertRefused(TestTokens.token(NAGOYA, c -> c.issuer("999999")), "invalid-token");
    }

    @Test
    void refusesATokenSignedWithAnotherParticipantsKey() {
        // Otsu City signs a token claiming to be Nagoya City (both keys valid, wrong one for this issuer).
        assertRefused(TestTokens.sign(TestTokens.keyFile("auditor"), TestTokens.claims(NAGOYA).build()),
                "invalid-token");
        // RSA key of Aichi with PS256, for an issuer whose registered key is EC.
        assertRefused(TestTokens.sign(TestTokens.keyFile("230006"), TestTokens.claims(NAGOYA).build()),
                "invalid-token");
    }

    @Test
    void refusesAlgNone() {
        assertRefused(new PlainJWT(TestTokens.claims(NAGOYA).build()).serialize(), "invalid-token");
    }

    @Test
    void refusesHs256WithTheRegisteredPublicKeyAsTheSecret() throws Exception {
        byte[] publicPem = Files.readAllBytes(TestTokens.KEYS.resolve(NAGOYA).resolve("cert.pem"));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), TestTokens.claims(NAGOYA).build());
        jwt.sign(new MACSigner(publicPem));
        assertRefused(jwt.serialize(), "invalid-token");
    }

    @Test
    void refusesATamperedToken() {
        String[] parts = TestTokens.token(NAGOYA).split("\\.");
        String claims = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"231002\"", "\"252018\"");
        assertRefused(parts[0] + "." + Base64URL.encode(claims) + "." + parts[2], "invalid-token");
    }

    @Test
    void refusesATokenWithoutJti() {
        assertRefused(TestTokens.token(NAGOYA, c -> c.jwtID(null)), "invalid-token");
    }

    @Test
    void refusesAnOversizeTokenBeforeParsingIt() {
        String padding = "x".repeat(5000);
        assertRefused(TestTokens.token(NAGOYA, c -> c.claim("pad", padding)), "token-too-large");
    }

    @Test
    void refusesGarbage() {
        assertRefused("not-a-jwt", "invalid-token");
    }

    private void assertRefused(String token, String cause) {
        long remembered = replayRows();
        HttpResponse<byte[]> response = api.send("GET", LIST, token, Map.of("Accept", "application/json"), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(ApiClient.problemType(response)).isEqualTo("urn:tsunagi:problem:" + cause);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("\"items\"");
        assertThat(replayRows()).as("a refused token does not use up a jti").isEqualTo(remembered);
    }

    private long replayRows() {
        return jdbc.sql("SELECT COUNT(*) FROM token_replay").query(Long.class).single();
    }
}
