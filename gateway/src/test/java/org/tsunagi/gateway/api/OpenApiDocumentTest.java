package org.tsunagi.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The OpenAPI document the gateway serves is the one checked in ({@code docs/openapi.json}). When the API changes,
 * this fails and leaves the served document in {@code gateway/target/openapi.json}: review it and copy it over.
 */
@ApiTest
class OpenApiDocumentTest {

    static final Path CHECKED_IN = Path.of("../docs/openapi.json");

    @LocalServerPort
    int port;

    @Test
    void theServedDocumentIsTheCheckedInOne() throws Exception {
        HttpResponse<byte[]> response = new ApiClient(port).get("/v3/api-docs", null, "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        JsonNode served = json.readTree(response.body());
        Path fresh = Path.of("target/openapi.json");
        Files.writeString(fresh, json.writeValueAsString(json.treeToValue(served, Object.class)) + "\n");

        assertThat(Files.exists(CHECKED_IN)).as("docs/openapi.json is missing; copy " + fresh.toAbsolutePath()).isTrue();
        assertThat(served).as("the served OpenAPI document differs from docs/openapi.json; review and copy "
                + fresh.toAbsolutePath()).isEqualTo(json.readTree(CHECKED_IN.toFile()));
        assertThat(served.path("paths").has("/api/v1/messages/{id}/ack")).isTrue();
        assertThat(served.path("components").path("securitySchemes").has("participantJwt")).isTrue();
    }
}
