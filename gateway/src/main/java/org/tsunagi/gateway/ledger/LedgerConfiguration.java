package org.tsunagi.gateway.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tsunagi.gateway.GatewayProperties;
import org.tsunagi.routes.ledger.CheckpointSigner;
import org.tsunagi.routes.ledger.CheckpointVerifier;
import org.tsunagi.routes.ledger.SubjectKey;

/** Loads the ledger's keys at start; a missing or malformed key stops the gateway with the setting to fix. */
@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {

    @Bean
    CheckpointSigner checkpointSigner(LedgerProperties properties) {
        try {
            return CheckpointSigner.fromPem(properties.origin(), properties.checkpointKeyPath());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("tsunagi.ledger.checkpoint-key-file: cannot load an Ed25519 PKCS#8 PEM key from "
                    + properties.checkpointKeyPath().toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** The secret behind subject references; the pipeline injects this bean to compute them. */
    @Bean
    SubjectKey subjectKey(LedgerProperties properties) {
        if (!Files.isReadable(properties.subjectKeyPath())) {
            throw new IllegalStateException("tsunagi.ledger.subject-key-file: cannot read "
                    + properties.subjectKeyPath().toAbsolutePath());
        }
        try {
            return SubjectKey.fromFile(properties.subjectKeyPath());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("tsunagi.ledger.subject-key-file: " + e.getMessage(), e);
        }
    }

    @Bean
    LedgerCheckpointSchedule ledgerCheckpointSchedule(DisclosureLedger ledger, LedgerProperties properties,
                                                      JdbcTemplate jdbc, LedgerAlarm alarm,
                                                      RememberedCheckpoint remembered, Clock clock) {
        return new LedgerCheckpointSchedule(ledger, new CheckpointTimestamping(jdbc, properties.timestamping(), alarm,
                remembered, clock), properties.checkpointEvery());
    }

    /** The last signed checkpoint, kept outside the database: {@code <data-dir>/ledger/checkpoint.note} by default. */
    @Bean
    RememberedCheckpoint rememberedCheckpoint(GatewayProperties gateway, LedgerProperties properties,
                                              CheckpointSigner signer) {
        String setting = properties.rememberedCheckpointFile();
        try {
            return new RememberedCheckpoint(setting == null || setting.isBlank()
                    ? gateway.dataDir().resolve("ledger").resolve("checkpoint.note") : Path.of(setting),
                    CheckpointVerifier.fromVerifierKey(signer.verifierKey()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the checkpoint key cannot verify its own notes", e);
        }
    }

    @Bean
    LedgerAlarm ledgerAlarm(MeterRegistry meters, LedgerProperties properties) {
        return new LedgerAlarm(meters, properties.timestamping().requireTimestamp());
    }

    /** {@code Tsunagi-Checkpoint} on every API response, before the security chain so refusals carry it too. */
    @Bean
    FilterRegistrationBean<CheckpointHeaderFilter> checkpointHeaderFilter(DisclosureLedger ledger) {
        FilterRegistrationBean<CheckpointHeaderFilter> registration =
                new FilterRegistrationBean<>(new CheckpointHeaderFilter(ledger));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    /** The cluster's one integrator (advisory lock on PostgreSQL; this gateway on H2). */
    @Bean
    LedgerIntegrator ledgerIntegrator(DisclosureLedger ledger, DataSource dataSource, LedgerProperties properties,
                                      MeterRegistry meters, Clock clock) {
        return new LedgerIntegrator(ledger, dataSource, properties.integration(), meters, clock, "ledger-integrator");
    }

    /** Health component {@code ledger}. */
    @Bean
    LedgerHealthIndicator ledgerHealthIndicator(LedgerAlarm alarm, LedgerIntegrator integrator,
                                                LedgerProperties properties) {
        return new LedgerHealthIndicator(alarm, integrator, properties.integration().maxBacklogAge());
    }
}
