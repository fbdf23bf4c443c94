package org.tsunagi.bench.pipeline;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.security.Provider;
import java.time.Clock;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.EnvelopeLimits;
import org.tsunagi.routes.envelope.JcaProviders;
import org.tsunagi.routes.envelope.JoseEnvelope;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.MessageOpener;
import org.tsunagi.routes.envelope.MessageSealer;
import org.tsunagi.routes.envelope.SignerTrust;
import org.tsunagi.routes.envelope.SignerValidator;

/**
 * The pipeline next to the bound its cryptography sets, on the demo keys.
 *
 * <ul>
 *   <li>{@code crypto SECONDS [both|cms]}: messages/s that the private- and public-key work of one message alone
 *       allows on all cores: open the input (decrypt, verify, validate the signer), seal each of its two copies in
 *       both forms (CMS and JOSE) or in the CMS form only (the recipients' registered delivery form), seal the
 *       receipt; with the JCA providers the gateway chooses by default (ACCP for ECDSA and AES-GCM where it
 *       loads).</li>
 *   <li>{@code fill DATA_DIR N}: N sealed release notices from facility-nagoya in its inbox under DATA_DIR.</li>
 *   <li>{@code rate JDBC_URL USER}: after a run, messages decided per second, from the first to the last decision
 *       ({@code ingest_decision.decided_at}).</li>
 *   <li>{@code downloads BASE_URL SECONDS THREADS [SERVER_PID]}: authenticated downloads/s of one of 231002's copies (a fresh
 *       ES256 token each: JWT check, replay check, DELIVERED entry) next to unauthenticated downloads/s of a static
 *       file of the portal from the same server, interleaved twice; with the server's pid, the CPU each request
 *       costs the server and the client.</li>
 * </ul>
 */
public final class PipelineBench {

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        Path keys = Path.of(System.getProperty("tsunagi.keys", "keys-example"));
        switch (args[0]) {
            case "crypto" -> crypto(keys, Duration.ofSeconds(Long.parseLong(args[1])),
                    args.length < 3 || args[2].equals("both"));
            case "downloads" -> Downloads.run(keys, args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 ? Long.parseLong(args[4]) : -1);
            case "fill" -> fill(keys, Path.of(args[1]), Integer.parseInt(args[2]));
            case "rate" -> rate(args[1], args[2]);
            default -> throw new IllegalArgumentException("crypto SECONDS [both|cms] | fill DATA_DIR N | rate JDBC_URL USER"
                    + " | downloads BASE_URL SECONDS THREADS [SERVER_PID]");
        }
    }

    static String notice() throws Exception {
        try (InputStream in = PipelineBench.class.getResourceAsStream("/samples/ReleaseNotice.xml")) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String id = xml.substring(xml.indexOf("<MessageId>") + 11, xml.indexOf("</MessageId>"));
            String created = xml.substring(xml.indexOf("<CreatedAt>") + 11, xml.indexOf("</CreatedAt>"));
            // A fresh id and creation time: the gateway refuses a duplicate id and a message older than a day.
            return xml.replace("<MessageId>" + id + "</MessageId>", "<MessageId>" + UUID.randomUUID()
                    + "</MessageId>").replace("<CreatedAt>" + created + "</CreatedAt>", "<CreatedAt>"
                    + java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")
                    .format(OffsetDateTime.now(java.time.ZoneOffset.UTC)) + "</CreatedAt>");
        }
    }

    static void fill(Path keys, Path data, int n) throws Exception {
        Credentials facility = KeyMaterial.credentials(keys.resolve("facility-nagoya/cert.pem"),
                keys.resolve("facility-nagoya/key.pem"));
        X509Certificate gateway = KeyMaterial.certificate(keys.resolve("gateway/encryption-cert.pem"));
        Path inbox = Files.createDirectories(data.resolve("sftp/facility-nagoya/inbox"));
        MessageSealer sealer = new MessageSealer();
        for (int i = 0; i < n; i++) {
            Files.write(inbox.resolve("m-" + i + ".p7m"), sealer.seal(notice().getBytes(StandardCharsets.UTF_8),
                    facility, gateway));
        }
        System.out.println("filled " + n + " messages into " + inbox);
    }

    /** What the gateway's tsunagi.crypto.*=AUTO resolves to: ACCP where its native library loads, else BC / JDK. */
    static JcaProviders gatewayProviders() {
        Provider accp = corretto();
        return accp != null ? new JcaProviders(accp, accp) : new JcaProviders(JcaProviders.bouncyCastle(), null);
    }

    static Provider corretto() {
        try {
            Class<?> type = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
            Provider provider = (Provider) type.getField("INSTANCE").get(null);
            return type.getMethod("getLoadingError").invoke(provider) == null ? provider : null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    static void crypto(Path keys, Duration duration, boolean bothForms) throws Exception {
        Credentials facility = KeyMaterial.credentials(keys.resolve("facility-nagoya/cert.pem"),
                keys.resolve("facility-nagoya/key.pem"));
        Credentials decryption = KeyMaterial.credentials(keys.resolve("gateway/encryption-cert.pem"),
                keys.resolve("gateway/encryption-key.pem"));
        Credentials signing = KeyMaterial.credentials(keys.resolve("gateway/signing-cert.pem"),
                keys.resolve("gateway/signing-key.pem"));
        List<X509Certificate> recipients = List.of(KeyMaterial.certificate(keys.resolve("230006/cert.pem")),
                KeyMaterial.certificate(keys.resolve("231002/cert.pem")));
        SignerValidator validator = new SignerValidator(SignerTrust.of(
                List.of(KeyMaterial.certificate(keys.resolve("ca/cert.pem"))), List.of(keys.resolve("ca/crl.pem"))));
        byte[] xml = notice().getBytes(StandardCharsets.UTF_8);
        byte[] input = new MessageSealer().seal(xml, facility, decryption.certificate());
        MessageOpener opener = new MessageOpener(decryption, validator);
        JcaProviders providers = gatewayProviders();
        MessageSealer sealer = new MessageSealer(EnvelopeLimits.defaults(), Clock.systemUTC(), providers);
        JoseEnvelope jose = new JoseEnvelope(EnvelopeLimits.defaults(), Clock.systemUTC(), providers);

        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        java.lang.management.ThreadMXBean cpuClock = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Future<long[]>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            counts.add(pool.submit(() -> {
                long done = 0;
                long cpuFrom = -1;
                long cpuTo = -1;
                while (!stop.get()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    opener.open(new ByteArrayInputStream(input), out);
                    for (X509Certificate recipient : recipients) {
                        sealer.seal(xml, signing, recipient);
                        if (bothForms) {
                            jose.seal(xml, signing, recipient);
                        }
                    }
                    sealer.seal(xml, signing, facility.certificate());
                    if (measuring.get()) {
                        if (cpuFrom < 0) {
                            cpuFrom = cpuClock.getCurrentThreadCpuTime();
                        } else {
                            done++;  // counted from the second message measured: the CPU clock started after the first
                        }
                    } else if (cpuFrom >= 0 && cpuTo < 0) {
                        cpuTo = cpuClock.getCurrentThreadCpuTime();
                    }
                }
                return new long[] {done, cpuTo < 0 ? 0 : cpuTo - cpuFrom};
            }));
        }
        Thread.sleep(Math.min(10_000, duration.toMillis() / 3)); // warm-up
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        measuring.set(true);
        long start = System.nanoTime();
        long cpuStart = os.getProcessCpuTime();
        Thread.sleep(duration.toMillis());
        measuring.set(false);
        long cpu = os.getProcessCpuTime() - cpuStart;
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        long total = 0;
        long workerCpu = 0;
        for (Future<long[]> count : counts) {
            long[] result = count.get();
            total += result[0];
            workerCpu += result[1];
        }
        pool.shutdown();
        // CPU per message (the whole process: JIT and GC included, as in the gateway) does not depend on how much of
        // a shared machine the run got; messages/s does.
        System.out.printf(Locale.ROOT, "crypto bound (%s): %.1f msg/s on %d threads, %.2f ms CPU/msg (process; "
                        + "worker threads %.2f) (%d messages in %.1f s; ECDSA %s, AES-GCM %s)%n",
                bothForms ? "copies in both forms" : "copies in CMS only", total / seconds, threads,
                cpu / 1e6 / total, workerCpu / 1e6 / total, total, seconds, name(providers.ecdsa()),
                name(providers.aesGcm()));
    }

    static String name(Provider provider) {
        return provider == null ? "JDK" : provider.getName();
    }

    static void rate(String url, String user) throws Exception {
        try (Connection db = DriverManager.getConnection(url, user, "");
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(decided_at), MAX(decided_at), "
                     + "SUM(CASE WHEN verdict = 'ACCEPTED' THEN 1 ELSE 0 END) FROM ingest_decision")) {
            rs.next();
            long n = rs.getLong(1);
            double seconds = Duration.between(rs.getObject(2, OffsetDateTime.class),
                    rs.getObject(3, OffsetDateTime.class)).toMillis() / 1000.0;
            System.out.printf(Locale.ROOT, "pipeline: %d decided (%d accepted) in %.1f s: %.1f msg/s%n", n,
                    rs.getLong(4), seconds, (n - 1) / seconds);
        }
    }
}
