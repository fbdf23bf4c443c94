package org.tsunagi.gateway.operations;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.core.env.Environment;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tsunagi.gateway.GatewayProperties;
import org.tsunagi.gateway.participants.Participant;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.gateway.pipeline.KeysProperties;
import org.tsunagi.gateway.security.RevocationLists;
import org.tsunagi.gateway.security.TrustProperties;
import org.tsunagi.routes.envelope.KeyMaterial;

/** Health components for operators: the database as the gateway's role sees it, certificates and CRLs. */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

    /** Certificates and CRLs due within this many days are listed by the health component and alerted on. */
    static final Duration WARNING = Duration.ofDays(14);

    /** H2 (the embedded default) only: fsync after every commit, see {@link SyncOnCommit}. */
    @Bean
    static BeanPostProcessor h2SyncOnCommit(Environment environment) {
        boolean enabled = environment.getProperty("tsunagi.h2.sync-on-commit", Boolean.class, true);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (enabled && bean instanceof HikariDataSource h2 && h2.getJdbcUrl() != null
                        && h2.getJdbcUrl().startsWith("jdbc:h2:file:")) {
                    return new SyncOnCommit(h2);
                }
                return bean;
            }
        };
    }

    @Bean
    HttpsCertificateLog httpsCertificateLog(ServerProperties server) {
        return new HttpsCertificateLog(server);
    }

    @Bean
    DataDirectoryPermissions dataDirectoryPermissions(GatewayProperties gateway) {
        return new DataDirectoryPermissions(gateway.dataDir());
    }

    /** Below 100 MB free the data disk is DOWN (Boot's default diskSpace threshold is 10 MB). */
    @Bean
    DataDisk dataDiskHealthIndicator(GatewayProperties gateway, MeterRegistry meters) {
        return new DataDisk(gateway.dataDir(), 100L * 1024 * 1024, meters);
    }

    @Bean
    DatabaseAccess databaseAccessHealthIndicator(DataSource dataSource) {
        return new DatabaseAccess(dataSource);
    }

    @Bean
    CertificateExpiry certificatesHealthIndicator(KeysProperties keys, TrustProperties trust,
                                                  ParticipantRegistry registry, RevocationLists crls,
                                                  MeterRegistry meters, Clock clock) {
        List<CertificateExpiry.Watched> watched = new ArrayList<>();
        watched.addAll(read("gateway", "encryption", keys.encryptionCertificate()));
        for (int i = 0; i < keys.previousDecryption().size(); i++) {
            watched.addAll(read("gateway", "previous-decryption-" + i, keys.previousDecryption().get(i).cert()));
        }
        watched.addAll(read("gateway", "signing", keys.signingCertificate()));
        for (String anchor : trust.anchors()) {
            Path file = Path.of(anchor);
            watched.addAll(read("anchor", file.getFileName().toString(), file));
        }
        for (Participant participant : registry.all()) {
            // The one that expires last: during a renewal overlap the old one's expiry is expected, not an alarm.
            watched.add(new CertificateExpiry.Watched("participant", participant.id(), participant.lastToExpire()));
        }
        return new CertificateExpiry(watched, crls::status, WARNING, clock, meters);
    }

    /** Every certificate in the file; the second and later get {@code #n} added to their name. */
    private static List<CertificateExpiry.Watched> read(String kind, String name, Path file) {
        try {
            List<java.security.cert.X509Certificate> all = KeyMaterial.certificates(file);
            List<CertificateExpiry.Watched> watched = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                watched.add(new CertificateExpiry.Watched(kind, i == 0 ? name : name + "#" + (i + 1), all.get(i)));
            }
            return watched;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read certificate " + file + ": " + e.getMessage(), e);
        }
    }
}
