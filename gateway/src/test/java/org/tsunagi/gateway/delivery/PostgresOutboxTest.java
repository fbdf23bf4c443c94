package org.tsunagi.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tsunagi.gateway.ledger.TestDatabases;

/** The outbox on a real PostgreSQL: same behaviour as on H2, and the database refuses changes to a copy's content. */
class PostgresOutboxTest {

    static DataSource postgres;
    static Outbox outbox;
    static TransactionTemplate transaction;
    static JdbcClient jdbc;

    @BeforeAll
    static void database() {
        postgres = TestDatabases.postgres();
        jdbc = JdbcClient.create(postgres);
        outbox = new Outbox(jdbc);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(postgres));
    }

    @Test
    void keepsListsAndAcknowledgesACopy() {
        OutboundCopy copy = OutboxTest.copy("231002", "ReleaseNotice", OutboxTest.T0);
        transaction.executeWithoutResult(s -> outbox.enqueue(copy));
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);

        assertThat(outbox.find(copy.copyId(), "231002").orElseThrow().copy()).usingRecursiveComparison().isEqualTo(copy);
        assertThat(outbox.find(copy.copyId(), "252018")).isEmpty();
        assertThat(outbox.pending("231002", 0, 10).items()).extracting(PendingCopy::copyId).contains(copy.copyId());
        assertThat((Boolean) transaction.execute(s -> outbox.recordDelivery(copy.copyId(), "231002", DeliveryFormat.CMS, at)))
                .isTrue();
        assertThat((Boolean) transaction.execute(s -> outbox.acknowledge(copy.copyId(), "231002", null, at))).isTrue();
        assertThat((Boolean) transaction.execute(s -> outbox.acknowledge(copy.copyId(), "231002", null, at))).isFalse();
        assertThat(outbox.pending("231002", 0, 10).items()).extracting(PendingCopy::copyId).doesNotContain(copy.copyId());
        assertThat(outbox.history(copy.copyId())).extracting(OutboxEvent::kind)
                .containsExactly(OutboxEvent.Kind.DELIVERED, OutboxEvent.Kind.ACKNOWLEDGED);
    }

    @Test
    void theDatabaseRefusesToChangeContentToMoveStateBackOrToDelete() {
        OutboundCopy copy = OutboxTest.copy("231002", "ReleaseNotice", OutboxTest.T0);
        transaction.executeWithoutResult(s -> outbox.enqueue(copy));
        transaction.executeWithoutResult(s -> outbox.acknowledge(copy.copyId(), "231002", "r", Instant.now()));

        assertThatThrownBy(() -> jdbc.sql("UPDATE outbox_copy SET recipient_id = '252018' WHERE copy_id = ?")
                .param(copy.copyId()).update()).hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("UPDATE outbox_copy SET cms = ? WHERE copy_id = ?")
                .param(new byte[] {1}).param(copy.copyId()).update()).hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("UPDATE outbox_copy SET acknowledged_at = NULL WHERE copy_id = ?")
                .param(copy.copyId()).update()).hasMessageContaining("only moves forward");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM outbox_copy WHERE copy_id = ?")
                .param(copy.copyId()).update()).hasMessageContaining("not deleted");
        assertThatThrownBy(() -> jdbc.sql("UPDATE outbox_event SET receipt = 'forged' WHERE copy_id = ?")
                .param(copy.copyId()).update()).hasMessageContaining("append-only");
        assertThat(outbox.find(copy.copyId(), "231002").orElseThrow().copy()).usingRecursiveComparison().isEqualTo(copy);
    }
}
