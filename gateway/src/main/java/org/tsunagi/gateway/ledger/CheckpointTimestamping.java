package org.tsunagi.gateway.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tsunagi.routes.ledger.CheckpointTimestamps;

/**
 * Has the newest checkpoint timestamped by an RFC 3161 authority ({@code tsunagi.ledger.timestamping.urls}, tried in
 * order until one grants it) and stores the response. When the newest checkpoint has had no timestamp for longer
 * than {@code max-gap}, it raises the ledger alarm (which pauses ingest with {@code require-timestamp}); the alarm
 * clears with the next timestamp. Older checkpoints need none of their own: consistency proofs chain them to a
 * timestamped one.
 */
final class CheckpointTimestamping {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointTimestamping.class);
    private static final int MAX_RESPONSE = 64 * 1024;

    private final LedgerStore store;
    private final LedgerProperties.Timestamping settings;
    private final LedgerAlarm alarm;
    private final RememberedCheckpoint remembered;
    private final Clock clock;
    private final HttpClient http;

    CheckpointTimestamping(JdbcTemplate jdbc, LedgerProperties.Timestamping settings, LedgerAlarm alarm,
                           RememberedCheckpoint remembered, Clock clock) {
        this.store = new LedgerStore(jdbc);
        this.remembered = remembered;
        this.settings = settings;
        this.alarm = alarm;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** Timestamps the newest checkpoint if it has no timestamp yet; raises or clears the overdue alarm. */
    void timestampNewest() {
        if (settings.urls().isEmpty()) {
            return;
        }
        Optional<LedgerStore.CheckpointRow> newest = store.latestCheckpointRow();
        if (newest.isEmpty() || store.timestamp(newest.get().treeSize()).isPresent()) {
            newest.ifPresent(row -> alarm.timestamped());
            return;
        }
        LedgerStore.CheckpointRow row = newest.get();
        for (URI url : settings.urls()) {
            try {
                TimeStampRequest request = CheckpointTimestamps.request(row.note());
                byte[] response = CheckpointTimestamps.accept(request, post(url, request.getEncoded()));
                try {
                    store.insertTimestamp(row.treeSize(), url.toString(), response, clock.instant());
                } catch (DuplicateKeyException e) {
                    // another instance stored this TSA's timestamp first: as good
                }
                LOG.info("ledger checkpoint at tree size {} timestamped by {}", row.treeSize(), url);
                try {
                    remembered.rememberTimestamp(row.note(), response);
                } catch (IOException e) {
                    LOG.error("cannot keep the timestamp of the checkpoint at size {} in {}: {}", row.treeSize(),
                            remembered.file().getParent(), e.getMessage());
                }
                alarm.timestamped();
                return;
            } catch (IOException | TSPException | RuntimeException e) {
                LOG.warn("time-stamping authority {} gave no timestamp for the checkpoint at size {}: {}", url,
                        row.treeSize(), e.getMessage());
            }
        }
        Duration waiting = Duration.between(row.createdAt(), clock.instant());
        if (waiting.compareTo(settings.maxGap()) > 0) {
            alarm.timestampOverdue("no RFC 3161 timestamp for the checkpoint at tree size " + row.treeSize()
                    + " for " + waiting.toSeconds() + "s (tsunagi.ledger.timestamping.max-gap is " + settings.maxGap()
                    + ")");
        }
    }

    private byte[] post(URI url, byte[] query) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.timeout())
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(query)).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_RESPONSE + 1);
            if (bytes.length > MAX_RESPONSE) {
                throw new IOException("response larger than " + MAX_RESPONSE + " bytes");
            }
            return bytes;
        }
    }
}
