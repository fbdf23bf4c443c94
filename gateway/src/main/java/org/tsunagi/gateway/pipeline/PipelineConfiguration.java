package org.tsunagi.gateway.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
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
import org.tsunagi.gateway.ledger.LedgerAlarm;
import org.tsunagi.gateway.participants.CurrentCertificates;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.gateway.sftp.ParticipantHomes;
import org.tsunagi.gateway.statistics.StatisticsReleases;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.EnvelopeLimits;
import org.tsunagi.routes.envelope.JcaProviders;
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
 * dispatcher that takes files from every participant's inbox and feeds them to the route.
 */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    /**
     * The gateway's keys, loaded once; a bad file stops the gateway naming the setting and the file.
     *
     * @param decryption         the current encryption key: what senders seal to
     * @param previousDecryption earlier encryption keys still accepted during a rotation (current one excluded)
     * @param signing            what outgoing copies and receipts are signed with
     */
    record GatewayKeys(Credentials decryption, List<Credentials> previousDecryption, Credentials signing) {

        GatewayKeys {
            previousDecryption = List.copyOf(previousDecryption);
        }

        static GatewayKeys load(KeysProperties keys) {
            Credentials current = credentials("tsunagi.keys.encryption-*", keys.encryptionCertificate(),
                    keys.encryptionKey());
            List<Credentials> previous = new ArrayList<>();
            for (int i = 0; i < keys.previousDecryption().size(); i++) {
                String setting = "tsunagi.keys.previous-decryption[" + i + "]";
                KeysProperties.DecryptionKey key = keys.previousDecryption().get(i);
                Credentials loaded = credentials(setting, key.cert(), key.key());
                // The same certificate twice is a configuration slip (often: forgot to update the current one).
                if (loaded.certificate().equals(current.certificate())
                        || previous.stream().anyMatch(p -> p.certificate().equals(loaded.certificate()))) {
                    throw new IllegalStateException(setting + ": " + key.cert()
                            + " is already configured as a decryption key of the gateway");
                }
                previous.add(loaded);
            }
            return new GatewayKeys(current, previous,
                    credentials("tsunagi.keys.signing-*", keys.signingCertificate(), keys.signingKey()));
        }

        /** Every key inbound files may be sealed to, the current one first. */
        List<Credentials> allDecryption() {
            List<Credentials> all = new ArrayList<>(1 + previousDecryption.size());
            all.add(decryption);
            all.addAll(previousDecryption);
            return List.copyOf(all);
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
    Redacting.CopyMaker redactionCopies(GatewayProperties gateway, PolicyCatalog policies,
                                        RedactionProperties redaction, MessageCodec codec, Clock clock,
                                        StatisticsReleases statistics) {
        return new RedactionCopies(new Redactor(gateway.gatewayId(), policies,
                PseudonymKey.fromFile(redaction.pseudonymKeyFile()), codec, clock), codec, statistics);
    }


    @Bean
    Decisions decisions(JdbcClient jdbc) {
        return new Decisions(jdbc);
    }

    @Bean
    WorkArea workArea(GatewayProperties gateway, Clock clock) {
        return new WorkArea(gateway.dataDir(), clock);
    }

    @Bean
    DropClaims dropClaims(JdbcClient jdbc) {
        return new DropClaims(jdbc, instanceName());
    }

    @Bean
    PipelineHealth pipelineHealthIndicator(PipelineProperties pipeline) {
        return new PipelineHealth(2 * pipeline.maxAttempts());
    }

    @Bean
    PipelineMetrics pipelineMetrics(MeterRegistry meters, JdbcClient jdbc) {
        return new PipelineMetrics(meters, jdbc);
    }

    @Bean
    Finishing finishing(ParticipantHomes homes, Decisions decisions, Outbox outbox, PlatformTransactionManager tx,
                        ObjectMapper json, WorkArea work, DropClaims claims, Clock clock) {
        return new Finishing(homes, decisions, outbox, new Transactions(new TransactionTemplate(tx)), json, work,
                claims, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "tsunagi.pipeline.enabled", havingValue = "true", matchIfMissing = true)
    MessageRoute messageRoute(GatewayProperties gateway, PipelineProperties pipeline,
                              GatewayKeys keys, SignerValidator signers, ParticipantRegistry registry,
                              MessageCodec codec, Decisions decisions, Outbox outbox, DisclosureLedger ledger,
                              SubjectKey subjectKey, PurposeRules purposes, Redacting.CopyMaker copies,
                              PlatformTransactionManager transactionManager, Finishing finishing, DropClaims claims,
                              PipelineMetrics metrics, PipelineHealth health, Clock clock, IntakeProperties intake,
                              StatisticsReleases statistics, CurrentCertificates certificates,
                              JcaProviders providers) {
        Transactions transactions = new Transactions(new TransactionTemplate(transactionManager));
        MessageSealer sealer = new MessageSealer(EnvelopeLimits.defaults(), clock, providers);
        MessageOpener opener = new MessageOpener(keys.allDecryption(), signers, EnvelopeLimits.defaults());
        RegistryDirectory directory = new RegistryDirectory(registry);
        Receipts receipts = new Receipts(gateway.gatewayId(), registry, certificates, codec, sealer, keys.signing());
        GatewayMessageSteps steps = new GatewayMessageSteps(
                new Opening(opener, registry, intake, clock),
                new Reading(codec, new Subjects(subjectKey)),
                new Authorising(gateway.gatewayId(), registry, decisions, new Freshness(intake, clock)),
                new Routing(new Router(directory, purposes, decisions),
                        new RoutingFactsReader(directory::isJusticeBody), clock),
                new Redacting(copies),
                new Sealing(sealer, new JoseEnvelope(EnvelopeLimits.defaults(), clock, providers), keys.signing(),
                        registry, certificates),
                new Committing(decisions, outbox, ledger, receipts, registry, transactions, clock, statistics),
                finishing, metrics, claims, health, pipeline, clock);
        return new MessageRoute(DropDispatcher.ENDPOINT, steps, clock);
    }

    /** Takes files from every participant's inbox and hands them to the route, {@code workers} at a time. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnProperty(name = "tsunagi.pipeline.enabled", havingValue = "true", matchIfMissing = true)
    DropDispatcher dropDispatcher(ParticipantHomes homes, WorkArea work, DropClaims claims, Finishing finishing,
                                  PipelineProperties pipeline, CamelContext camel, PipelineMetrics metrics,
                                  PipelineHealth health, Clock clock, MessageRoute route, LedgerAlarm alarm) {
        // The ledger alarm pauses intake: drops wait in their inboxes until it clears.
        return new DropDispatcher(new Inboxes(homes, work, pipeline, clock), work, claims, finishing, pipeline, camel,
                metrics, health, clock, new IngestPause(alarm));
    }

    /** This instance's name in claims: host and process, so that operators can tell who held a drop. */
    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
