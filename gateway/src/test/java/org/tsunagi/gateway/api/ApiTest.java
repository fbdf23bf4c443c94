package org.tsunagi.gateway.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The gateway on a free HTTPS port with the demo participants, its own in-memory database and data folder, and
 * limits high enough not to interfere (limits have their own test). Every test class with it shares one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:api-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "tsunagi.data-dir=./target/api-test-data",
        // A fresh database each run: so is the ledger's remembered checkpoint (else it would raise the ledger alarm).
        "tsunagi.ledger.remembered-checkpoint-file=./target/api-test-ledger-${random.uuid}/checkpoint.note",
        "tsunagi.api.limits.burst=100000",
        "tsunagi.api.limits.requests-per-minute=1000000"})
public @interface ApiTest {
}
