package org.tsunagi.routes.redaction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.catalog.FieldDefinition;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Every disclosure policy, read once at start from one directory ({@code <purpose-id>.yaml} per purpose) and
 * validated against the message schema. Any problem stops the load with a {@link PolicyException} naming the file
 * and the line: an unknown key, purpose, legal basis, message type, field path or transform, a transform that does
 * not fit its field, overlapping rules, or a rule that would disclose victim-related remarks. Immutable.
 *
 * <p>The file format is documented in {@code gateway/config/policies/README.md}.
 */
public final class PolicyCatalog {

    /** The element that is never disclosed, whatever a policy says. */
    static final String VICTIM_REMARKS = "VictimRelatedRemarks";

    private static final Set<String> TOP_KEYS = Set.of("purpose", "title", "requires", "messages");
    private static final Set<String> REQUIRES_KEYS = Set.of("legal-basis", "consent");

    private final Map<Purpose, DisclosurePolicy> policies;
    private final SchemaFields fields;

    private PolicyCatalog(Map<Purpose, DisclosurePolicy> policies, SchemaFields fields) {
        this.policies = Collections.unmodifiableMap(new EnumMap<>(policies));
        this.fields = fields;
    }

    /**
     * Reads and validates every {@code *.yaml} file in {@code dir} against the bundled message schema.
     *
     * @throws PolicyException at the first problem, naming the file and line
     */
    public static PolicyCatalog load(Path dir) {
        return load(dir, SchemaFields.bundled());
    }

    static PolicyCatalog load(Path dir, SchemaFields fields) {
        if (!Files.isDirectory(dir)) {
            throw new PolicyException(PolicyException.Reason.UNREADABLE, dir, 0, "policy directory does not exist");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new PolicyException(PolicyException.Reason.UNREADABLE, dir, 0, "cannot list: " + e.getMessage());
        }
        Map<Purpose, DisclosurePolicy> policies = new EnumMap<>(Purpose.class);
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.equals("README.md")) {
                continue;  // the format's documentation lives beside the policies
            }
            if (!name.endsWith(".yaml") || !Files.isRegularFile(file)) {
                throw new PolicyException(PolicyException.Reason.UNKNOWN_KEY, file, 0,
                        "not a policy file: the policy directory holds only <purpose>.yaml files (and README.md)");
            }
            DisclosurePolicy policy = new Reader(file, fields).read();
            policies.put(policy.purpose(), policy);
        }
        if (policies.isEmpty()) {
            throw new PolicyException(PolicyException.Reason.UNREADABLE, dir, 0, "no policy files (*.yaml) found");
        }
        return new PolicyCatalog(policies, fields);
    }

    /** The policy for a purpose id as written in agreements, if there is one. */
    public Optional<DisclosurePolicy> policy(String purposeId) {
        return Purpose.byId(purposeId).map(policies::get);
    }

    public Optional<DisclosurePolicy> policy(Purpose purpose) {
        return Optional.ofNullable(policies.get(purpose));
    }

    /** Every loaded policy, in {@link Purpose} order. */
    public Collection<DisclosurePolicy> policies() {
        return policies.values();
    }

    SchemaFields fields() {
        return fields;
    }

    /** Reads one file. */
    private static final class Reader {
        private final Path file;
        private final SchemaFields fields;
        private final StrictYaml yaml;

        Reader(Path file, SchemaFields fields) {
            this.file = file;
            this.fields = fields;
            this.yaml = StrictYaml.of(file);
        }

        DisclosurePolicy read() {
            Node root = StrictYaml.read(file);
            Map<String, StrictYaml.Entry> top = yaml.mapping(root, "the policy", TOP_KEYS);

            StrictYaml.Scalar purposeId = yaml.scalar(yaml.required(top, "purpose", root, "the policy").value(), "purpose");
            Purpose purpose = Purpose.byId(purposeId.value()).orElseThrow(() -> yaml.error(
                    PolicyException.Reason.UNKNOWN_PURPOSE, purposeId.line(), "unknown purpose '" + purposeId.value()
                            + "' (known: " + String.join(", ", Stream.of(Purpose.values()).map(Purpose::id).toList()) + ")"));
            if (!file.getFileName().toString().equals(purpose.id() + ".yaml")) {
                throw yaml.error(PolicyException.Reason.UNKNOWN_PURPOSE, purposeId.line(),
                        "the policy for purpose '" + purpose.id() + "' must be in " + purpose.id() + ".yaml");
            }
            String title = yaml.scalar(yaml.required(top, "title", root, "the policy").value(), "title").value();

            StrictYaml.Entry requiresEntry = yaml.required(top, "requires", root, "the policy");
            Map<String, StrictYaml.Entry> requires = yaml.mapping(requiresEntry.value(), "requires", REQUIRES_KEYS);
            Set<LegalBasis> bases = EnumSet.noneOf(LegalBasis.class);
            for (StrictYaml.Scalar term : yaml.scalars(
                    yaml.required(requires, "legal-basis", requiresEntry.value(), "requires").value(), "legal-basis")) {
                LegalBasis basis = LegalBasis.byId(term.value()).orElseThrow(() -> yaml.error(
                        PolicyException.Reason.UNKNOWN_TERM, term.line(), "unknown legal basis '" + term.value()
                                + "' (known: " + String.join(", ", Stream.of(LegalBasis.values()).map(LegalBasis::id).toList()) + ")"));
                if (!bases.add(basis)) {
                    throw yaml.error(PolicyException.Reason.DUPLICATE, term.line(), "legal basis '" + term.value() + "' listed twice");
                }
            }
            if (bases.isEmpty()) {
                throw yaml.error(PolicyException.Reason.MISSING_KEY, requiresEntry.line(), "requires.legal-basis lists no legal basis");
            }
            boolean consent = false;
            if (requires.containsKey("consent")) {
                StrictYaml.Scalar c = yaml.scalar(requires.get("consent").value(), "requires.consent");
                consent = switch (c.value()) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw yaml.error(PolicyException.Reason.UNKNOWN_TERM, c.line(),
                            "requires.consent must be true or false, not '" + c.value() + "'");
                };
            }

            Map<String, List<FieldRule>> messages = new LinkedHashMap<>();
            StrictYaml.Entry messagesEntry = yaml.required(top, "messages", root, "the policy");
            for (StrictYaml.Entry type : yaml.entries(messagesEntry.value(), "messages")) {
                if (!fields.messageTypes().contains(type.key())) {
                    throw yaml.error(PolicyException.Reason.UNKNOWN_MESSAGE_TYPE, type.line(), "unknown message type '"
                            + type.key() + "' (known: " + String.join(", ", fields.messageTypes()) + ")");
                }
                List<FieldRule> rules = rules(type);
                checkRequired(type, rules);
                messages.put(type.key(), rules);
            }
            return new DisclosurePolicy(purpose, title, bases, consent, messages, file, purpose.id() + "@" + digest());
        }

        private List<FieldRule> rules(StrictYaml.Entry type) {
            List<FieldRule> rules = new ArrayList<>();
            for (StrictYaml.Entry line : yaml.entries(type.value(), "messages." + type.key())) {
                String path = line.key();
                StrictYaml.Scalar form = yaml.scalar(line.value(), path);
                Transform transform = Transform.byId(form.value()).orElseThrow(() -> yaml.error(
                        PolicyException.Reason.UNKNOWN_TRANSFORM, form.line(), "unknown transform '" + form.value()
                                + "' for " + path + " (known: "
                                + String.join(", ", Stream.of(Transform.values()).map(Transform::id).toList()) + ")"));
                FieldDefinition field = checkPath(type.key(), path, line.line());
                checkTransform(field, transform, line.line());
                for (FieldRule other : rules) {
                    if (other.path().startsWith(path + "/") || path.startsWith(other.path() + "/")) {
                        throw yaml.error(PolicyException.Reason.DUPLICATE, line.line(), path + " overlaps with "
                                + other.path() + " on line " + other.line() + ": name each field once");
                    }
                }
                rules.add(new FieldRule(path, transform, line.line()));
            }
            for (FieldRule rule : rules) {
                if (rule.transform() == Transform.OFFENCE_CATEGORY) {
                    String written = siblingOf(rule.path(), Transform.OFFENCE_CATEGORY.target());
                    for (FieldRule other : rules) {
                        if (other.path().equals(written)) {
                            throw yaml.error(PolicyException.Reason.DUPLICATE, other.line(), other.path()
                                    + " is already written by offence-category on line " + rule.line()
                                    + " (which passes the sender's category when it is given)");
                        }
                    }
                }
            }
            return rules;
        }

        private FieldDefinition checkPath(String type, String path, int line) {
            if (!path.startsWith(type + "/")) {
                throw yaml.error(PolicyException.Reason.UNKNOWN_PATH, line, "field path '" + path
                        + "' must start with its message type '" + type + "/'");
            }
            String first = path.substring(type.length() + 1).split("/", 2)[0];
            if (first.equals("Header") || first.equals("Disclosure")) {
                throw yaml.error(PolicyException.Reason.UNKNOWN_PATH, line, "'" + path + "': the Header always "
                        + "passes and the Disclosure is written by the gateway; policies name body fields only");
            }
            FieldDefinition field = fields.field(path).orElseThrow(() -> yaml.error(PolicyException.Reason.UNKNOWN_PATH,
                    line, "unknown field path '" + path + "': no such element in " + type + " in the message schema"));
            if (field.name().equals(VICTIM_REMARKS) || fields.descendants(path).stream()
                    .anyMatch(f -> f.name().equals(VICTIM_REMARKS))) {
                throw yaml.error(PolicyException.Reason.VICTIM_REMARKS, line, "'" + path + "' would disclose "
                        + VICTIM_REMARKS + ", which is never disclosed under any purpose");
            }
            return field;
        }

        private void checkTransform(FieldDefinition field, Transform transform, int line) {
            boolean fits = switch (transform) {
                case KEEP -> true;
                case PSEUDONYMISE -> "Identifier".equals(field.xsdType());
                case AGE_BAND, BIRTH_YEAR, RELEASE_MONTH, OFFENCE_CATEGORY -> field.name().equals(transform.source());
                case MUNICIPALITY -> fields.field(field.path() + "/" + transform.target()).isPresent();
            };
            if (!fits) {
                String needs = switch (transform) {
                    case PSEUDONYMISE -> "an Identifier element (e.g. .../Person/Identifiers/Identifier)";
                    case MUNICIPALITY -> "a place with a MunicipalityCode (e.g. .../PlannedPlaceOfReturn)";
                    default -> "a " + transform.source() + " element";
                };
                throw yaml.error(PolicyException.Reason.TRANSFORM_NOT_APPLICABLE, line, "transform '" + transform.id()
                        + "' cannot apply to " + field.path() + ": it needs " + needs);
            }
        }

        /**
         * A copy must stay valid: when a policy discloses something inside an element, that element is sent, so
         * every child the schema requires in it must be disclosed too.
         */
        private void checkRequired(StrictYaml.Entry type, List<FieldRule> rules) {
            MessageType messageType = MessageType.fromRootElement(type.key()).orElseThrow();
            for (FieldDefinition f : fields.fields(messageType)) {
                if (!f.required() || !f.inBody()) {
                    continue;
                }
                String parent = f.parentPath();
                boolean parentSent = parent.equals(type.key()) || rules.stream().anyMatch(r -> r.path().startsWith(parent + "/"));
                boolean parentWhole = rules.stream().anyMatch(r -> parent.equals(r.path()) || parent.startsWith(r.path() + "/"));
                if (!parentSent || parentWhole) {
                    continue;
                }
                boolean covered = rules.stream().anyMatch(r -> f.path().equals(r.path())
                        || f.path().startsWith(r.path() + "/") || r.path().startsWith(f.path() + "/"));
                if (!covered) {
                    throw yaml.error(PolicyException.Reason.REQUIRED_FIELD_WITHHELD, type.line(), type.key()
                            + " copies would not be valid: the policy discloses part of " + parent + " but not "
                            + f.path() + ", which the schema requires there");
                }
            }
        }

        private String digest() {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                return HexFormat.of().formatHex(hash, 0, 6);
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new PolicyException(PolicyException.Reason.UNREADABLE, file, 0, "cannot read: " + e.getMessage());
            }
        }

        private static String siblingOf(String path, String name) {
            return path.substring(0, path.lastIndexOf('/') + 1) + name;
        }
    }
}
