package org.tsunagi.gateway.pipeline;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.tsunagi.gateway.participants.CurrentCertificates;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.EnvelopeException;
import org.tsunagi.routes.envelope.MessageSealer;
import org.tsunagi.routes.pipeline.Drop;
import org.tsunagi.routes.pipeline.MessageFacts;
import org.tsunagi.routes.pipeline.MessageRefused;
import org.tsunagi.routes.pipeline.WithheldCopy;
import org.tsunagi.schemas.codec.MessageCodec;
import org.tsunagi.schemas.model.Header;
import org.tsunagi.schemas.model.MessageTypeCode;
import org.tsunagi.schemas.model.Receipt;
import org.tsunagi.schemas.model.ReceiptOutcome;

/**
 * Signed receipts for senders: acceptance or rejection with the stable reason code and, for schema errors, where in
 * the document. Who got a copy is not the sender's to know; an acceptance names only the copies the gateway withheld
 * for a reason the sender can act on ({@code WithheldCopy}: a statistics report's copy for a recipient that could
 * subtract it from what it holds, with the tables), so that the sender can restructure and send those tables again.
 * Sealed like any copy: signed by the gateway, encrypted to the sender.
 */
final class Receipts {

    /** The schema's FieldPath. */
    private static final java.util.regex.Pattern FIELD_PATH =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]*(/[A-Za-z][A-Za-z0-9]*)*");

    /** A sealed receipt and the file name it gets in the sender's outbox. */
    record SealedReceipt(String fileName, byte[] cms) {
    }

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private final String gatewayId;
    private final ParticipantRegistry registry;
    private final CurrentCertificates certificates;
    private final MessageCodec codec;
    private final MessageSealer sealer;
    private final Credentials signing;
    private final DatatypeFactory datatypes;

    Receipts(String gatewayId, ParticipantRegistry registry, CurrentCertificates certificates, MessageCodec codec,
             MessageSealer sealer, Credentials signing) {
        this.gatewayId = gatewayId;
        this.registry = registry;
        this.certificates = certificates;
        this.codec = codec;
        this.sealer = sealer;
        this.signing = signing;
        try {
            this.datatypes = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    SealedReceipt accepted(Drop drop, MessageFacts facts, List<WithheldCopy> withheld, Instant now) {
        return seal(drop, acceptance(drop, facts, withheld, now));
    }

    /** The acceptance, unsealed: every copy withheld from a recipient is named with its reason and tables. */
    Receipt acceptance(Drop drop, MessageFacts facts, List<WithheldCopy> withheld, Instant now) {
        Receipt receipt = base(drop, facts, now);
        receipt.setOutcome(ReceiptOutcome.ACCEPTED);
        withheld.forEach(copy -> receipt.getWithheldCopy().add(withheldCopy(copy)));
        return receipt;
    }

    /**
     * The rejection receipt. Where the error location cannot go into a valid receipt (a path the receipt schema does
     * not accept), the receipt goes without it: a refusal must never fail for its receipt's sake.
     */
    SealedReceipt rejected(Drop drop, MessageRefused refusal, Instant now) {
        try {
            return rejected(drop, refusal, now, true);
        } catch (RuntimeException e) {
            if (refusal.location().isEmpty()) {
                throw e;
            }
            return rejected(drop, refusal, now, false);
        }
    }

    private SealedReceipt rejected(Drop drop, MessageRefused refusal, Instant now, boolean withLocation) {
        Receipt receipt = base(drop, refusal.facts(), now);
        receipt.setOutcome(ReceiptOutcome.REJECTED);
        receipt.setReasonCode(refusal.reasonCode());
        receipt.setReasonText(ReasonTexts.describe(refusal.reasonCode()));
        refusal.location().filter(at -> withLocation).ifPresent(at -> {
            Receipt.ErrorLocation location = new Receipt.ErrorLocation();
            if (at.line() > 0) {
                location.setLine(BigInteger.valueOf(at.line()));
            }
            if (at.column() > 0) {
                location.setColumn(BigInteger.valueOf(at.column()));
            }
            // Before the root element (or after it) there is no field path: the receipt must still validate.
            if (at.path() != null && FIELD_PATH.matcher(at.path()).matches()) {
                location.setPath(at.path());
            }
            if (location.getLine() != null || location.getColumn() != null || location.getPath() != null) {
                receipt.setErrorLocation(location);
            }
        });
        refusal.withheld().forEach(copy -> receipt.getWithheldCopy().add(withheldCopy(copy)));
        return seal(drop, receipt);
    }

    private static Receipt.WithheldCopy withheldCopy(WithheldCopy copy) {
        Receipt.WithheldCopy element = new Receipt.WithheldCopy();
        element.setRecipient(copy.recipientId());
        element.setReasonCode(copy.reasonCode());
        element.setReasonText(ReasonTexts.describeWithheld(copy.reasonCode()));
        for (WithheldCopy.Table table : copy.tables()) {
            Receipt.WithheldCopy.Table t = new Receipt.WithheldCopy.Table();
            t.setPosition(BigInteger.valueOf(table.position()));
            t.setTableId(table.tableId());
            if (table.line() > 0) {
                t.setLine(BigInteger.valueOf(table.line()));
            }
            if (table.column() > 0) {
                t.setColumn(BigInteger.valueOf(table.column()));
            }
            element.getTable().add(t);
        }
        return element;
    }

    private Receipt base(Drop drop, MessageFacts facts, Instant now) {
        String refersTo = facts.messageId() != null ? facts.messageId() : fileId(drop).toString();
        Header header = new Header();
        header.setMessageId(UUID.randomUUID().toString());
        header.setMessageType(MessageTypeCode.RECEIPT);
        header.setFrom(gatewayId);
        header.setTo(drop.participantId());
        header.setCreatedAt(timestamp(now));
        header.setCorrelationId(refersTo);
        Receipt receipt = new Receipt();
        receipt.setHeader(header);
        receipt.setRefersTo(refersTo);
        if (facts.messageType() != null) {
            receipt.setRefersToType(MessageTypeCode.fromValue(facts.messageType()));
        }
        receipt.setReceivedAt(timestamp(drop.receivedAt()));
        // What the sender can always match on, even when the MessageId could not be read.
        if (!drop.fileName().isEmpty() && drop.fileName().length() <= 255) {
            receipt.setReceivedFile(drop.fileName());
        }
        receipt.setReceivedSha256(drop.sha256());
        return receipt;
    }

    /** The id the gateway gives a received file it could not read far enough to know its MessageId. */
    static UUID fileId(Drop drop) {
        return UUID.nameUUIDFromBytes(drop.key().getBytes(StandardCharsets.US_ASCII));
    }

    private SealedReceipt seal(Drop drop, Receipt receipt) {
        byte[] xml = codec.write(receipt);
        try {
            byte[] cms = sealer.seal(xml, signing, certificates.forEncryption(registry.find(drop.participantId())
                    .orElseThrow(() -> new IllegalStateException("inbox of unregistered participant "
                            + drop.participantId()))));
            return new SealedReceipt(fileName(receipt), cms);
        } catch (EnvelopeException e) {
            throw new IllegalStateException("cannot seal a receipt for " + drop.participantId() + ": " + e, e);
        }
    }

    /**
     * {@code receipt-<MessageId>.p7m} for the one acceptance a MessageId can get, so that a sender can wait for
     * exactly that file; a rejection adds its own id ({@code receipt-<refers-to>.<receipt id>.p7m}), since the same
     * MessageId may be refused several times (duplicates, corrected resends) and no receipt may replace another.
     */
    private static String fileName(Receipt receipt) {
        // The MessageId comes from the sender: only a UUID may become part of a file name.
        String refersTo = UUID_TEXT.matcher(receipt.getRefersTo()).matches() ? receipt.getRefersTo() : "unreadable";
        String id = receipt.getOutcome() == ReceiptOutcome.ACCEPTED ? refersTo
                : refersTo + "." + receipt.getHeader().getMessageId();
        return "receipt-" + id + ".p7m";
    }

    private XMLGregorianCalendar timestamp(Instant instant) {
        GregorianCalendar calendar = GregorianCalendar.from(instant.atZone(ZoneOffset.UTC));
        XMLGregorianCalendar value = datatypes.newXMLGregorianCalendar(calendar);
        value.setMillisecond(DatatypeConstants.FIELD_UNDEFINED);
        return value;
    }
}
