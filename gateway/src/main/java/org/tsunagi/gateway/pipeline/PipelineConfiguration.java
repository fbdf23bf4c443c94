package org.tsunagi.gateway.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tsunagi.gateway.GatewayProperties;
import org.tsunagi.gateway.delivery.Outbox;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.gateway.sftp.ParticipantHomes;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.JoseEnvelope;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.MessageOpener;
import org.tsunagi.routes.envelope.MessageSealer;
import org.tsunagi.routes.envelope.SignerValidator;
import org.tsunagi.routes.ledger.SubjectKey;
import org.tsunagi.routes.pipeline.MessageRoute;
import org.tsunagi.routes.redaction.PolicyCatalog;
import org.tsunagi.routes.redaction.PseudonymKey;
import org.tsunagi.routes.redaction.Redactor;
import org.tsunagi.routes.routing.PurposeRules;
import org.tsunagi.routes.routing.Router;
import org.tsunagi.routes.routing.RoutingFactsReader;
import org.tsunagi.schemas.codec.MessageCodec;

/**
 * Wires the message route: keys, trust and schemas loaded once at start (never per message), the steps, and the
 * inbound file endpoint over every participant's inbox.
 */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    /** The gateway's keys, loaded once; a bad file stops the gateway naming the setting and the file. */
    record GatewayKeys(Credentials decryption, Credentials signing) {

        static GatewayKeys load(KeysProperties keys) {
            return new GatewayKeys(credentials("tsunagi.keys.encryption-*", keys.encryptionCertificate(),
                    keys.encryptionKey()),
                    credentials("tsunagi.keys.signing-*", keys.signingCertificate(), keys.signingKey()));
        }

        private static Credentials credentials(String setting, Path certificate, Path key) {
            try {
                return KeyMaterial.credentials(certificate, key);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(setting + ": cannot load " + certificate + " / " + key + ": "
                        + e.getMessage(), e);
            }
        }
    }

    @Bean
    Clock pipelineClock() {
        return Clock.systemUTC();
    }

    @Bean
    GatewayKeys gatewayKeys(KeysProperties keys) {
        return GatewayKeys.load(keys);
    }

    @Bean
    MessageCodec messageCodec() {
        return new MessageCodec();
    }

    @Bean
    PolicyCatalog policyCatalog(RedactionProperties redaction) {
        return PolicyCatalog.load(redaction.policiesDir());
    }

    @Bean
    PurposeRules purposeRules(PolicyCatalog policies) {
        return new PolicyPurposeRules(policies);
    }

    @Bean
    Redacting.CopyMaker redactionCopies(PolicyCatalog policies, RedactionProperties redaction, MessageCodec codec,
                                        Clock clock) {
        return new RedactionCopies(new Redactor(policies, PseudonymKey.fromFile(redaction.pseudonymKeyFile()),
                codec, clock), codec);
    }

    @Bean
    Decisions decisions(JdbcClient jdbc) {
        return new Decisions(jdbc);
    }

    @Bean
    @ConditionalOnProperty(name = "tsunagi.pipeline.enabled", havingValue = "true", matchIfMissing = true)
    MessageRoute messageRoute(GatewayProperties gateway, PipelineProperties pipeline,
                              GatewayKeys keys, SignerValidator signers, ParticipantRegistry registry, ParticipantHomes homes,
                              MessageCodec codec, Decisions decisions, Outbox outbox, DisclosureLedger ledger,
                              SubjectKey subjectKey, PurposeRules purposes, Redacting.CopyMaker copies,
                              PlatformTransactionManager transactionManager,
                              JdbcClient jdbc, MeterRegistry meters, ObjectMapper json, Clock clock,
                              IntakeProperties intake) {
        Transactions transactions = new Transactions(new TransactionTemplate(transactionManager));
        MessageSealer sealer = new MessageSealer();
        MessageOpener opener = new MessageOpener(keys.decryption(), signers);
        RegistryDirectory directory = new RegistryDirectory(registry);
        Receipts receipts = new Receipts(gateway.gatewayId(), registry, codec, sealer, keys.signing());
        GatewayMessageSteps steps = new GatewayMessageSteps(
                new Opening(opener, registry, intake, clock),
                new Reading(codec, new Subjects(subjectKey)),
                new Authorising(gateway.gatewayId(), registry, decisions,
                        new Freshness(intake, clock)),
                new RoutingStep(new Router(directory, purposes, decisions),
                        new RoutingFactsReader(directory::isJusticeBody), clock),
                new Redacting(copies),
                new Sealing(sealer, new JoseEnvelope(), keys.signing(), registry),
                new Committing(decisions, outbox, ledger, receipts, registry, transactions, clock),
                new DropFinisher(homes, decisions, outbox, transactions, json, clock),
                new PipelineMetrics(meters, jdbc));
        return new MessageRoute(inboxes(homes, pipeline), steps, clock);
    }

    /**
     * Every participant's {@code inbox/}, only complete {@code *.p7m} files (uploads use another name and rename),
     * only files unchanged for {@code min-file-age}. The endpoint neither moves nor deletes: the finish step does,
     * after commit.
     */
    static String inboxes(ParticipantHomes homes, PipelineProperties pipeline) {
        return "file:" + homes.sftpRoot() + "?recursive=true&maxDepth=3&antInclude=*/inbox/*.p7m"
                + "&noop=true&idempotent=false&readLock=changed&readLockCheckInterval=100"
                + "&readLockMinAge=" + pipeline.minFileAge().toMillis()
                + "&delay=" + pipeline.pollDelay().toMillis()
                + "&maxMessagesPerPoll=" + pipeline.maxFilesPerPoll()
                + "&sortBy=file:modified&autoCreate=true";
    }
}
