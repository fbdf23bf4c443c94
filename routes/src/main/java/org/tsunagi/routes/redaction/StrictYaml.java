package org.tsunagi.routes.redaction;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a policy file as a YAML node tree (no object construction, so no YAML gadget can run) and gives typed
 * access that reports every problem with the file and line. Anchors, aliases and explicit tags are refused: a policy
 * must say what it means where it says it.
 */
final class StrictYaml {

    private static final int MAX_FILE_BYTES = 1 << 20;

    private final Path file;

    private StrictYaml(Path file) {
        this.file = file;
    }

    /** A value with the line it was written on. */
    record Scalar(String value, int line) {
    }

    /** A mapping entry: its key, the key's line and the value node. */
    record Entry(String key, int line, Node value) {
    }

    static Node read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new PolicyException(PolicyException.Reason.SYNTAX, file, 0,
                        "policy file is larger than " + MAX_FILE_BYTES + " bytes");
            }
        } catch (IOException e) {
            throw new PolicyException(PolicyException.Reason.UNREADABLE, file, 0, "cannot read: " + e.getMessage());
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(16);
        options.setCodePointLimit(MAX_FILE_BYTES);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new PolicyException(PolicyException.Reason.SYNTAX, file, 0, "policy file is empty");
            }
            return root;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new PolicyException(PolicyException.Reason.SYNTAX, file, line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new PolicyException(PolicyException.Reason.SYNTAX, file, 0, "not valid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new PolicyException(PolicyException.Reason.UNREADABLE, file, 0, "cannot read: " + e.getMessage());
        }
    }

    static StrictYaml of(Path file) {
        return new StrictYaml(file);
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    PolicyException error(PolicyException.Reason reason, int line, String detail) {
        return new PolicyException(reason, file, line, detail);
    }

    /** The entries of a mapping, in file order; keys must be plain strings, unique, and among {@code allowed}. */
    Map<String, Entry> mapping(Node node, String what, Set<String> allowed) {
        List<Entry> entries = entries(node, what);
        Map<String, Entry> byKey = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (allowed != null && !allowed.contains(e.key())) {
                throw error(PolicyException.Reason.UNKNOWN_KEY, e.line(),
                        "unknown key '" + e.key() + "' in " + what + " (allowed: " + String.join(", ", allowed) + ")");
            }
            byKey.put(e.key(), e);
        }
        return byKey;
    }

    /** The entries of a mapping whose keys are free (field paths, message types), in file order, unique. */
    List<Entry> entries(Node node, String what) {
        checkPlain(node);
        if (!(node instanceof MappingNode mapping)) {
            throw error(PolicyException.Reason.SYNTAX, line(node), what + " must be a mapping of keys to values");
        }
        List<Entry> result = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), "a key in " + what).value();
            int keyLine = line(tuple.getKeyNode());
            Integer first = seen.putIfAbsent(key, keyLine);
            if (first != null) {
                throw error(PolicyException.Reason.DUPLICATE, keyLine,
                        "'" + key + "' appears twice in " + what + " (first on line " + first + ")");
            }
            checkPlain(tuple.getValueNode());
            result.add(new Entry(key, keyLine, tuple.getValueNode()));
        }
        return result;
    }

    Scalar scalar(Node node, String what) {
        checkPlain(node);
        if (!(node instanceof ScalarNode scalar)) {
            throw error(PolicyException.Reason.SYNTAX, line(node), what + " must be a single value");
        }
        if (scalar.getTag().equals(Tag.NULL) || scalar.getValue().isBlank()) {
            throw error(PolicyException.Reason.MISSING_KEY, line(node), what + " must not be empty");
        }
        return new Scalar(scalar.getValue().strip(), line(node));
    }

    List<Scalar> scalars(Node node, String what) {
        checkPlain(node);
        if (!(node instanceof SequenceNode sequence)) {
            throw error(PolicyException.Reason.SYNTAX, line(node), what + " must be a list");
        }
        List<Scalar> result = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            result.add(scalar(item, "an item of " + what));
        }
        return result;
    }

    Entry required(Map<String, Entry> map, String key, Node parent, String what) {
        Entry e = map.get(key);
        if (e == null) {
            throw error(PolicyException.Reason.MISSING_KEY, line(parent), what + " lacks the required key '" + key + "'");
        }
        return e;
    }

    private void checkPlain(Node node) {
        if (node.getAnchor() != null) {
            throw error(PolicyException.Reason.SYNTAX, line(node), "anchors and aliases are not allowed in policies");
        }
        if (node.getTag() != null && !node.getTag().isSecondary() && node.getTag().getValue().startsWith("!")) {
            throw error(PolicyException.Reason.SYNTAX, line(node), "explicit YAML tags are not allowed in policies");
        }
    }
}
