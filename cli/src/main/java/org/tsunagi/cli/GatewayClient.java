package org.tsunagi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS calls to the gateway's {@code /api/v1}: trusts the given CA (or the JVM's trust store), sends a fresh
 * participant token with each request when one is configured, and turns problem+json errors into one-line messages.
 */
public final class GatewayClient {

    private final URI base;
    private final HttpClient http;
    private final ParticipantToken token;
    private final ObjectMapper json = new ObjectMapper();
    private volatile CheckpointObserver observer;

    /** Sees the {@code Tsunagi-Checkpoint} header of every response; throwing stops the command. */
    @FunctionalInterface
    public interface CheckpointObserver {
        void observe(String base64Note) throws IOException;
    }

    /** From now on, every response's checkpoint header goes to {@code observer} (see {@link CheckpointMemory}). */
    public void observeCheckpoints(CheckpointObserver observer) {
        this.observer = observer;
    }

    private void observe(HttpResponse<?> response) throws IOException {
        CheckpointObserver current = observer;
        if (current != null) {
            java.util.Optional<String> header = response.headers().firstValue("Tsunagi-Checkpoint");
            if (header.isPresent()) {
                current.observe(header.get());
            }
        }
    }

    public GatewayClient(URI gateway, Path trustCaPem, ParticipantToken token) throws IOException {
        String text = gateway.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (trustCaPem != null) {
            builder.sslContext(trusting(trustCaPem));
        }
        this.http = builder.build();
    }

    private static SSLContext trusting(Path caPem) throws IOException {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, ca);
            }
            if (n == 0) {
                throw new IOException(caPem + " holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use " + caPem + " as trust anchor: " + e.getMessage(), e);
        }
    }

    /** GET {@code path} (relative to /api/v1/) with query parameters (null values skipped), as text. */
    public String get(String path, Map<String, ?> query, String accept) throws IOException {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        if (query != null) {
            query.forEach((k, v) -> {
                if (v instanceof Iterable<?> values) {
                    values.forEach(one -> q.add(k + "=" + URLEncoder.encode(String.valueOf(one), StandardCharsets.UTF_8)));
                } else if (v != null) {
                    q.add(k + "=" + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
                }
            });
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/v1/" + path + q))
                .timeout(Duration.ofSeconds(60)).header("Accept", accept).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token.mint());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        observe(response);
        if (response.statusCode() / 100 != 2) {
            throw new IOException("gateway answered " + response.statusCode() + " to GET /api/v1/" + path + problem(response.body()));
        }
        return response.body();
    }

    /**
     * Any call to {@code /api/v1/<path>} with a fresh token, the body as bytes.
     *
     * @throws IOException with the problem's type and detail when the gateway answers other than 2xx
     */
    public byte[] exchange(String method, String path, String accept, String contentType, byte[] body)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/v1/" + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token.mint());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        observe(response);
        if (response.statusCode() / 100 != 2) {
            throw new IOException("gateway answered " + response.statusCode() + " to " + method + " /api/v1/" + path
                    + problem(new String(response.body(), StandardCharsets.UTF_8)));
        }
        return response.body();
    }

    /** GET {@code path} as JSON. */
    public JsonNode getJson(String path, Map<String, ?> query) throws IOException {
        return json.readTree(get(path, query, "application/json"));
    }

    private String problem(String body) {
        try {
            JsonNode problem = json.readTree(body);
            if (problem != null && problem.hasNonNull("type")) {
                return ": " + problem.path("type").asText() + (problem.hasNonNull("detail") ? " (" + problem.path("detail").asText() + ")" : "");
            }
        } catch (IOException e) {
            // not JSON: no detail to add
        }
        return "";
    }
}
