package org.tsunagi.routes.redaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.catalog.FieldDefinition;

/** What a policy withholds and transforms for one message type: computed once per policy and type. */
final class PolicyView {

    private final Map<String, FieldRule> rules = new LinkedHashMap<>();
    private final List<String> withheld;
    private final List<DisclosedField> transformed = new ArrayList<>();

    PolicyView(DisclosurePolicy policy, MessageType type, SchemaFields fields) {
        for (FieldRule r : policy.rules(type.rootElement())) {
            rules.put(r.path(), r);
            if (r.transform() != Transform.KEEP) {
                transformed.add(new DisclosedField(r.path(), r.transform().id(), resultPath(r)));
            }
        }
        Set<String> withheldAll = new LinkedHashSet<>();
        for (FieldDefinition f : fields.fields(type)) {
            if (f.inBody() && isWithheld(f.path())) {
                withheldAll.add(f.path());
            }
        }
        List<String> topmost = new ArrayList<>();
        for (String p : withheldAll) {
            if (!withheldAll.contains(p.substring(0, p.lastIndexOf('/')))) {
                topmost.add(p);
            }
        }
        this.withheld = List.copyOf(topmost);
    }

    /** Where the recipient finds what a rule writes. */
    static String resultPath(FieldRule r) {
        String parent = r.path().substring(0, r.path().lastIndexOf('/') + 1);
        return switch (r.transform()) {
            case KEEP, PSEUDONYMISE -> r.path();
            case MUNICIPALITY -> r.path() + "/" + r.transform().target();
            default -> parent + r.transform().target();
        };
    }

    private boolean isWithheld(String path) {
        for (FieldRule r : rules.values()) {
            String rp = r.path();
            if (rp.startsWith(path + "/")) {
                return false;  // an ancestor of something disclosed
            }
            if (path.equals(rp)) {
                return false;
            }
            if (path.startsWith(rp + "/")) {
                // Under a rule: kept or transformed as a whole, except a place reduced to its municipality.
                return r.transform() == Transform.MUNICIPALITY
                        && !path.equals(rp + "/" + Transform.MUNICIPALITY.target());
            }
            if (path.equals(resultPath(r))) {
                return false;  // the generalised form a rule writes
            }
        }
        return true;
    }

    FieldRule rule(String path) {
        return rules.get(path);
    }

    boolean isAncestorOfRule(String path) {
        return rules.keySet().stream().anyMatch(p -> p.startsWith(path + "/"));
    }

    Iterable<FieldRule> rules() {
        return rules.values();
    }

    List<String> withheld() {
        return withheld;
    }

    List<DisclosedField> transformed() {
        return transformed;
    }
}
