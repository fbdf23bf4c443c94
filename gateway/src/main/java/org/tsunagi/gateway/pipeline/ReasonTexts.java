package org.tsunagi.gateway.pipeline;

import java.util.Map;

/** The human-readable explanation a rejection receipt gives for a reason code: fixed text, never message content. */
final class ReasonTexts {

    private static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry("MALFORMED_CMS", "The file is not a well-formed sealed message (CMS)."),
            Map.entry("NOT_FOR_THIS_RECIPIENT", "The file is not encrypted to the gateway's current key."),
            Map.entry("DECRYPTION_FAILED", "The file could not be decrypted."),
            Map.entry("BAD_SIGNATURE", "The signature does not verify."),
            Map.entry("UNTRUSTED_SIGNER", "The signer's certificate is not issued by a trusted CA."),
            Map.entry("CERTIFICATE_EXPIRED", "The signer's certificate is not valid at this time."),
            Map.entry("CERTIFICATE_REVOKED", "The signer's certificate is revoked."),
            Map.entry("REVOCATION_UNKNOWN", "The revocation status of the signer's certificate is unknown."),
            Map.entry("WEAK_ALGORITHM", "A weak or unsupported algorithm or key was used."),
            Map.entry("TOO_LARGE", "The message exceeds the maximum size."),
            Map.entry("SIGNER_NOT_INBOX_OWNER", "The message is signed by another participant than the inbox owner."),
            Map.entry("SIGNER_NOT_REGISTERED", "The signer's certificate is not registered with the gateway."),
            Map.entry("FROM_NOT_SIGNER", "Header/From is not the signer."),
            Map.entry("TO_NOT_GATEWAY", "Header/To is not the gateway."),
            Map.entry("TYPE_NOT_ALLOWED", "The sender may not send this message type."),
            Map.entry("DUPLICATE_MESSAGE_ID", "A message with this MessageId was accepted before; nothing was sent again."),
            Map.entry("NO_AGREEMENT", "No recipient has an agreement that allows this message."),
            Map.entry("NO_CONSENT", "The recipients' agreements need the person's consent, which the message does not record."),
            Map.entry("RECIPIENT_NOT_REGISTERED", "The recipient the message is for is not registered with the gateway."),
            Map.entry("NO_ROUTE", "The message names no recipient the gateway can route it to."),
            Map.entry("NO_MATCHING_REQUEST", "The response names no information request this sender was asked."),
            Map.entry("NOT_A_DROP", "The file is not named *.p7m and was left in the inbox; it was not read."),
            Map.entry("INTERNAL_ERROR", "The gateway failed to process the file several times; it was not "
                    + "delivered. Operators have been alerted."),
            Map.entry("STALE_MESSAGE", "CreatedAt or the signing time is older than the gateway accepts."),
            Map.entry("FUTURE_DATED", "CreatedAt or the signing time lies in the future."),
            Map.entry("PROCESSING_TIMEOUT", "The file took longer to process than the gateway allows."),
            Map.entry("MALFORMED_XML", "The signed content is not well-formed XML 1.0."),
            Map.entry("UNSUPPORTED_ENCODING", "The signed content is not UTF-8."),
            Map.entry("STATISTICS_DISCLOSURE_RISK", "A statistics table (see ErrorLocation and WithheldCopy) cannot "
                    + "be released to any recipient: together with the statistics already released to each for the "
                    + "same reference period, a suppressed small cell could be narrowed to less than its protection "
                    + "interval."),
            Map.entry("STATISTICS_UNSUPPORTED", "A statistics table has a structure small-cell control cannot "
                    + "protect (its totals do not add up, or it disagrees with another table of the report)."));

    private ReasonTexts() {
    }

    /** Why one recipient's copy was withheld (a receipt's WithheldCopy): fixed text, never figures. */
    private static final Map<String, String> WITHHELD = Map.of(
            "STATISTICS_DISCLOSURE_RISK", "This recipient's copy was not sent: together with the statistics already "
                    + "released to it (or its group) for the same reference period, a suppressed small cell of the "
                    + "tables listed could be narrowed to less than its protection interval. Drop or restructure "
                    + "those tables and send them again.");

    static String describeWithheld(String reasonCode) {
        return WITHHELD.getOrDefault(reasonCode, "This recipient's copy was not sent (" + reasonCode + ").");
    }

    static String describe(String reasonCode) {
        return TEXTS.getOrDefault(reasonCode, "The message was refused (" + reasonCode + ").");
    }
}
