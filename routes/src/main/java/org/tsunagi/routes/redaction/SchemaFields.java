package org.tsunagi.routes.redaction;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.catalog.FieldCatalog;
import org.tsunagi.schemas.catalog.FieldDefinition;

/** The schemas' field catalogue, as policies and redaction query it. */
final class SchemaFields {

    private static final SchemaFields BUNDLED = new SchemaFields();

    private SchemaFields() {
    }

    static SchemaFields bundled() {
        return BUNDLED;
    }

    Set<String> messageTypes() {
        return Arrays.stream(MessageType.values()).map(MessageType::rootElement)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    Optional<FieldDefinition> field(String path) {
        return FieldCatalog.field(path);
    }

    /** Every field of the type, in document order, root first. */
    List<FieldDefinition> fields(MessageType type) {
        return FieldCatalog.fields(type);
    }

    /** The fields strictly below {@code path}. */
    List<FieldDefinition> descendants(String path) {
        return field(path).map(f -> fields(f.messageType()).stream()
                        .filter(d -> d.path().startsWith(path + "/")).toList())
                .orElse(List.of());
    }
}
