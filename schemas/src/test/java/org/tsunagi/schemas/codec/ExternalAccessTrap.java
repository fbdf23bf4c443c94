package org.tsunagi.schemas.codec;

import com.sun.net.httpserver.HttpServer;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Detects any file or network access a document could trigger. The network canary is an HTTP server on a free
 * loopback port that counts every request. The file canary is a named pipe: a writer thread waits for someone to
 * open it for reading, so any open of the file (not only a read of its content) is recorded. Both serve a secret
 * that must never show up in a result or an error message.
 */
final class ExternalAccessTrap implements AutoCloseable {

    private final String secret = "CANARY-" + UUID.randomUUID();
    private final HttpServer http;
    private final AtomicInteger httpRequests = new AtomicInteger();
    private final Path directory;
    private final Path canary;
    private final boolean canaryIsPipe;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean canaryOpened = new AtomicBoolean();
    private final Thread pipeWriter;

    ExternalAccessTrap() throws IOException, InterruptedException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            httpRequests.incrementAndGet();
            byte[] body = secret.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        directory = Files.createTempDirectory("tsunagi-canary");
        canary = directory.resolve("canary.txt");
        canaryIsPipe = new ProcessBuilder("mkfifo", canary.toString()).start().waitFor() == 0;
        if (canaryIsPipe) {
            pipeWriter = new Thread(() -> {
                try (FileOutputStream out = new FileOutputStream(canary.toFile())) {
                    if (!closing.get()) {
                        canaryOpened.set(true);
                    }
                    out.write(secret.getBytes(StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the reader went away
                }
            }, "canary-pipe-writer");
            pipeWriter.setDaemon(true);
            pipeWriter.start();
        } else {
            Files.writeString(canary, secret);
            pipeWriter = null;
        }
    }

    String secret() {
        return secret;
    }

    String httpUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    String canaryUrl() {
        return canary.toUri().toString();
    }

    int httpRequests() {
        return httpRequests.get();
    }

    /** True when the canary file was opened (only detectable when it is a named pipe, which it is on Linux). */
    boolean canaryOpened() {
        return canaryOpened.get();
    }

    boolean canaryIsPipe() {
        return canaryIsPipe;
    }

    /** Replaces the placeholders {@code @HTTP_URL@} and {@code @CANARY_URL@} of a hostile corpus file. */
    byte[] instantiate(byte[] template) {
        String latin = new String(template, StandardCharsets.ISO_8859_1);
        if (!latin.contains("@HTTP_URL@") && !latin.contains("@CANARY_URL@")) {
            return template;
        }
        return latin.replace("@HTTP_URL@", httpUrl()).replace("@CANARY_URL@", canaryUrl())
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        http.stop(0);
        closing.set(true);
        if (pipeWriter != null && pipeWriter.isAlive()) {
            try (InputStream in = new FileInputStream(canary.toFile())) {
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                    // drain: releases the waiting writer
                }
            }
            pipeWriter.join(TimeUnit.SECONDS.toMillis(5));
        }
        Files.deleteIfExists(canary);
        Files.deleteIfExists(directory);
    }
}
