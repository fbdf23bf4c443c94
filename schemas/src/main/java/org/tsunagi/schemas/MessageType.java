package org.tsunagi.schemas;

import java.util.Arrays;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.tsunagi.schemas.model.InformationRequest;
import org.tsunagi.schemas.model.InformationResponse;
import org.tsunagi.schemas.model.MessageBase;
import org.tsunagi.schemas.model.MessageTypeCode;
import org.tsunagi.schemas.model.ProbationCaseUpdate;
import org.tsunagi.schemas.model.Receipt;
import org.tsunagi.schemas.model.ReleaseNotice;
import org.tsunagi.schemas.model.StatisticsReport;
import org.tsunagi.schemas.model.SupportOutcome;

/** The seven message types. Each is one root element of the schema and one generated model class. */
public enum MessageType {
    RELEASE_NOTICE("ReleaseNotice", ReleaseNotice.class),
    PROBATION_CASE_UPDATE("ProbationCaseUpdate", ProbationCaseUpdate.class),
    INFORMATION_REQUEST("InformationRequest", InformationRequest.class),
    INFORMATION_RESPONSE("InformationResponse", InformationResponse.class),
    SUPPORT_OUTCOME("SupportOutcome", SupportOutcome.class),
    STATISTICS_REPORT("StatisticsReport", StatisticsReport.class),
    RECEIPT("Receipt", Receipt.class);

    private final String rootElement;
    private final Class<? extends MessageBase> modelClass;

    MessageType(String rootElement, Class<? extends MessageBase> modelClass) {
        this.rootElement = rootElement;
        this.modelClass = modelClass;
    }

    /** The root element's local name, also the first step of every field path (e.g. {@code ReleaseNotice}). */
    public String rootElement() {
        return rootElement;
    }

    /** The root element's qualified name. */
    public QName qualifiedName() {
        return new QName(MessageSchema.NAMESPACE, rootElement);
    }

    /** The generated JAXB class of this message type. */
    public Class<? extends MessageBase> modelClass() {
        return modelClass;
    }

    /** The value of Header/MessageType for this type. */
    public MessageTypeCode headerCode() {
        return MessageTypeCode.fromValue(rootElement);
    }

    /** The class-path resource of this type's valid sample message ({@code /samples/ReleaseNotice.xml}). */
    public String sampleResource() {
        return "/samples/" + rootElement + ".xml";
    }

    /** The type whose root element has this local name. */
    public static Optional<MessageType> fromRootElement(String localName) {
        return Arrays.stream(values()).filter(t -> t.rootElement.equals(localName)).findFirst();
    }

    /** The type of a model object. */
    public static MessageType of(MessageBase message) {
        return Arrays.stream(values())
                .filter(t -> t.modelClass == message.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a message root: " + message.getClass().getName()));
    }
}
