package org.tsunagi.gateway.operations;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tsunagi.gateway.security.RevocationLists;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health component {@code certificates}: days until each certificate the gateway relies on expires (its own
 * encryption and signing certificates, the trust anchors, every participant's certificate) and until each CRL's
 * nextUpdate (as reloaded by {@link RevocationLists}, with the last reload's error if it was refused). DOWN when one of the gateway's own certificates or a trust anchor has expired or a CRL is past its
 * nextUpdate or unreadable (every message would be refused); UP otherwise, listing those due within the warning
 * period (negative days: expired, e.g. a participant that has not renewed). The same numbers are Prometheus gauges
 * {@code tsunagi_certificate_expiry_days{kind,name}} and {@code tsunagi_crl_next_update_days{crl}}, for alerting.
 */
final class CertificateExpiry extends AbstractHealthIndicator {

    /** A certificate the gateway relies on: what it is ({@code gateway}, {@code anchor}, {@code participant}). */
    record Watched(String kind, String name, X509Certificate certificate) {
    }

    private final Collection<Watched> certificates;
    private final Supplier<List<RevocationLists.SourceStatus>> crls;
    private final Duration warning;
    private final Clock clock;

    /** @param crls each CRL source's state ({@link RevocationLists#status()}); its sources are fixed at start */
    CertificateExpiry(Collection<Watched> certificates, Supplier<List<RevocationLists.SourceStatus>> crls,
                      Duration warning, Clock clock, MeterRegistry meters) {
        super("certificate check failed");
        this.certificates = List.copyOf(certificates);
        this.crls = crls;
        this.warning = warning;
        this.clock = clock;
        for (Watched watched : this.certificates) {
            Gauge.builder("tsunagi.certificate.expiry.days", watched, w -> days(w.certificate().getNotAfter().toInstant()))
                    .description("days until the certificate expires (negative: expired)")
                    .tag("kind", watched.kind()).tag("name", watched.name()).register(meters);
        }
        for (RevocationLists.SourceStatus source : crls.get()) {
            String name = source.name();
            Gauge.builder("tsunagi.crl.next.update.days", this, e -> e.crlDays(name))
                    .description("days until the CRL's nextUpdate (negative: stale; -1000 when none is usable)")
                    .tag("crl", name).register(meters);
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
        List<RevocationLists.SourceStatus> sources = crls.get();
        Map<String, String> crlErrors = new LinkedHashMap<>();
        for (RevocationLists.SourceStatus source : sources) {
            double days = days(source);
            if (days < 0) {
                down = true;
            }
            if (days < warning.toDays()) {
                due.put("crl:" + source.name(), Math.floor(days));
            }
            if (source.lastError() != null) {
                // The previous CRLs are still in use: UP unless they are stale, but the refusal shows.
                crlErrors.put(source.name(), source.lastError());
            }
        }
        builder.status(down ? "DOWN" : "UP")
                .withDetail("certificates", certificates.size())
                .withDetail("crls", sources.size())
                .withDetail("crlReloadErrors", crlErrors)
                .withDetail("dueWithinDays", warning.toDays())
                .withDetail("due", due);
        if (!certificates.isEmpty()) {
            builder.withDetail("soonestCertificateExpiryDays", Math.floor(soonest));
        }
    }

    private double days(Instant instant) {
        return Duration.between(clock.instant(), instant).toSeconds() / 86_400.0;
    }

    private double crlDays(String name) {
        return crls.get().stream().filter(s -> s.name().equals(name)).findFirst().map(this::days).orElse(-1000.0);
    }

    private double days(RevocationLists.SourceStatus source) {
        return source.nextUpdate() == null ? -1000 : days(source.nextUpdate());
    }
}
