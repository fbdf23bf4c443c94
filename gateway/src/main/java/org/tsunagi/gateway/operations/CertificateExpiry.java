package org.tsunagi.gateway.operations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health component {@code certificates}: days until each certificate the gateway relies on expires (its own
 * encryption and signing certificates, the trust anchors, every participant's certificate) and until each CRL's
 * nextUpdate. DOWN when one of the gateway's own certificates or a trust anchor has expired or a CRL is past its
 * nextUpdate or unreadable (every message would be refused); UP otherwise, listing those due within the warning
 * period (negative days: expired, e.g. a participant that has not renewed). The same numbers are Prometheus gauges
 * {@code tsunagi_certificate_expiry_days{kind,name}} and {@code tsunagi_crl_next_update_days{crl}}, for alerting.
 */
final class CertificateExpiry extends AbstractHealthIndicator {

    /** A certificate the gateway relies on: what it is ({@code gateway}, {@code anchor}, {@code participant}). */
    record Watched(String kind, String name, X509Certificate certificate) {
    }

    private final Collection<Watched> certificates;
    private final List<Path> crlFiles;
    private final Duration warning;
    private final Clock clock;

    CertificateExpiry(Collection<Watched> certificates, List<Path> crlLocations, Duration warning, Clock clock,
                      MeterRegistry meters) {
        super("certificate check failed");
        this.certificates = List.copyOf(certificates);
        this.crlFiles = crlFiles(crlLocations);
        this.warning = warning;
        this.clock = clock;
        for (Watched watched : this.certificates) {
            Gauge.builder("tsunagi.certificate.expiry.days", watched, w -> days(w.certificate().getNotAfter().toInstant()))
                    .description("days until the certificate expires (negative: expired)")
                    .tag("kind", watched.kind()).tag("name", watched.name()).register(meters);
        }
        for (Path crl : crlFiles) {
            Gauge.builder("tsunagi.crl.next.update.days", crl, this::crlDays)
                    .description("days until the CRL's nextUpdate (negative: stale; -1000 when unreadable)")
                    .tag("crl", crl.getFileName().toString()).register(meters);
        }
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean down = false;
        Map<String, Object> due = new LinkedHashMap<>();
        double soonest = Double.MAX_VALUE;
        for (Watched watched : certificates) {
            double days = days(watched.certificate().getNotAfter().toInstant());
            soonest = Math.min(soonest, days);
            // One participant's expired certificate refuses that participant only, not the gateway: alert, stay UP.
            if (days < 0 && !watched.kind().equals("participant")) {
                down = true;
            }
            if (days < warning.toDays()) {
                due.put(watched.kind() + ":" + watched.name(), Math.floor(days));
            }
        }
        for (Path crl : crlFiles) {
            double days = crlDays(crl);
            if (days < 0) {
                down = true;
            }
            if (days < warning.toDays()) {
                due.put("crl:" + crl.getFileName(), Math.floor(days));
            }
        }
        builder.status(down ? "DOWN" : "UP")
                .withDetail("certificates", certificates.size())
                .withDetail("crls", crlFiles.size())
                .withDetail("dueWithinDays", warning.toDays())
                .withDetail("due", due);
        if (!certificates.isEmpty()) {
            builder.withDetail("soonestCertificateExpiryDays", Math.floor(soonest));
        }
    }

    private double days(Instant instant) {
        return Duration.between(clock.instant(), instant).toSeconds() / 86_400.0;
    }

    /** Read at each look: CRLs are replaced on disk while the gateway runs. */
    private double crlDays(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
            return crl.getNextUpdate() == null ? Double.MAX_VALUE : days(crl.getNextUpdate().toInstant());
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            return -1000;
        }
    }

    private static List<Path> crlFiles(List<Path> locations) {
        List<Path> files = new ArrayList<>();
        for (Path location : locations) {
            if (Files.isDirectory(location)) {
                try (Stream<Path> inside = Files.list(location)) {
                    inside.filter(Files::isRegularFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    files.add(location);  // reported as unreadable
                }
            } else {
                files.add(location);
            }
        }
        return List.copyOf(files);
    }
}
