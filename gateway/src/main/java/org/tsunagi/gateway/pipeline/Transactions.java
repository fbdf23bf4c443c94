package org.tsunagi.gateway.pipeline;

import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs work in one database transaction: everything it writes commits together or not at all. */
final class Transactions {

    private final TransactionTemplate template;

    Transactions(TransactionTemplate template) {
        this.template = template;
    }

    <T> T call(Supplier<T> work) {
        return template.execute(status -> work.get());
    }

    void run(Runnable work) {
        template.executeWithoutResult(status -> work.run());
    }
}
