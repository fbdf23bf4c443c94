package org.tsunagi.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.EnvelopeException;
import org.tsunagi.routes.envelope.SignerTrust;
import org.tsunagi.routes.envelope.SignerValidator;

/**
 * CRLs reloaded from a file replaced on disk and from a URL (a real HTTP server on a free loopback port): a new CRL
 * that validates takes effect (a revoked certificate is then refused); one that is badly signed, stale, older than
 * the one in use, unreadable, too large or too slow is refused, the previous CRLs stay in use, the error is counted
 * and shown.
 */
class RevocationListsTest {

    @TempDir
    Path dir;

    private final TestCa ca;
    private final Credentials alice;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HttpServer server;
    private final AtomicReference<byte[]> served = new AtomicReference<>();

    RevocationListsTest() throws Exception {
        ca = TestCa.demo();
        Instant now = Instant.now();
        alice = ca.issue("alice", now.minusSeconds(3600), now.plusSeconds(86_400));
    }

    @BeforeEach
    void server() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ca.crl", exchange -> {
            byte[] body = served.get();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/slow.crl", exchange -> {
            byte[] body = served.get();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, 0, 10);
                out.flush();
                Thread.sleep(5_000);
                out.write(body, 10, body.length - 10);
            } catch (InterruptedException | java.io.IOException e) {
                // the client gave up: that is the point
            }
        });
        server.createContext("/big.crl", exchange -> {
            exchange.sendResponseHeaders(200, 0);  // chunked: no Content-Length to refuse early
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[200 * 1024]);
            } catch (java.io.IOException e) {
                // the client stopped reading
            }
        });
        server.createContext("/gone.crl", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aCrlFileReplacedOnDiskIsValidatedBeforeItTakesEffect() throws Exception {
        Path file = dir.resolve("ca.crl.pem");
        Instant now = Instant.now();
        TestCa.write(ca.crl(now.minusSeconds(60), now.plusSeconds(86_400), List.of()), file);
        RevocationLists lists = lists(file.toString(), Duration.ofSeconds(2));
        SignerValidator validator = validator(lists);
        validator.validate(alice.certificate(), List.of(), now);
        assertThat(lists.status()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("ca.crl.pem");
            assertThat(s.lastError()).isNull();
        });

        TestCa.write(ca.crl(now, now.plusSeconds(86_400), List.of(alice.certificate().getSerialNumber())), file);
        lists.reload();
        assertRevoked(validator);

        // Each of these is refused: alice stays revoked, the error is counted and shown, nothing else changes.
        X509CRL impostor = TestCa.impostor().crl(now.plusSeconds(1), now.plusSeconds(86_400), List.of());
        X509CRL stale = ca.crl(now.minusSeconds(7200), now.minusSeconds(3600), List.of());
        X509CRL older = ca.crl(now.minusSeconds(30), now.plusSeconds(86_400), List.of());
        int errors = 0;
        for (var bad : List.of(
                new Object[] {impostor, "not signed by a trust anchor"},
                new Object[] {stale, "past its nextUpdate"},
                new Object[] {older, "older than the one in use"})) {
            TestCa.write((X509CRL) bad[0], file);
            lists.reload();
            assertRevoked(validator);
            assertThat(lists.status().get(0).lastError()).contains((String) bad[1]);
            assertThat(errors(lists)).isEqualTo(++errors);
        }
        Files.writeString(file, "-----BEGIN X509 CRL-----\nnot base64\n-----END X509 CRL-----\n");
        lists.reload();
        assertRevoked(validator);
        assertThat(lists.status().get(0).lastError()).contains("not a PEM or DER CRL");
        Files.write(file, new byte[65 * 1024]);
        lists.reload();
        assertRevoked(validator);
        assertThat(lists.status().get(0).lastError()).contains("larger than");
        assertThat(errors(lists)).isEqualTo(errors + 2);
        assertThat(lists.errors()).containsKey("ca.crl.pem");

        // A good one again: the error clears, and a CRL that no longer lists alice lets her in.
        TestCa.write(ca.crl(now.plusSeconds(2), now.plusSeconds(86_400), List.of()), file);
        lists.reload();
        assertThat(lists.status().get(0).lastError()).isNull();
        validator.validate(alice.certificate(), List.of(), now);
        lists.close();
    }

    @Test
    void aCrlUrlIsFetchedBoundedAndValidated() throws Exception {
        Instant now = Instant.now();
        served.set(ca.crl(now.minusSeconds(60), now.plusSeconds(86_400), List.of()).getEncoded());
        RevocationLists lists = lists(url("/ca.crl"), Duration.ofSeconds(2));
        SignerValidator validator = validator(lists);
        validator.validate(alice.certificate(), List.of(), now);
        assertThat(lists.status().get(0).nextUpdate()).isAfter(now.plusSeconds(86_000));

        served.set(ca.crl(now, now.plusSeconds(86_400), List.of(alice.certificate().getSerialNumber())).getEncoded());
        lists.reload();
        assertRevoked(validator);

        served.set("<html>maintenance</html>".getBytes(StandardCharsets.US_ASCII));
        lists.reload();
        assertRevoked(validator);
        assertThat(lists.status().get(0).lastError()).contains("not a PEM or DER CRL");
        assertThat(errors(lists)).isEqualTo(1);
        lists.close();

        served.set(ca.crl(now, now.plusSeconds(86_400), List.of()).getEncoded());
        long started = System.nanoTime();
        RevocationLists slow = lists(url("/slow.crl"), Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(slow.status().get(0).lastError()).contains("within");
        assertThat(slow.status().get(0).nextUpdate()).isNull();
        assertThatThrownBy(() -> validator(slow).validate(alice.certificate(), List.of(), now))
                .isInstanceOfSatisfying(EnvelopeException.class,
                        e -> assertThat(e.reason().name()).isEqualTo("REVOCATION_UNKNOWN"));
        slow.close();

        RevocationLists big = lists(url("/big.crl"), Duration.ofSeconds(2));
        assertThat(big.status().get(0).lastError()).contains("more than");
        big.close();
        RevocationLists gone = lists(url("/gone.crl"), Duration.ofSeconds(2));
        assertThat(gone.status().get(0).lastError()).contains("answered 404");
        gone.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private RevocationLists lists(String location, Duration timeout) throws Exception {
        Path anchor = dir.resolve("ca.pem");
        TestCa.writeCertificate(ca.certificate(), anchor);
        TrustProperties trust = new TrustProperties(List.of(anchor.toString()), List.of(location), true,
                Duration.ofSeconds(1), DataSize.ofKilobytes(64), timeout);
        return new RevocationLists(List.of(ca.certificate()), trust, Clock.systemUTC(), meters);
    }

    private SignerValidator validator(RevocationLists lists) {
        return new SignerValidator(new SignerTrust(List.of(ca.certificate()), List.of(), true, Duration.ZERO),
                lists::certStore, Clock.systemUTC());
    }

    private void assertRevoked(SignerValidator validator) {
        X509Certificate certificate = alice.certificate();
        assertThatThrownBy(() -> validator.validate(certificate, List.of(), Instant.now()))
                .isInstanceOfSatisfying(EnvelopeException.class,
                        e -> assertThat(e.reason().name()).isEqualTo("CERTIFICATE_REVOKED"));
    }

    private double errors(RevocationLists lists) {
        return meters.get("tsunagi.crl.reload.errors").tag("crl", lists.status().get(0).name()).counter().count();
    }

    @SuppressWarnings("unused")
    private static BigInteger serial(X509Certificate certificate) {
        return certificate.getSerialNumber();
    }
}
