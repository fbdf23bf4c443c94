package org.tsunagi.routes.envelope;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRLs from the configured files and directories, parsed once and re-read only when a file is added, removed
 * or changed (checked at most once per interval). Thread-safe: readers get an immutable snapshot.
 */
final class CrlStore {

    private static final Logger log = LoggerFactory.getLogger(CrlStore.class);

    private record Snapshot(List<String> fingerprint, CertStore store, int count, Instant checkedAt) {
    }

    private final List<Path> locations;
    private final Duration recheckInterval;
    private final Clock clock;
    private volatile Snapshot snapshot;

    CrlStore(List<Path> locations, Duration recheckInterval, Clock clock) {
        this.locations = List.copyOf(locations);
        this.recheckInterval = recheckInterval;
        this.clock = clock;
        for (Path location : this.locations) {
            if (!Files.exists(location)) {
                // A location that disappears later only makes revocation unknown; one missing at start is a config error.
                throw new IllegalArgumentException("CRL location does not exist: " + location);
            }
        }
        this.snapshot = load(fingerprint(), clock.instant());
    }

    /** The current CRLs as a CertStore for PKIX validation. */
    CertStore certStore() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current.checkedAt().plus(recheckInterval).isAfter(now)) {
            return current.store();
        }
        synchronized (this) {
            current = snapshot;
            if (current.checkedAt().plus(recheckInterval).isAfter(now)) {
                return current.store();
            }
            List<String> fingerprint = fingerprint();
            snapshot = fingerprint.equals(current.fingerprint())
                    ? new Snapshot(fingerprint, current.store(), current.count(), now)
                    : load(fingerprint, now);
            return snapshot.store();
        }
    }

    private Snapshot load(List<String> fingerprint, Instant now) {
        List<X509CRL> crls = new ArrayList<>();
        for (Path file : files()) {
            try {
                crls.addAll(KeyMaterial.crls(file));
            } catch (IOException e) {
                // An unreadable CRL counts as missing: with revocation required, its issuer's certificates are refused.
                log.warn("ignoring unreadable CRL file {}: {}", file, e.getMessage());
            }
        }
        try {
            CertStore store = CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls));
            log.info("loaded {} CRL(s) from {}", crls.size(), locations);
            return new Snapshot(fingerprint, store, crls.size(), now);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the CRL store", e);
        }
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path location : locations) {
            if (Files.isDirectory(location)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(location)) {
                    for (Path entry : entries) {
                        String name = entry.getFileName().toString().toLowerCase(Locale.ROOT);
                        if (Files.isRegularFile(entry)
                                && (name.endsWith(".pem") || name.endsWith(".crl") || name.endsWith(".der"))) {
                            files.add(entry);
                        }
                    }
                } catch (IOException e) {
                    log.warn("cannot list CRL directory {}: {}", location, e.getMessage());
                }
            } else if (Files.isRegularFile(location)) {
                files.add(location);
            }
        }
        files.sort(null);
        return files;
    }

    private List<String> fingerprint() {
        List<String> fingerprint = new ArrayList<>();
        for (Path file : files()) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                fingerprint.add(file + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis());
            } catch (IOException e) {
                fingerprint.add(file + "|unreadable");
            }
        }
        return fingerprint;
    }
}
