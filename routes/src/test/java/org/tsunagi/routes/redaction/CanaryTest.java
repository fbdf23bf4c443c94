package org.tsunagi.routes.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tsunagi.schemas.LocalGovernmentCode;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.catalog.FieldCatalog;
import org.tsunagi.schemas.catalog.FieldDefinition;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every body field of every message type carries a unique marker; under every purpose, a marker may reach the
 * recipient only in the very field it was put in, and only when the purpose's policy keeps that field as sent.
 * Transformed fields (pseudonyms, generalisations) and withheld fields must not carry their marker anywhere.
 */
class CanaryTest {

    /** Types that can carry no marker: closed code lists, booleans, and values the table structure relies on. */
    private static final Set<String> UNMARKABLE = Set.of("xs:boolean", "Sex", "SupportKind", "OffenceCategory",
            "WelfareNeedCategory", "SupervisionType", "ReturnDestinationKind", "ReleaseType", "LegalBasisKind",
            "FacilityKind", "AreaLevel", "ResponseStatus", "OutcomeStatus", "CaseUpdateKind", "DimensionName",
            "MeasureKind", "MeasureCode", "Percentage", "SuppressionReason", "MessageTypeCode");
    /** Markers distinctive enough to search for as substrings of the whole copy. */
    private static final Pattern DISTINCTIVE = Pattern.compile("CANARY\\d{4}X|カナリア[ア-コ]{4}|cnry\\d{4}q|Canary\\d{4}X|canary-\\d{4}|CANARY-\\d{4}");

    private final Redactor redactor = TestMessages.redactor();
    private final PolicyCatalog catalog = PolicyCatalog.load(TestMessages.POLICIES);
    private int counter;

    @Test
    void noMarkerReachesARecipientExceptThroughAFieldItsPurposeKeeps() {
        int copies = 0;
        int markersChecked = 0;
        for (MessageType type : RedactionGoldenTest.PERSONAL) {
            for (int variant = 0; variant < 3; variant++) {
                Document source = TestMessages.sample(type);
                alternative(source, variant);
                Map<String, String> markers = new LinkedHashMap<>();
                mark(source.getDocumentElement(), type.rootElement(), markers);
                TestMessages.CODEC.validate(TestMessages.CODEC.write(source));  // the marked input passes every check
                assertThat(markers).as("markers in %s", type).hasSizeGreaterThan(5);

                for (DisclosurePolicy policy : catalog.policies()) {
                    if (policy.rules(type.rootElement()).isEmpty()) {
                        continue;
                    }
                    LegalBasis basis = policy.legalBases().stream().sorted().filter(b -> b != LegalBasis.CONSENT)
                            .findFirst().orElse(LegalBasis.CONSENT);
                    RedactedMessage copy;
                    try {
                        copy = redactor.redact(source, new DisclosureRequest("231002", policy.purpose().id(), basis.id()));
                    } catch (RedactionException refused) {
                        assertThat(refused.reason()).isEqualTo(RedactionException.Reason.CONSENT_MISSING);
                        continue;
                    }
                    TestMessages.assertValid(copy.xml());
                    markersChecked += check(policy, type, markers, copy);
                    copies++;
                }
            }
        }
        assertThat(copies).as("copies made").isGreaterThanOrEqualTo(36);
        assertThat(markersChecked).as("markers that legitimately passed").isGreaterThan(200);
    }

    /** @return the number of markers found in allowed places */
    private int check(DisclosurePolicy policy, MessageType type, Map<String, String> markers, RedactedMessage copy) {
        Document out = TestMessages.parse(copy.xml());
        Map<String, List<String>> found = new LinkedHashMap<>();
        leaves(out.getDocumentElement(), type.rootElement(), found);
        int allowed = 0;
        for (Map.Entry<String, List<String>> leaf : found.entrySet()) {
            for (String text : leaf.getValue()) {
                String sourcePath = markers.get(text);
                if (sourcePath == null) {
                    continue;
                }
                String where = policy.purpose().id() + " " + leaf.getKey();
                assertThat(leaf.getKey()).as("marker from %s arrived in another field (%s)", sourcePath, where)
                        .isEqualTo(sourcePath);
                assertThat(keptAsSent(policy, type, sourcePath)).as("marker of %s passed though %s does not keep it",
                        sourcePath, policy.purpose().id()).isTrue();
                allowed++;
            }
        }
        // Substring scan of the serialised copy: a distinctive marker may appear only as many times as it was
        // found in allowed fields (nothing glued into other text, nothing in the Disclosure element).
        String xml = new String(copy.xml(), StandardCharsets.UTF_8);
        Matcher m = DISTINCTIVE.matcher(xml);
        Map<String, Integer> occurrences = new LinkedHashMap<>();
        while (m.find()) {
            occurrences.merge(m.group(), 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> o : occurrences.entrySet()) {
            String sourcePath = markers.get(o.getKey());
            assertThat(sourcePath).as("unknown marker-like text %s", o.getKey()).isNotNull();
            long inAllowedLeaves = found.getOrDefault(sourcePath, List.of()).stream().filter(o.getKey()::equals).count();
            assertThat((long) o.getValue()).as("occurrences of the marker of %s under %s", sourcePath,
                    policy.purpose().id()).isEqualTo(inAllowedLeaves);
        }
        // Nothing allowed is lost either: every kept marker arrives.
        for (Map.Entry<String, String> marker : markers.entrySet()) {
            if (keptAsSent(policy, type, marker.getValue())) {
                assertThat(found.getOrDefault(marker.getValue(), List.of())).as("kept field %s under %s",
                        marker.getValue(), policy.purpose().id()).contains(marker.getKey());
            }
        }
        assertThat(xml).doesNotContain(markerOf(markers, "VictimRelatedRemarks").orElse("\u0000"));
        return allowed;
    }

    private static Optional<String> markerOf(Map<String, String> markers, String name) {
        return markers.entrySet().stream().filter(e -> e.getValue().endsWith("/" + name)).map(Map.Entry::getKey).findFirst();
    }

    private static boolean keptAsSent(DisclosurePolicy policy, MessageType type, String path) {
        for (FieldRule r : policy.rules(type.rootElement())) {
            if (path.equals(r.path()) || path.startsWith(r.path() + "/")) {
                // municipality passes the place's municipality code as sent, and nothing else of the place
                boolean municipalityCode = r.transform() == Transform.MUNICIPALITY
                        && path.equals(r.path() + "/MunicipalityCode");
                return (r.transform() == Transform.KEEP || municipalityCode) && !path.endsWith("/VictimRelatedRemarks");
            }
        }
        return false;
    }

    /** Variant 1 and 2 use the generalised alternatives of the schema's choices, so they carry markers too. */
    private void alternative(Document doc, int variant) {
        if (variant == 0) {
            return;
        }
        replace(doc, "DateOfBirth", variant == 1 ? "BirthYear" : "AgeBand");
        replace(doc, "PlannedReleaseDate", "PlannedReleaseMonth");
    }

    private static void replace(Document doc, String from, String to) {
        var list = doc.getElementsByTagNameNS(Redactor.NS, from);
        List<Element> all = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            all.add((Element) list.item(i));
        }
        for (Element e : all) {
            Element alt = doc.createElementNS(Redactor.NS, to);
            alt.setTextContent("x");
            e.getParentNode().replaceChild(alt, e);
        }
    }

    private void mark(Element e, String path, Map<String, String> markers) {
        List<Element> kids = MessageElements.children(e);
        if (path.endsWith("/Header") || path.endsWith("/Disclosure")) {
            return;
        }
        if (kids.isEmpty() && path.contains("/")) {
            FieldDefinition field = FieldCatalog.field(path).orElseThrow(() -> new AssertionError("no field " + path));
            String marker = marker(field);
            if (marker != null) {
                e.setTextContent(marker);
                markers.put(marker, path);
            }
            return;
        }
        for (Element k : kids) {
            mark(k, path + "/" + k.getLocalName(), markers);
        }
    }

    /** A unique value valid for the field's type, or null for a closed code list. */
    private String marker(FieldDefinition field) {
        String type = field.xsdType();
        if (UNMARKABLE.contains(type)) {
            return null;
        }
        int n = ++counter;
        String digits = String.format("%04d", n);
        if (field.name().equals("PostalCode")) {
            return String.format("9%02d-%04d", n % 100, n);
        }
        return switch (type) {
            case "ShortText", "LongText", "xs:string" -> "CANARY" + digits + "X";
            case "KanaText" -> "カナリア" + digits.chars().mapToObj(c -> String.valueOf("アイウエオカキクケコ".charAt(c - '0')))
                    .reduce("", String::concat);
            case "xs:date" -> LocalDate.of(1901, 1, 1).plusDays(7L * n).toString();
            case "xs:gYear" -> String.valueOf(1000 + n);
            case "xs:gYearMonth" -> String.format("%04d-%02d", 1000 + n, 1 + n % 12);
            case "AgeBand" -> (100 + n % 900) + "-" + (n % 1000);
            case "ParticipantId" -> "cnry" + digits + "q";
            case "LocalGovernmentCode" -> "9" + digits + LocalGovernmentCode.checkDigit("9" + digits);
            case "xs:nonNegativeInteger", "xs:positiveInteger" -> String.valueOf(700000 + n);
            case "IdentifierScheme", "PurposeCode" -> "canary-" + digits;
            case "FieldPath" -> "Canary" + digits + "X";
            case "OffenceCode" -> "CANARY-" + digits;
            default -> throw new AssertionError("no marker for type " + type + " of " + field.path()
                    + ": extend the canary so that the new field is covered");
        };
    }

    private static void leaves(Element e, String path, Map<String, List<String>> out) {
        List<Element> kids = MessageElements.children(e);
        if (path.endsWith("/Header")) {
            return;
        }
        if (kids.isEmpty()) {
            out.computeIfAbsent(path, p -> new ArrayList<>()).add(e.getTextContent());
            return;
        }
        for (Element k : kids) {
            leaves(k, path + "/" + k.getLocalName(), out);
        }
    }
}
