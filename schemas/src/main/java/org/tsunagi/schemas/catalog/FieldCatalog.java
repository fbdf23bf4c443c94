package org.tsunagi.schemas.catalog;

import com.sun.xml.xsom.XSComplexType;
import com.sun.xml.xsom.XSElementDecl;
import com.sun.xml.xsom.XSModelGroup;
import com.sun.xml.xsom.XSParticle;
import com.sun.xml.xsom.XSSchemaSet;
import com.sun.xml.xsom.XSTerm;
import com.sun.xml.xsom.XSType;
import com.sun.xml.xsom.parser.XSOMParser;
import com.sun.xml.xsom.util.DomAnnotationParserFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import org.tsunagi.schemas.MessageSchema;
import org.tsunagi.schemas.MessageType;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every valid field path of every message type, read from the bundled XSD. Disclosure policies, the redaction engine
 * and the ledger address fields by these paths: slash-separated element local names starting at the root element,
 * e.g. {@code ReleaseNotice/PlannedPlaceOfReturn/MunicipalityCode}. Paths carry no positions: a path names every
 * occurrence of the element.
 */
public final class FieldCatalog {

    private final Map<MessageType, Map<String, FieldDefinition>> fields;

    private FieldCatalog(Map<MessageType, Map<String, FieldDefinition>> fields) {
        this.fields = fields;
    }

    /** The fields of one message type in document order, the root element first. */
    public static List<FieldDefinition> fields(MessageType type) {
        return List.copyOf(Loaded.CATALOG.fields.get(type).values());
    }

    /** The valid field paths of one message type in document order, the root element first. */
    public static Set<String> paths(MessageType type) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Loaded.CATALOG.fields.get(type).keySet()));
    }

    /** The definition of a path of any message type (the first step names the type). */
    public static Optional<FieldDefinition> field(String path) {
        if (path == null) {
            return Optional.empty();
        }
        int slash = path.indexOf('/');
        String root = slash < 0 ? path : path.substring(0, slash);
        return MessageType.fromRootElement(root).map(t -> Loaded.CATALOG.fields.get(t).get(path));
    }

    /** True when the path names an element of some message type. */
    public static boolean isValidPath(String path) {
        return field(path).isPresent();
    }

    /** Loaded once, on first use; immutable afterwards. */
    private static final class Loaded {
        static final FieldCatalog CATALOG = load();
    }

    private static FieldCatalog load() {
        XSSchemaSet schemas = parseSchema();
        Map<MessageType, Map<String, FieldDefinition>> all = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            XSElementDecl root = schemas.getElementDecl(MessageSchema.NAMESPACE, type.rootElement());
            if (root == null) {
                throw new IllegalStateException("the XSD has no root element " + type.rootElement());
            }
            Map<String, FieldDefinition> byPath = new LinkedHashMap<>();
            add(type, root, type.rootElement(), true, false, byPath);
            all.put(type, Collections.unmodifiableMap(byPath));
        }
        return new FieldCatalog(all);
    }

    private static XSSchemaSet parseSchema() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultNSInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            XSOMParser parser = new XSOMParser(factory);
            parser.setAnnotationParser(new DomAnnotationParserFactory());
            parser.parse(MessageSchema.xsd());
            return parser.getResult();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the message XSD", e);
        }
    }

    private static void add(MessageType type, XSElementDecl decl, String path, boolean required, boolean repeatable,
                            Map<String, FieldDefinition> out) {
        if (path.chars().filter(c -> c == '/').count() > 32) {
            throw new IllegalStateException("recursive schema at " + path);
        }
        XSType xsdType = decl.getType();
        boolean leaf = !xsdType.isComplexType() || xsdType.asComplexType().getContentType().asSimpleType() != null;
        out.putIfAbsent(path, new FieldDefinition(type, path, required, repeatable, leaf, typeName(xsdType),
                documentation(decl)));
        if (xsdType.isComplexType()) {
            XSParticle particle = xsdType.asComplexType().getContentType().asParticle();
            if (particle != null) {
                addParticle(type, particle, path, true, false, out);
            }
        }
    }

    private static void addParticle(MessageType type, XSParticle particle, String parentPath, boolean required,
                                    boolean repeatable, Map<String, FieldDefinition> out) {
        boolean req = required && particle.getMinOccurs().signum() > 0;
        boolean rep = repeatable || particle.isRepeated();
        XSTerm term = particle.getTerm();
        if (term.isElementDecl()) {
            XSElementDecl decl = term.asElementDecl();
            add(type, decl, parentPath + "/" + decl.getName(), req, rep, out);
        } else if (term.isModelGroup() || term.isModelGroupDecl()) {
            XSModelGroup group = term.isModelGroup() ? term.asModelGroup() : term.asModelGroupDecl().getModelGroup();
            // A branch of a choice is never required on its own.
            boolean childrenRequired = req && group.getCompositor() != XSModelGroup.Compositor.CHOICE;
            for (XSParticle child : group.getChildren()) {
                addParticle(type, child, parentPath, childrenRequired, rep, out);
            }
        } else {
            throw new IllegalStateException("wildcards are not allowed in message schemas: " + parentPath);
        }
    }

    private static String typeName(XSType type) {
        XSType named = type;
        while (named.getName() == null && named.getBaseType() != null && named.getBaseType() != named) {
            named = named.getBaseType();
        }
        String name = named.getName() == null ? "anonymous" : named.getName();
        if (type instanceof XSComplexType complex && complex.getName() == null
                && complex.getContentType().asSimpleType() == null) {
            return "complex";
        }
        return XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(named.getTargetNamespace()) ? "xs:" + name : name;
    }

    private static String documentation(XSElementDecl decl) {
        if (decl.getAnnotation() == null || !(decl.getAnnotation().getAnnotation() instanceof Element annotation)) {
            return "";
        }
        List<String> texts = new ArrayList<>();
        for (Node n = annotation.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "documentation".equals(e.getLocalName())) {
                texts.add(e.getTextContent().trim());
            }
        }
        return String.join(" ", texts);
    }
}
