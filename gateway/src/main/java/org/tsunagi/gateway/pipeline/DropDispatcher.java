package org.tsunagi.gateway.pipeline;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.tsunagi.routes.pipeline.Drop;
import org.tsunagi.routes.pipeline.MessageRoute;

/**
 * Feeds the message route: every {@code poll-delay}, takes ready files out of the inboxes into the work area and
 * lists the work area (oldest first); then claims listed drops for as many workers as are free and hands each to the
 * route on a worker thread. A worker that finishes asks at once for the next listed drop, so workers never wait for
 * the next poll while drops are waiting (they did: with a 500 ms poll, two workers were idle most of the time).
 * {@code workers} messages are in flight at once; the database claim makes sure that no drop is worked on twice at
 * once, in this instance or another, and that a dead instance's drops are taken over once its lease runs out.
 */
final class DropDispatcher implements ApplicationListener<ContextClosedEvent> {

    static final String ENDPOINT = "direct:tsunagi-drops";
    private static final Logger log = LoggerFactory.getLogger(DropDispatcher.class);

    private final Inboxes inboxes;
    private final WorkArea work;
    private final DropClaims claims;
    private final Finishing finishing;
    private final PipelineProperties properties;
    private final CamelContext camel;
    private final PipelineMetrics metrics;
    private final PipelineHealth health;
    private final Clock clock;
    private final IngestPause pause;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Semaphore free;
    /** The last listing's drops not yet dispatched (a drop listed twice is still claimed once: the database says). */
    private final Queue<WorkArea.Taken> listed = new ConcurrentLinkedQueue<>();
    private final ReentrantLock listing = new ReentrantLock();
    private ScheduledExecutorService poller;
    private volatile boolean stopping;
    private ExecutorService workers;
    private ProducerTemplate producer;

    DropDispatcher(Inboxes inboxes, WorkArea work, DropClaims claims, Finishing finishing,
                   PipelineProperties properties, CamelContext camel, PipelineMetrics metrics, PipelineHealth health,
                   Clock clock, IngestPause pause) {
        this.inboxes = inboxes;
        this.work = work;
        this.claims = claims;
        this.finishing = finishing;
        this.properties = properties;
        this.camel = camel;
        this.metrics = metrics;
        this.health = health;
        this.clock = clock;
        this.pause = pause;
        this.free = new Semaphore(properties.workersInFlight());
        metrics.inFlight(inFlight, Set::size);
    }

    synchronized void start() {
        stopping = false;
        producer = camel.createProducerTemplate();
        workers = Executors.newFixedThreadPool(properties.workersInFlight(), named("tsunagi-worker-"));
        poller = Executors.newSingleThreadScheduledExecutor(named("tsunagi-intake-"));
        long delay = properties.pollDelay().toMillis();
        poller.scheduleWithFixedDelay(this::poll, delay, delay, TimeUnit.MILLISECONDS);
    }

    /** Stops taking and claiming; lets the messages in flight finish (up to 30 s). */
    synchronized void stop() {
        if (poller == null) {
            return;
        }
        stopping = true;
        poller.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poller = null;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stop(); // before Camel stops its routes: no message is cut off half-way by the shutdown
    }

    void poll() {
        try {
            if (camel.getRouteController().getRouteStatus(MessageRoute.ROUTE_ID) != ServiceStatus.Started
                    || pause.paused()) {
                return;
            }
            try {
                inboxes.takeReady();
            } catch (Exception e) { // the inboxes' trouble must not stop the work area from being worked on
                log.warn("cannot take files from the inboxes: {}", e.toString());
            }
            listing.lock();
            try {
                listed.clear();
                listed.addAll(work.list()); // even with every worker busy: the next free one takes from it
            } finally {
                listing.unlock();
            }
            dispatchListed();
        } catch (Throwable t) { // NOPMD: e.g. the database is down; the next poll tries again
            claimFailed(t);
        }
    }

    /** A worker is free: the next listed drop goes to it now, not at the next poll. Any thread. */
    private void next() {
        try {
            if (camel.getRouteController().getRouteStatus(MessageRoute.ROUTE_ID) == ServiceStatus.Started
                    && !pause.paused()) {
                if (listed.isEmpty() && listing.tryLock()) {
                    try {
                        listed.addAll(work.list());
                    } finally {
                        listing.unlock();
                    }
                }
                dispatchListed();
            }
        } catch (Throwable t) { // NOPMD: as in poll()
            claimFailed(t);
        }
    }

    private void dispatchListed() {
        while (free.tryAcquire()) {
            WorkArea.Taken taken = listed.poll();
            if (taken == null) {
                free.release();
                return;
            }
            if (inFlight.contains(taken.takeId()) || !dispatch(taken)) {
                free.release();
            }
        }
    }

    private void claimFailed(Throwable t) {
        listed.clear(); // listed again at the next poll, once the database answers
        metrics.failed("claim", t);
        health.failed("claim", t, clock.instant());
        log.warn("cannot claim drops: {}", t.toString());
    }

    private boolean dispatch(WorkArea.Taken taken) {
        Instant now = clock.instant();
        Optional<DropClaims.Claim> claim = claims.claim(taken.takeId(), taken.participantId(), now,
                now.plus(properties.claimLease()));
        if (claim.isEmpty()) {
            return false;
        }
        if (!Files.exists(taken.file(), LinkOption.NOFOLLOW_LINKS)) {
            // Another instance finished it between our listing and our claim (it moves the file, then drops its
            // claim): nothing left to do, and no failure either.
            claims.done(taken.takeId());
            claims.forget(taken.takeId());
            return false;
        }
        if (claim.get().takeover()) {
            metrics.tookOver();
            log.info("took over drop {} of {} (attempt {})", taken.takeId(), taken.participantId(),
                    claim.get().attempts());
        }
        inFlight.add(taken.takeId());
        try {
            workers.execute(() -> run(taken, claim.get()));
        } catch (RuntimeException rejected) {
            inFlight.remove(taken.takeId());
            claims.forget(taken.takeId());
            throw rejected;
        }
        return true;
    }

    private void run(WorkArea.Taken taken, DropClaims.Claim claim) {
        try {
            if (claim.attempts() > properties.maxAttempts() + 2) {
                // Even the INTERNAL_ERROR refusal died twice (e.g. it kills the JVM): never try it again.
                finishing.abandon(Drop.of(taken.participantId(), taken.fileName(), new byte[0], clock.instant())
                        .taken(taken.takeId()), null);
                metrics.abandoned();
                return;
            }
            File file = taken.file().toFile();
            Exchange done = producer.send(ENDPOINT, exchange -> {
                exchange.getIn().setBody(file);
                exchange.getIn().setHeader(MessageRoute.PARTICIPANT, taken.participantId());
                exchange.getIn().setHeader(Exchange.FILE_NAME_ONLY, taken.fileName());
                exchange.getIn().setHeader(MessageRoute.TAKE, taken.takeId());
            });
            if (done.getException() != null) {
                // Not even the failure could be recorded (database down): the claim expires, the drop is retried.
                log.warn("drop {} of {} is left for its claim to expire: {}", taken.takeId(), taken.participantId(),
                        done.getException().toString());
            }
        } catch (Throwable t) { // NOPMD: a worker thread survives whatever one drop does
            log.warn("drop {} of {} is left for its claim to expire: {}", taken.takeId(), taken.participantId(),
                    t.toString());
        } finally {
            claims.forget(taken.takeId());
            inFlight.remove(taken.takeId());
            free.release();
            askForNext();
        }
    }

    private void askForNext() {
        if (stopping) {
            return; // nothing more is dispatched
        }
        next(); // on this worker's thread: the intake thread's claims would otherwise queue behind each other
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
