package org.tsunagi.gateway.ledger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tsunagi.ledger.*}: the disclosure ledger's settings, validated at start.
 *
 * @param origin                 the checkpoint origin line and signed-note key name
 * @param checkpointKeyFile      Ed25519 private key (PKCS#8 PEM) that signs checkpoints
 * @param subjectKeyFile         secret (hex or base64, at least 32 bytes) for subject references
 * @param checkpointEveryEntries sign a checkpoint at least every this many entries
 * @param checkpointEvery        and at least this often while entries keep arriving
 * @param maxPageSize            largest page the audit API returns
 * @param timestamping           RFC 3161 timestamps on checkpoints ({@code tsunagi.ledger.timestamping.*})
 * @param rememberedCheckpointFile where the gateway keeps the last checkpoint it signed, outside the database
 *                               (default {@code <data-dir>/ledger/checkpoint.note}); ideally storage the database's
 *                               administrators cannot write
 * @param integration            the integrator that sequences written entries ({@code tsunagi.ledger.integration.*})
 */
@Validated
@ConfigurationProperties("tsunagi.ledger")
public record LedgerProperties(
        @NotBlank @DefaultValue("tsunagi-gateway/ledger") String origin,
        @NotBlank @DefaultValue("keys-example/gateway/checkpoint-ed25519.pem") String checkpointKeyFile,
        @NotBlank @DefaultValue("keys-example/gateway/subject-key.txt") String subjectKeyFile,
        @Min(1) @DefaultValue("1000") int checkpointEveryEntries,
        @NotNull @DefaultValue("60s") Duration checkpointEvery,
        @Min(1) @Max(10000) @DefaultValue("1000") int maxPageSize,
        @NotNull @Valid @DefaultValue Timestamping timestamping,
        String rememberedCheckpointFile,
        @NotNull @Valid @DefaultValue Integration integration) {

    /**
     * {@code tsunagi.ledger.integration.*}: the integrator that gives written (pending) entries their indices. One
     * instance of the cluster integrates (PostgreSQL advisory lock); on H2 the one gateway does.
     *
     * @param interval       integrate this often (and at once when this instance commits entries)
     * @param batchSize      entries per integration transaction, at most
     * @param takeoverCheck  how often an instance that does not integrate tries to take over (PostgreSQL)
     * @param maxBacklogAge  the ledger health is DOWN while an entry has waited longer than this (integration stuck)
     * @param readWait       how long an audit search or a copy's proofs wait for the entries committed before the
     *                       request to be integrated, before answering 503 with Retry-After
     */
    public record Integration(@NotNull @DefaultValue("50ms") Duration interval,
                              @Min(1) @Max(100000) @DefaultValue("2000") int batchSize,
                              @NotNull @DefaultValue("1s") Duration takeoverCheck,
                              @NotNull @DefaultValue("30s") Duration maxBacklogAge,
                              @NotNull @DefaultValue("2s") Duration readWait) {

        public Integration {
            requireBetween("interval", interval, Duration.ofMillis(5), Duration.ofSeconds(10));
            requireBetween("takeover-check", takeoverCheck, Duration.ofMillis(50), Duration.ofMinutes(1));
            requireBetween("max-backlog-age", maxBacklogAge, Duration.ofSeconds(1), Duration.ofHours(24));
            requireBetween("read-wait", readWait, Duration.ZERO, Duration.ofSeconds(30));
        }

        /** The defaults. */
        public static Integration defaults() {
            return new Integration(Duration.ofMillis(50), 2000, Duration.ofSeconds(1), Duration.ofSeconds(30),
                    Duration.ofSeconds(2));
        }

        private static void requireBetween(String name, Duration value, Duration min, Duration max) {
            if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
                throw new IllegalArgumentException("tsunagi.ledger.integration." + name + " must be between " + min
                        + " and " + max + ", got " + value);
            }
        }
    }

    /**
     * {@code tsunagi.ledger.timestamping.*}: every signed checkpoint is sent to these RFC 3161 time-stamping
     * authorities (each in turn until one answers).
     *
     * @param urls             the TSAs' HTTP(S) URLs; none: checkpoints are not timestamped
     * @param maxGap           raise the ledger alarm when the newest checkpoint has had no timestamp for this long
     * @param requireTimestamp and then also leave new drops in their inboxes (fail closed, as X-Road does)
     * @param timeout          connect and read timeout of one TSA request
     */
    public record Timestamping(List<URI> urls,
                               @NotNull @DefaultValue("1h") Duration maxGap,
                               @DefaultValue("false") boolean requireTimestamp,
                               @NotNull @DefaultValue("10s") Duration timeout) {

        public Timestamping {
            urls = urls == null ? List.of() : List.copyOf(urls);
            for (URI url : urls) {
                if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                    throw new IllegalArgumentException("tsunagi.ledger.timestamping.urls: not an http(s) URL: " + url);
                }
            }
            if (requireTimestamp && urls.isEmpty()) {
                throw new IllegalArgumentException("tsunagi.ledger.timestamping.require-timestamp needs at least one URL "
                        + "in tsunagi.ledger.timestamping.urls");
            }
        }

        /** No timestamping. */
        public static Timestamping none() {
            return new Timestamping(List.of(), Duration.ofHours(1), false, Duration.ofSeconds(10));
        }
    }

    public LedgerProperties {
        if (checkpointEvery != null && (checkpointEvery.isNegative() || checkpointEvery.toMillis() < 100)) {
            throw new IllegalArgumentException("tsunagi.ledger.checkpoint-every must be at least 100ms, got " + checkpointEvery);
        }
    }

    // Plain file-system paths (Spring's String-to-Path conversion would treat them as resource URLs).
    Path checkpointKeyPath() {
        return Path.of(checkpointKeyFile);
    }

    Path subjectKeyPath() {
        return Path.of(subjectKeyFile);
    }
}
