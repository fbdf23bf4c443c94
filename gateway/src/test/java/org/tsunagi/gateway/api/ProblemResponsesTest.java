package org.tsunagi.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every refusal of the HTTPS API is problem+json with a stable type, also those raised by Spring itself. */
@ApiTest
class ProblemResponsesTest {

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void firewallRejectionsAreProblemJsonNotTheContainersHtmlPage() {
        // (Tomcat itself refuses %2F and %00 before any filter runs; those keep the container's answer.)
        for (String path : new String[] {"/api/v1/messages;jsessionid=1", "/api/v1/audit/%2e%2e/messages",
                "/api/v1/messages/%2e%2e/audit/entries"}) {
            HttpResponse<byte[]> response = api.get(path, TestTokens.token("231002"), "application/json");

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(ApiClient.problemType(response)).as(path).isEqualTo("urn:tsunagi:problem:request-rejected");
            String body = new String(response.body(), StandardCharsets.UTF_8);
            assertThat(body).as(path).doesNotContain("<html", "jsessionid", "entries", "Tomcat");
        }
    }

    @Test
    void springMvcRefusalsAreProblemJsonWithStableTypes() {
        // A token is good for one request.
        HttpResponse<byte[]> notAcceptable = api.get("/api/v1/audit/checkpoint", TestTokens.token("231002"),
                "application/json");
        HttpResponse<byte[]> notFound = api.get("/api/v1/audit/nothing-here", TestTokens.token("auditor"),
                "application/json");
        HttpResponse<byte[]> malformed = api.get("/api/v1/messages?limit=many", TestTokens.token("231002"),
                "application/json");

        assertThat(notAcceptable.statusCode()).isEqualTo(406);
        assertThat(ApiClient.problemType(notAcceptable)).isEqualTo("urn:tsunagi:problem:not-acceptable");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(ApiClient.problemType(notFound)).isEqualTo("urn:tsunagi:problem:not-found");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(ApiClient.problemType(malformed)).isEqualTo("urn:tsunagi:problem:invalid-parameter");
        assertThat(ApiClient.json(malformed).path("detail").asText()).doesNotContain("many");
    }
}
