package org.tsunagi.gateway.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.Ssl;
import org.springframework.context.ApplicationListener;

/**
 * Says which key store the HTTPS port really uses. Tomcat's own line names {@code ~/.keystore} (Boot hands it the
 * key store as an object, not a path), so that logger is quietened in application.yml and this line replaces it.
 */
final class HttpsCertificateLog implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(HttpsCertificateLog.class);

    private final ServerProperties server;

    HttpsCertificateLog(ServerProperties server) {
        this.server = server;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        Ssl ssl = server.getSsl();
        // The management server's own event comes from its child context: only the main port is described here.
        if (event.getApplicationContext().getParent() != null || !Ssl.isEnabled(ssl)) {
            return;
        }
        String source = ssl.getBundle() != null ? "SSL bundle " + ssl.getBundle()
                : "key store " + ssl.getKeyStore() + (ssl.getKeyAlias() == null ? "" : ", alias " + ssl.getKeyAlias());
        log.info("HTTPS on port {} with the certificate from {}", event.getWebServer().getPort(), source);
    }
}
