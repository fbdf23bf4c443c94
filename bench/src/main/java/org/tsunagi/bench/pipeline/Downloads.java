package org.tsunagi.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.KeyMaterial;

/**
 * Authenticated downloads next to a static file of the same HTTPS server, as a recipient's system does them: one
 * connection pool, {@code THREADS} requests in flight, a fresh ES256 token per request (made before the clock
 * starts, so the client's signing does not compete with the server during the measurement).
 */
final class Downloads {

    private static final String RECIPIENT = "231002";

    private Downloads() {
    }

    /** @param serverPid the server's process id (its CPU time is read from /proc), or -1 */
    static void run(Path keys, String base, int seconds, int threads, long serverPid) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", KeyMaterial.certificate(keys.resolve("ca/cert.pem")));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Credentials nagoya = KeyMaterial.credentials(keys.resolve(RECIPIENT + "/cert.pem"),
                keys.resolve(RECIPIENT + "/key.pem"));
        ECDSASigner signer = new ECDSASigner((ECPrivateKey) nagoya.privateKey());
        Provider fast = PipelineBench.corretto();
        signer.getJCAContext().setProvider(fast != null ? fast : org.tsunagi.routes.envelope.JcaProviders.bouncyCastle());

        HttpResponse<String> list = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/messages?limit=1"))
                .header("Authorization", "Bearer " + token(signer)).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode items = new ObjectMapper().readTree(list.body()).path("items");
        if (list.statusCode() != 200 || items.isEmpty()) {
            throw new IllegalStateException("no copy for " + RECIPIENT + " to download: " + list.statusCode() + " "
                    + list.body());
        }
        URI copy = URI.create(base + "/api/v1/messages/" + items.get(0).path("id").asText());
        URI portal = URI.create(base + "/portal/portal.css");

        // Enough tokens for 4,000 downloads/s; each is used once.
        int tokenCount = Math.max(20_000, 4_000 * seconds);
        ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < tokenCount; i++) {
            tokens.add(token(signer));
        }
        Supplier<HttpRequest> download = () -> {
            String token = tokens.poll();
            if (token == null) {
                throw new IllegalStateException("out of tokens");
            }
            return HttpRequest.newBuilder(copy).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/pkcs7-mime").build();
        };
        Supplier<HttpRequest> staticFile = () -> HttpRequest.newBuilder(portal).build();

        Cpu cpu = new Cpu(serverPid);
        // Warm-up of both paths: long enough for the JIT on a busy machine (its compile threads' CPU would
        // otherwise be counted against the first rounds).
        int warmUp = Math.max(3, seconds / 2);
        measure(client, staticFile, warmUp, threads, cpu);
        measure(client, download, warmUp, threads, cpu);
        List<Phase[]> rounds = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            Phase s = measure(client, staticFile, seconds / 2, threads, cpu);
            Phase d = measure(client, download, seconds / 2, threads, cpu);
            rounds.add(new Phase[] {s, d});
        }
        double staticRate = rounds.stream().mapToDouble(r -> r[0].rate()).average().orElseThrow();
        double downloadRate = rounds.stream().mapToDouble(r -> r[1].rate()).average().orElseThrow();
        System.out.printf(Locale.ROOT, "downloads: authenticated %.0f/s, static %.0f/s: %.1f %% of static "
                        + "(%d threads, rounds %s)%n", downloadRate, staticRate, 100 * downloadRate / staticRate,
                threads, rounds.stream().map(r -> String.format(Locale.ROOT, "%.0f/%.0f", r[1].rate(), r[0].rate()))
                        .toList());
        // CPU per request is what the load of other processes on the machine does not change (much): the rates
        // above are what this machine's share gave.
        System.out.printf(Locale.ROOT, "  CPU ms per request, server / client: authenticated %s, static %s%n",
                perRequest(rounds, 1), perRequest(rounds, 0));
    }

    private static String perRequest(List<Phase[]> rounds, int kind) {
        long requests = rounds.stream().mapToLong(r -> r[kind].requests()).sum();
        double server = rounds.stream().mapToDouble(r -> r[kind].serverCpuMs()).sum();
        double client = rounds.stream().mapToDouble(r -> r[kind].clientCpuMs()).sum();
        return server < 0 ? String.format(Locale.ROOT, "? / %.2f", client / requests)
                : String.format(Locale.ROOT, "%.2f / %.2f", server / requests, client / requests);
    }

    /** One measured phase: successful responses, their rate, and the CPU both processes used meanwhile. */
    private record Phase(long requests, double rate, double serverCpuMs, double clientCpuMs) {
    }

    /** CPU time of this JVM and, when its pid is given, of the server's (from /proc). */
    private record Cpu(long serverPid) {

        double clientMs() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
        }

        double serverMs() {
            if (serverPid < 0) {
                return Double.NaN;
            }
            try {
                String stat = java.nio.file.Files.readString(Path.of("/proc/" + serverPid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // utime and stime, fields 14 and 15 of proc(5), in clock ticks (100 per second on Linux).
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
            } catch (java.io.IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
    }

    private static String token(ECDSASigner signer) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder()
                .issuer(RECIPIENT).audience("tsunagi-gateway").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(240))).jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** Successful responses per second over {@code seconds}, {@code threads} requests in flight, and the CPU used. */
    private static Phase measure(HttpClient client, Supplier<HttpRequest> request, int seconds, int threads,
                                 Cpu cpu) throws Exception {
        double serverBefore = cpu.serverMs();
        double clientBefore = cpu.clientMs();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<byte[]> response = client.send(request.get(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        (response.statusCode() == 200 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (failed.get() > 0) {
            System.out.printf(Locale.ROOT, "  (%d requests failed)%n", failed.get());
        }
        double server = cpu.serverMs() - serverBefore;
        return new Phase(ok.get(), ok.get() / elapsed, Double.isNaN(server) ? -1 : server,
                cpu.clientMs() - clientBefore);
    }
}
