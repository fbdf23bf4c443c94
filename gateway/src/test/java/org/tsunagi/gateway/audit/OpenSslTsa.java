package org.tsunagi.gateway.audit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real, independent RFC 3161 time-stamping authority for tests: OpenSSL's {@code openssl ts -reply} behind a small
 * HTTP endpoint on 127.0.0.1. Its CA and TSA certificate (P-256, {@code extendedKeyUsage=critical,timeStamping}) are
 * generated fresh in a temporary directory. {@link #down(boolean)} makes it answer 503, as a TSA outage.
 */
final class OpenSslTsa implements AutoCloseable {

    final Path dir;
    private final HttpServer server;
    private volatile boolean down;

    OpenSslTsa() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("tsa");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Test TSA CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "tsa.key", "-out", "tsa.csr", "-subj", "/CN=Test TSA");
        Files.writeString(dir.resolve("tsa.ext"), "basicConstraints=critical,CA:FALSE\n"
                + "keyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n");
        openssl("x509", "-req", "-in", "tsa.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "tsa.pem", "-days", "2", "-extfile", "tsa.ext");
        Files.writeString(dir.resolve("serial"), "01\n");
        Files.writeString(dir.resolve("tsa.cnf"), "[ tsa ]\ndefault_tsa = tsa_config\n[ tsa_config ]\n"
                + "dir = " + dir + "\nserial = $dir/serial\nsigner_cert = $dir/tsa.pem\ncerts = $dir/tsa.pem\n"
                + "signer_key = $dir/tsa.key\nsigner_digest = sha256\ndefault_policy = 1.3.6.1.4.1.4146.2.3\n"
                + "digests = sha256\naccuracy = secs:1\nordering = yes\ntsa_name = no\n"
                + "ess_cert_id_chain = no\ness_cert_id_alg = sha256\n");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tsa", exchange -> {
            try (exchange) {
                byte[] query = exchange.getRequestBody().readNBytes(8192);
                if (down || !"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                byte[] reply;
                synchronized (this) {
                    Files.write(dir.resolve("q.tsq"), query);
                    openssl("ts", "-reply", "-config", "tsa.cnf", "-queryfile", "q.tsq", "-out", "r.tsr");
                    reply = Files.readAllBytes(dir.resolve("r.tsr"));
                }
                exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
    }

    void down(boolean down) {
        this.down = down;
    }

    /** Runs {@code openssl} in the TSA's directory; returns its output, throws if it failed. */
    String openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
