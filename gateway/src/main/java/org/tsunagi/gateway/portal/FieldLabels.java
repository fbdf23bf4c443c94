package org.tsunagi.gateway.portal;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.tsunagi.schemas.MessageSchema;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.catalog.FieldCatalog;
import org.tsunagi.schemas.catalog.FieldDefinition;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Field labels for the portal, in Japanese and English, from the XSD's documentation: the Japanese term the
 * documentation leads with (e.g. {@code 住所: the address ...}) or names in parentheses ({@code (保護観察所)}); for
 * elements documented in English only, a short glossary of the schema's generic element names; the English label
 * is the element name in words. Computed once at start from the bundled schema.
 */
final class FieldLabels {

    /**
     * @param path          the field path ({@code ReleaseNotice/Person/Name/Kanji})
     * @param ja            the Japanese label
     * @param en            the English label
     * @param documentation the XSD documentation, shown as the field's description
     * @param leaf          holds a value rather than child elements
     * @param repeatable    may occur more than once
     * @param values        for a coded value (an XSD enumeration), the label of each code; else null
     */
    record Label(String path, String ja, String en, String documentation, boolean leaf, boolean repeatable,
                 Map<String, ValueLabel> values) {
    }

    /** A code's label, e.g. {@code PAROLE}: 仮釈放 / Parole, followed by probation supervision. */
    record ValueLabel(String ja, String en) {
    }

    private static final String CJK = "[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}ー・　]";
    private static final Pattern LEADING = Pattern.compile("^(" + CJK + "{2,})(?=[:：.,、 (]|$)");
    private static final Pattern PARENTHESISED = Pattern.compile("\\((" + CJK + "{2,})\\)");

    /** Generic element names whose documentation is in English only. */
    private static final Map<String, String> GLOSSARY = Map.ofEntries(
            Map.entry("Header", "ヘッダー"), Map.entry("MessageId", "メッセージID"),
            Map.entry("MessageType", "メッセージ種別"), Map.entry("From", "送信者"), Map.entry("To", "宛先"),
            Map.entry("CreatedAt", "作成日時"), Map.entry("CorrelationId", "関連メッセージID"),
            Map.entry("Disclosure", "開示情報"), Map.entry("Purpose", "目的"), Map.entry("LegalBasis", "法的根拠"),
            Map.entry("Kind", "種類"), Map.entry("Title", "名称"), Map.entry("Article", "条項"),
            Map.entry("ConsentDate", "同意日"), Map.entry("PolicyId", "開示ポリシー"),
            Map.entry("SourceMessageId", "元メッセージID"), Map.entry("DisclosedAt", "開示日時"),
            Map.entry("Withheld", "非開示項目"), Map.entry("Transformed", "加工項目"), Map.entry("Field", "項目"),
            Map.entry("Path", "項目パス"), Map.entry("Method", "加工方法"), Map.entry("ResultPath", "加工後の項目"),
            Map.entry("Person", "対象者"), Map.entry("Name", "名称"), Map.entry("Identifiers", "識別番号"),
            Map.entry("Identifier", "識別番号"), Map.entry("Scheme", "種類"), Map.entry("Value", "値"),
            Map.entry("IssuedBy", "発行者"), Map.entry("Facility", "施設"), Map.entry("FacilityId", "施設ID"),
            Map.entry("MunicipalityCode", "市区町村コード"), Map.entry("MunicipalityName", "市区町村名"),
            Map.entry("PostalCode", "郵便番号"), Map.entry("Phone", "電話番号"), Map.entry("Email", "メールアドレス"),
            Map.entry("Relationship", "続柄"), Map.entry("Offence", "罪名"), Map.entry("OffenceCode", "罪名コード"),
            Map.entry("OffenceCategory", "罪種"), Map.entry("Department", "部署"),
            Map.entry("ContactOfficer", "担当者"), Map.entry("EffectiveDate", "効力発生日"),
            Map.entry("Start", "開始日"), Map.entry("End", "終了日"), Map.entry("Status", "状況"),
            Map.entry("Remarks", "備考"), Map.entry("Details", "詳細"), Map.entry("Consent", "本人同意"),
            Map.entry("Given", "同意の有無"), Map.entry("Scope", "同意の範囲"), Map.entry("Outcome", "結果"),
            Map.entry("ReasonCode", "理由コード"), Map.entry("ReasonText", "理由"), Map.entry("RefersTo", "対象メッセージID"),
            Map.entry("RefersToType", "対象メッセージ種別"), Map.entry("ReceivedAt", "受信日時"),
            Map.entry("ParticipantId", "参加者ID"), Map.entry("LocalGovernmentCode", "地方公共団体コード"),
            Map.entry("Category", "区分"), Map.entry("Need", "支援の必要"), Map.entry("Support", "支援"),
            Map.entry("Item", "項目"), Map.entry("Subject", "対象者"), Map.entry("Count", "件数"),
            Map.entry("Rate", "率"), Map.entry("Row", "行"), Map.entry("Cell", "セル"), Map.entry("Table", "表"),
            Map.entry("Label", "表示名"), Map.entry("Code", "コード"), Map.entry("Measure", "指標"),
            Map.entry("Dimension", "次元"), Map.entry("Level", "区域の階層"), Map.entry("Area", "地域"),
            Map.entry("Period", "期間"), Map.entry("Line", "行番号"), Map.entry("Column", "列番号"));

    private FieldLabels() {
    }

    /** Every message type's labels by root element name, fields in document order. */
    static Map<String, List<Label>> all() {
        Map<String, Map<String, ValueLabel>> codes = codeLabels();
        Map<String, List<Label>> all = new LinkedHashMap<>();
        for (MessageType type : MessageType.values()) {
            all.put(type.rootElement(), FieldCatalog.fields(type).stream()
                    .map(f -> label(f, f.leaf() ? codes.get(f.xsdType()) : null)).toList());
        }
        return all;
    }

    static Label label(FieldDefinition field, Map<String, ValueLabel> values) {
        String documentation = field.documentation() == null ? "" : field.documentation().strip();
        return new Label(field.path(), japanese(field.name(), documentation), english(field.name()), documentation,
                field.leaf(), field.repeatable(), values);
    }

    /** The documented codes of every named enumeration in the bundled XSD, by type name. */
    private static Map<String, Map<String, ValueLabel>> codeLabels() {
        Document xsd;
        try (InputStream in = MessageSchema.xsd().openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            xsd = factory.newDocumentBuilder().parse(in);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the message XSD", e);
        }
        Map<String, Map<String, ValueLabel>> codes = new LinkedHashMap<>();
        NodeList types = xsd.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "simpleType");
        for (int i = 0; i < types.getLength(); i++) {
            Element type = (Element) types.item(i);
            if (type.getAttribute("name").isEmpty()) {
                continue;
            }
            Map<String, ValueLabel> values = new LinkedHashMap<>();
            NodeList enumerations = type.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "enumeration");
            for (int j = 0; j < enumerations.getLength(); j++) {
                Element enumeration = (Element) enumerations.item(j);
                NodeList docs = enumeration.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "documentation");
                String code = enumeration.getAttribute("value");
                String doc = docs.getLength() == 0 ? "" : docs.item(0).getTextContent().strip();
                values.put(code, codeLabel(code, doc));
            }
            if (!values.isEmpty()) {
                codes.put(type.getAttribute("name"), Map.copyOf(values));
            }
        }
        return codes;
    }

    /** {@code 仮釈放: parole, followed by ...} gives 仮釈放 and the English after the colon; else the code in words. */
    static ValueLabel codeLabel(String code, String documentation) {
        String words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        String fallback = words.isEmpty() ? code : Character.toUpperCase(words.charAt(0)) + words.substring(1);
        Matcher leading = LEADING.matcher(documentation);
        String ja = leading.find() ? leading.group(1) : fallback;
        int colon = documentation.indexOf(':');
        String en = colon >= 0 ? documentation.substring(colon + 1).strip().replaceAll("\\.$", "") : fallback;
        if (en.isEmpty()) {
            en = fallback;
        }
        return new ValueLabel(ja, Character.toUpperCase(en.charAt(0)) + en.substring(1));
    }

    static String japanese(String name, String documentation) {
        Matcher leading = LEADING.matcher(documentation);
        if (leading.find()) {
            return leading.group(1);
        }
        String glossary = GLOSSARY.get(name);
        if (glossary != null) {
            return glossary;
        }
        Matcher parenthesised = PARENTHESISED.matcher(documentation);
        return parenthesised.find() ? parenthesised.group(1) : english(name);
    }

    /** {@code PlannedPlaceOfReturn} becomes {@code Planned place of return}; {@code MessageId} {@code Message id}. */
    static String english(String name) {
        String words = name.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
