package org.tsunagi.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@JdbcTest
@Import(Outbox.class)
class OutboxTest {

    static final Instant T0 = Instant.parse("2026-11-25T01:02:03.123456789Z");

    @Autowired
    Outbox outbox;

    @Test
    void keepsACopyAndFindsItOnlyForItsRecipient() {
        OutboundCopy copy = copy("231002", "ReleaseNotice", T0);
        outbox.enqueue(copy);

        StoredCopy stored = outbox.find(copy.copyId(), "231002").orElseThrow();
        assertThat(stored.copy()).usingRecursiveComparison().isEqualTo(copy);
        assertThat(stored.copy().cms()).isEqualTo(copy.cms());
        assertThat(stored.copy().createdAt()).isEqualTo(Instant.parse("2026-11-25T01:02:03.123456Z"));
        assertThat(stored.deliveredAt()).isNull();
        assertThat(stored.acknowledged()).isFalse();
        assertThat(outbox.find(copy.copyId(), "252018")).isEmpty();
        assertThat(outbox.find(UUID.randomUUID(), "231002")).isEmpty();
    }

    @Test
    void listsPendingCopiesOfOneRecipientOldestFirstInPages() {
        List<OutboundCopy> mine = List.of(copy("231002", "ReleaseNotice", T0), copy("231002", "StatisticsReport", T0),
                copy("231002", "ProbationCaseUpdate", T0));
        outbox.enqueue(mine.get(0));
        outbox.enqueue(copy("252018", "ReleaseNotice", T0));
        outbox.enqueue(mine.get(1));
        outbox.enqueue(mine.get(2));

        PendingPage first = outbox.pending("231002", 0, 2);
        assertThat(first.items()).extracting(PendingCopy::copyId).containsExactly(mine.get(0).copyId(),
                mine.get(1).copyId());
        assertThat(first.items().get(0).size()).isEqualTo(mine.get(0).size());
        assertThat(first.items().get(0).messageType()).isEqualTo("ReleaseNotice");
        assertThat(first.next()).isPresent();
        PendingPage second = outbox.pending("231002", first.next().getAsLong(), 2);
        assertThat(second.items()).extracting(PendingCopy::copyId).containsExactly(mine.get(2).copyId());
        assertThat(second.next()).isEmpty();
    }

    @Test
    void anAcknowledgedCopyLeavesThePendingListOnceAndKeepsItsHistory() {
        OutboundCopy copy = copy("231002", "ReleaseNotice", T0);
        outbox.enqueue(copy);
        Instant downloaded = T0.plusSeconds(60).truncatedTo(ChronoUnit.MICROS);
        Instant acked = T0.plusSeconds(61).truncatedTo(ChronoUnit.MICROS);

        assertThat(outbox.recordDelivery(copy.copyId(), "231002", DeliveryFormat.JOSE, downloaded)).isTrue();
        assertThat(outbox.recordDelivery(copy.copyId(), "231002", DeliveryFormat.CMS, acked)).isTrue();
        assertThat(outbox.recordDelivery(copy.copyId(), "252018", DeliveryFormat.CMS, acked)).isFalse();
        assertThat(outbox.acknowledge(copy.copyId(), "252018", null, acked)).isFalse();
        assertThat(outbox.acknowledge(copy.copyId(), "231002", "eyJ.receipt.sig", acked)).isTrue();
        assertThat(outbox.acknowledge(copy.copyId(), "231002", "eyJ.other.sig", acked.plusSeconds(1))).isFalse();

        StoredCopy stored = outbox.find(copy.copyId(), "231002").orElseThrow();
        assertThat(stored.deliveredAt()).isEqualTo(downloaded);
        assertThat(stored.acknowledgedAt()).isEqualTo(acked);
        assertThat(outbox.pending("231002", 0, 10).items()).isEmpty();
        assertThat(outbox.history(copy.copyId())).containsExactly(
                new OutboxEvent(copy.copyId(), OutboxEvent.Kind.DELIVERED, "231002", downloaded, DeliveryFormat.JOSE,
                        null),
                new OutboxEvent(copy.copyId(), OutboxEvent.Kind.DELIVERED, "231002", acked, DeliveryFormat.CMS, null),
                new OutboxEvent(copy.copyId(), OutboxEvent.Kind.ACKNOWLEDGED, "231002", acked, null,
                        "eyJ.receipt.sig"));
    }

    @Test
    void refusesASecondCopyOfTheSameMessageForTheSameRecipient() {
        OutboundCopy copy = copy("231002", "ReleaseNotice", T0);
        outbox.enqueue(copy);
        OutboundCopy again = OutboundCopy.of(UUID.randomUUID(), copy.messageId(), "facility-nagoya", "231002",
                "ReleaseNotice", "welfare-support", "LAW:x", null, T0, new byte[] {1}, "a.b.c.d.e");

        assertThatThrownBy(() -> outbox.enqueue(again)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void refusesToWriteOutsideTheCallersTransaction() {
        OutboundCopy copy = copy("231002", "ReleaseNotice", T0);

        assertThatThrownBy(() -> outbox.enqueue(copy)).isInstanceOf(IllegalTransactionStateException.class);
        assertThat(outbox.find(copy.copyId(), "231002")).isEmpty();
    }

    @Test
    void refusesDigestsThatDoNotMatchTheContent() {
        OutboundCopy good = copy("231002", "ReleaseNotice", T0);

        assertThatThrownBy(() -> new OutboundCopy(good.copyId(), good.messageId(), good.senderId(),
                good.recipientId(), good.messageType(), good.purpose(), good.legalBasis(), good.subjectRef(),
                good.createdAt(), new byte[] {9, 9}, good.jose(), good.cmsSha256(), good.joseSha256()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cmsSha256");
    }

    static OutboundCopy copy(String recipient, String type, Instant createdAt) {
        UUID copyId = UUID.randomUUID();
        return OutboundCopy.of(copyId, UUID.randomUUID(), "facility-nagoya", recipient, type, "welfare-support",
                "LAW:個人情報の保護に関する法律 第69条第2項第3号", OutboundCopy.sha256(copyId.toString().getBytes(StandardCharsets.US_ASCII)), createdAt,
                ("CMS " + copyId).getBytes(StandardCharsets.US_ASCII), "h.k.iv." + copyId + ".tag");
    }
}
