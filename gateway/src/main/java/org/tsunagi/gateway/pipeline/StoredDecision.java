package org.tsunagi.gateway.pipeline;

import java.time.Instant;
import org.tsunagi.routes.pipeline.Decision;

/**
 * A committed decision about one drop, as kept in {@code ingest_decision}.
 *
 * @param dropKey       the drop's key (participant, file name, content digest)
 * @param participantId whose inbox it was in
 * @param fileName      its name there
 * @param contentSha256 SHA-256 of the sealed file
 * @param verdict       accepted or refused
 * @param reasonCode    for a refusal, why
 * @param messageId     Header/MessageId when it could be read
 * @param messageType   Header/MessageType when it could be read
 * @param receiptName   the receipt's file name in the sender's outbox
 * @param receipt       the sealed receipt
 * @param decidedAt     when
 */
record StoredDecision(String dropKey, String participantId, String fileName, String contentSha256,
                      Decision.Verdict verdict, String reasonCode, String messageId, String messageType,
                      String receiptName, byte[] receipt, Instant decidedAt) {
}
