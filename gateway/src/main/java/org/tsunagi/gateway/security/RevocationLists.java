package org.tsunagi.gateway.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The CRLs in use, reloaded every {@code tsunagi.trust.crl-reload-interval} from each configured source: a file, a
 * folder of {@code *.pem}/{@code *.crl}/{@code *.der} files, or an {@code http://}/{@code https://} URL (no
 * redirects; size and time bounded). What a source yields replaces that source's CRLs only once every CRL in it is
 * signed by a trust anchor, has a nextUpdate still ahead, and is not older than the one it replaces. Otherwise the
 * previous CRLs stay in use, one line is logged, {@code tsunagi_crl_reload_errors_total{crl}} counts it, and the
 * {@code certificates} health component shows the error (see {@link #status()}).
 */
public final class RevocationLists implements SmartLifecycle {

    /**
     * What a source stands at, for health and metrics.
     *
     * @param name       the file's or folder's name, or the URL
     * @param nextUpdate the earliest nextUpdate of its CRLs in use; {@code null} when it has none
     * @param lastError  why its last reload was refused; {@code null} when it succeeded
     */
    public record SourceStatus(String name, Instant nextUpdate, String lastError) {
    }

    private static final Logger log = LoggerFactory.getLogger(RevocationLists.class);
    /** How far a CRL's thisUpdate may lie ahead of our clock. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    /** One configured location and what it last yielded. */
    private final class Source {
        final String location;
        final String name;
        final Counter errors;
        volatile List<X509CRL> crls = List.of();
        volatile String fingerprint;
        volatile String refusedFingerprint;
        volatile String lastError;

        Source(String location, MeterRegistry meters) {
            this.location = location;
            this.name = TrustProperties.isUrl(location) ? location
                    : Optional.ofNullable(Path.of(location).getFileName()).map(Path::toString).orElse(location);
            this.errors = Counter.builder("tsunagi.crl.reload.errors")
                    .description("CRL reloads refused (unreadable, too large, badly signed, stale or older); "
                            + "the previous CRLs stay in use")
                    .tag("crl", name).register(meters);
        }
    }

    /** The content that was refused last time, unchanged. */
    private static final class AlreadyRefused extends RuntimeException {
        AlreadyRefused() {
            super(null, null, false, false);
        }
    }

    private final List<X509Certificate> anchors;
    private final List<Source> sources = new ArrayList<>();
    private final Duration interval;
    private final long maxBytes;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private volatile CertStore store;
    private ScheduledFuture<?> schedule;

    RevocationLists(List<X509Certificate> anchors, TrustProperties trust, Clock clock, MeterRegistry meters) {
        this.anchors = List.copyOf(anchors);
        this.interval = trust.crlReloadInterval();
        this.maxBytes = trust.crlMaxBytes().toBytes();
        this.timeout = trust.crlFetchTimeout();
        this.clock = clock;
        for (String location : trust.crls()) {
            if (!TrustProperties.isUrl(location) && !Files.exists(Path.of(location))) {
                // One missing later only makes revocation unknown; one missing at start is a configuration error.
                throw new IllegalArgumentException("CRL location does not exist: " + location);
            }
            sources.add(new Source(location, meters));
        }
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // Two threads: one reloads, the other can cut off a download that outlasts the timeout.
        this.scheduler = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "crl-reload");
            thread.setDaemon(true);
            return thread;
        });
        this.store = build();
        reload();
    }

    /** The CRLs in use, for PKIX validation. */
    public CertStore certStore() {
        return store;
    }

    /** Each source's state, in configuration order. */
    public List<SourceStatus> status() {
        return sources.stream().map(s -> new SourceStatus(s.name, s.crls.stream()
                .map(crl -> crl.getNextUpdate().toInstant()).min(Comparator.naturalOrder()).orElse(null),
                s.lastError)).toList();
    }

    /** Reads every source again; each one that changed and validates replaces its CRLs. */
    synchronized void reload() {
        boolean changed = false;
        for (Source source : sources) {
            try {
                changed |= reload(source);
                source.lastError = null;
            } catch (AlreadyRefused e) {
                // The same content as last time: already logged and counted; the error still shows.
            } catch (IOException | RuntimeException e) {
                source.lastError = e.getMessage();
                source.errors.increment();
                log.warn("CRL {} NOT reloaded, the previous {} CRL(s) stay in use: {}", source.location,
                        source.crls.size(), e.getMessage());
            }
        }
        if (changed) {
            store = build();
        }
    }

    private boolean reload(Source source) throws IOException {
        List<byte[]> contents = new ArrayList<>();
        if (TrustProperties.isUrl(source.location)) {
            contents.add(download(URI.create(source.location)));
        } else {
            for (Path file : files(Path.of(source.location))) {
                if (Files.size(file) > maxBytes) {
                    throw new IOException(file + " is larger than " + maxBytes + " bytes");
                }
                contents.add(Files.readAllBytes(file));
            }
        }
        // By content, not by file times: a CRL replaced within the same millisecond still counts as new.
        java.security.MessageDigest digest = sha256();
        contents.forEach(content -> digest.update(sha256().digest(content)));
        String fingerprint = java.util.HexFormat.of().formatHex(digest.digest());
        if (fingerprint.equals(source.fingerprint)) {
            return false;
        }
        if (fingerprint.equals(source.refusedFingerprint)) {
            throw new AlreadyRefused();
        }
        List<X509CRL> crls = new ArrayList<>();
        try {
            for (byte[] content : contents) {
                crls.addAll(parse(content));
            }
            if (crls.isEmpty()) {
                throw new IOException("no CRL found");
            }
            Instant now = clock.instant();
            for (X509CRL crl : crls) {
                check(crl, source.crls, now);
            }
        } catch (IOException | RuntimeException e) {
            source.refusedFingerprint = fingerprint;
            throw e;
        }
        source.refusedFingerprint = null;
        source.crls = List.copyOf(crls);
        source.fingerprint = fingerprint;
        log.info("CRL {} loaded: {} CRL(s), next update {}", source.location, crls.size(),
                crls.stream().map(c -> c.getNextUpdate().toInstant()).min(Comparator.naturalOrder()).orElseThrow());
        return true;
    }

    /** Signed by a trust anchor, current, and not older than the CRL of the same issuer in use. */
    private void check(X509CRL crl, List<X509CRL> inUse, Instant now) throws IOException {
        String issuer = crl.getIssuerX500Principal().getName();
        X509Certificate anchor = anchors.stream()
                .filter(a -> a.getSubjectX500Principal().equals(crl.getIssuerX500Principal()))
                .filter(a -> verifies(crl, a))
                .findFirst()
                .orElseThrow(() -> new IOException("the CRL of " + issuer + " is not signed by a trust anchor"));
        if (crl.getNextUpdate() == null || !crl.getNextUpdate().toInstant().isAfter(now)) {
            throw new IOException("the CRL of " + issuer + " is past its nextUpdate (" + (crl.getNextUpdate() == null
                    ? "none" : crl.getNextUpdate().toInstant()) + ")");
        }
        if (crl.getThisUpdate().toInstant().isAfter(now.plus(SKEW))) {
            throw new IOException("the CRL of " + issuer + " is dated in the future (" + crl.getThisUpdate().toInstant()
                    + ")");
        }
        for (X509CRL current : inUse) {
            if (current.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())
                    && crl.getThisUpdate().before(current.getThisUpdate())) {
                throw new IOException("the CRL of " + issuer + " (" + crl.getThisUpdate().toInstant()
                        + ") is older than the one in use (" + current.getThisUpdate().toInstant() + ")");
            }
        }
    }

    private static boolean verifies(X509CRL crl, X509Certificate anchor) {
        try {
            crl.verify(anchor.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<X509CRL> parse(byte[] content) throws IOException {
        try {
            List<X509CRL> crls = new ArrayList<>();
            for (var crl : CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(content))) {
                crls.add((X509CRL) crl);
            }
            return crls;
        } catch (CRLException | CertificateException e) {
            throw new IOException("not a PEM or DER CRL (" + e.getMessage() + ")", e);
        }
    }

    /** GET, 200 only, at most {@code maxBytes}, everything within {@code timeout}. */
    private byte[] download(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<InputStream> response;
        try {
            response = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw new IOException("cannot fetch " + uri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer from " + uri + " within " + timeout);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered " + response.statusCode());
            }
            if (response.headers().firstValueAsLong("Content-Length").orElse(0) > maxBytes) {
                throw new IOException(uri + " offers more than " + maxBytes + " bytes");
            }
            // Closing the stream at the deadline ends a read that a slow server would otherwise keep waiting.
            ScheduledFuture<?> cutOff = scheduler.schedule(() -> closeQuietly(body),
                    Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            try {
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("no complete answer from " + uri + " within " + timeout);
                }
                if (bytes.length > maxBytes) {
                    throw new IOException(uri + " sent more than " + maxBytes + " bytes");
                }
                return bytes;
            } catch (IOException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("no complete answer from " + uri + " within " + timeout, e);
                }
                throw e;
            } finally {
                cutOff.cancel(false);
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing only to interrupt the read
        }
    }

    private static List<Path> files(Path location) throws IOException {
        if (!Files.isDirectory(location)) {
            if (!Files.isRegularFile(location)) {
                throw new IOException(location + " is missing or not a file");
            }
            return List.of(location);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(location)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(entry)
                        && (name.endsWith(".pem") || name.endsWith(".crl") || name.endsWith(".der"))) {
                    files.add(entry);
                }
            }
        }
        files.sort(null);
        return files;
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private CertStore build() {
        List<X509CRL> all = new ArrayList<>();
        sources.forEach(s -> all.addAll(s.crls));
        try {
            return CertStore.getInstance("Collection", new CollectionCertStoreParameters(all));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the CRL store", e);
        }
    }

    @Override
    public synchronized void start() {
        if (schedule == null && !sources.isEmpty()) {
            long millis = interval.toMillis();
            schedule = scheduler.scheduleWithFixedDelay(this::reloadSafely, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    private void reloadSafely() {
        try {
            reload();
        } catch (RuntimeException e) {
            log.warn("CRL reload failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return schedule != null;
    }

    /** Called by the context at shutdown. */
    public void close() {
        stop();
        scheduler.shutdownNow();
    }

    /** Per-source detail for the health component: the error, if the last reload was refused. */
    public Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        sources.stream().filter(s -> s.lastError != null).forEach(s -> errors.put(s.name, s.lastError));
        return errors;
    }
}
