package org.tsunagi.gateway.ledger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the latest signed checkpoint on every API response, refused ones included: header {@code Tsunagi-Checkpoint},
 * the signed note in base64. Clients remember it and demand a consistency proof from the last one they verified, so
 * a gateway cannot show different histories to different participants without being caught. Read from the database
 * at most once a second (checkpoints are minutes apart; other instances sign too).
 */
final class CheckpointHeaderFilter extends OncePerRequestFilter {

    static final String HEADER = "Tsunagi-Checkpoint";
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final DisclosureLedger ledger;
    private volatile String cached;
    private volatile long readAt;

    CheckpointHeaderFilter(DisclosureLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = latest();
        if (header != null) {
            response.setHeader(HEADER, header);
        }
        chain.doFilter(request, response);
    }

    private String latest() {
        long now = System.nanoTime();
        if (cached == null || now - readAt > REFRESH_NANOS) {
            try {
                cached = ledger.latestCheckpoint()
                        .map(note -> Base64.getEncoder().encodeToString(note.getBytes(StandardCharsets.UTF_8)))
                        .orElse(null);
                readAt = now;
            } catch (RuntimeException e) {
                // The database is unavailable: the request fails on its own; keep the last known checkpoint.
            }
        }
        return cached;
    }
}
