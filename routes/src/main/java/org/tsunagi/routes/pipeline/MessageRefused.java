package org.tsunagi.routes.pipeline;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tsunagi.routes.routing.Refusal;
import org.tsunagi.schemas.codec.ErrorLocation;

/**
 * A message the gateway refuses: it goes to quarantine with this reason, the ledger records the refusal and the
 * sender gets a signed rejection receipt naming {@link #reasonCode()}. The message text is for operators and never
 * holds message content.
 */
public final class MessageRefused extends RuntimeException {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final String reasonCode;
    private final Stage stage;
    private final MessageFacts facts;
    private final List<Refusal> refusedRecipients;
    private final ErrorLocation location;
    private final List<WithheldCopy> withheld;

    /** Where in the story the message was refused. */
    public enum Stage { RECEIVE, OPEN, READ, AUTHORISE, ROUTE, REDACT, SEAL, COMMIT, FINISH }

    public MessageRefused(Stage stage, String reasonCode, String detail, MessageFacts facts) {
        this(stage, reasonCode, detail, facts, List.of(), null);
    }

    /**
     * @param refusedRecipients the recipients refused by routing (each recorded as REFUSED)
     * @param location          where in the document the error is, when known
     */
    public MessageRefused(Stage stage, String reasonCode, String detail, MessageFacts facts,
                          List<Refusal> refusedRecipients, ErrorLocation location) {
        this(stage, reasonCode, detail, facts, refusedRecipients, location, List.of());
    }

    /**
     * @param withheld every recipient's copy, each withheld (the message is refused because nobody could get one);
     *                 each is recorded as REFUSED and named on the rejection receipt
     */
    public MessageRefused(Stage stage, String reasonCode, String detail, MessageFacts facts,
                          List<Refusal> refusedRecipients, ErrorLocation location, List<WithheldCopy> withheld) {
        super(reasonCode + ": " + detail);
        if (!CODE.matcher(Objects.requireNonNull(reasonCode, "reasonCode")).matches()) {
            throw new IllegalArgumentException("not a reason code: " + reasonCode);
        }
        this.reasonCode = reasonCode;
        this.stage = Objects.requireNonNull(stage, "stage");
        this.facts = facts == null ? MessageFacts.UNKNOWN : facts;
        this.refusedRecipients = List.copyOf(refusedRecipients);
        this.location = location;
        this.withheld = List.copyOf(withheld);
    }

    /** The stable reason code (e.g. {@code BAD_SIGNATURE}, {@code SCHEMA_INVALID}, {@code NO_AGREEMENT}). */
    public String reasonCode() {
        return reasonCode;
    }

    public Stage stage() {
        return stage;
    }

    /** What was known of the message when it was refused. */
    public MessageFacts facts() {
        return facts;
    }

    /** The recipients routing refused, if the message got that far. */
    public List<Refusal> refusedRecipients() {
        return refusedRecipients;
    }

    /** The recipients whose copies were withheld, when that is why the message is refused. */
    public List<WithheldCopy> withheld() {
        return withheld;
    }

    public Optional<ErrorLocation> location() {
        return Optional.ofNullable(location);
    }
}
