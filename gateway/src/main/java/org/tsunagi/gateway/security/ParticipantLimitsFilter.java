package org.tsunagi.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-participant limits, applied once the caller is known: a request rate (token bucket; 429 with
 * {@code Retry-After}) and a request body size (413, whether the body declares its length or streams it).
 * The buckets live in this instance: with N instances behind a balancer a participant gets up to N times the rate.
 */
final class ParticipantLimitsFilter extends OncePerRequestFilter {

    private final ApiProperties properties;
    private final ProblemWriter problems;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    ParticipantLimitsFilter(ApiProperties properties, ProblemWriter problems) {
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        ApiProperties.Limits limits = properties.limitsFor(caller.getName());
        TokenBucket bucket = buckets.computeIfAbsent(caller.getName(),
                id -> new TokenBucket(limits.burst(), limits.requestsPerMinute() / 60.0, System.nanoTime()));
        long waitSeconds = bucket.tryTake(System.nanoTime());
        if (waitSeconds > 0) {
            response.setHeader("Retry-After", Long.toString(waitSeconds));
            problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "more than " + limits.requestsPerMinute() + " requests per minute; retry after " + waitSeconds + " s");
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > limits.maxBodyBytes()) {
            problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                    "the request body is larger than " + limits.maxBodyBytes() + " bytes");
            return;
        }
        chain.doFilter(new BoundedBody(request, limits.maxBodyBytes()), response);
    }

    /** A token bucket: {@code capacity} requests at once, refilled at {@code perSecond}. */
    static final class TokenBucket {

        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        TokenBucket(int capacity, double perSecond, long now) {
            this.capacity = capacity;
            this.perNano = perSecond / 1e9;
            this.tokens = capacity;
            this.last = now;
        }

        /** @return 0 if a request may go now, else the seconds to wait for the next token */
        synchronized long tryTake(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }
    }

    /** A request whose body stream fails with 413 once more than {@code max} bytes have been read. */
    private static final class BoundedBody extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream stream;

        BoundedBody(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), max);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long max;
        private long count;

        Counting(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > max) {
                throw new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                        "the request body is larger than " + max + " bytes");
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
