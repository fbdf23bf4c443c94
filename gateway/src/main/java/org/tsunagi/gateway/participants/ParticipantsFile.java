package org.tsunagi.gateway.participants;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** The YAML form of the participant registry, as written by operators; checked by {@link ParticipantRegistry}. */
final class ParticipantsFile {

    record Document(@JsonProperty(required = true) List<ParticipantSpec> participants) {
    }

    record ParticipantSpec(@JsonProperty(required = true) String id,
                           @JsonProperty(required = true) String name,
                           @JsonProperty(required = true) ParticipantRole role,
                           String certificate,
                           List<String> certificates,
                           List<String> sftpKeys,
                           List<String> maySend,
                           DeliveryChannel delivery,
                           DeliveryForm deliveryForm,
                           List<AgreementSpec> agreements) {
    }

    record AgreementSpec(@JsonProperty(required = true) String id,
                         @JsonProperty(required = true) String purpose,
                         @JsonProperty(required = true) String legalBasis,
                         @JsonProperty(required = true) List<String> messageTypes,
                         List<String> senders,
                         @JsonProperty(required = true) LocalDate validFrom,
                         @JsonProperty(required = true) LocalDate validUntil,
                         Integer minimumCellCount) {
    }

    private ParticipantsFile() {
    }

    /**
     * The line of the key a mapping error points at. Jackson buffers record properties, so its own location is the
     * end of the enclosing mapping; the YAML node tree keeps each key's real position.
     */
    private static int lineOf(Path file, List<JsonMappingException.Reference> path) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Node node = new Yaml().compose(reader);
            int line = node == null ? 0 : node.getStartMark().getLine() + 1;
            for (JsonMappingException.Reference step : path) {
                if (node instanceof SequenceNode seq && step.getIndex() >= 0 && step.getIndex() < seq.getValue().size()) {
                    node = seq.getValue().get(step.getIndex());
                    line = node.getStartMark().getLine() + 1;
                } else if (node instanceof MappingNode map && step.getFieldName() != null) {
                    NodeTuple tuple = map.getValue().stream()
                            .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(step.getFieldName()))
                            .findFirst().orElse(null);
                    if (tuple == null) {
                        break;
                    }
                    line = tuple.getKeyNode().getStartMark().getLine() + 1;
                    node = tuple.getValueNode();
                }
            }
            return line;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Reads the file strictly: unknown keys, duplicate keys and wrong types are errors naming the line. */
    static Document read(Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .findAndRegisterModules()
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try (InputStream in = Files.newInputStream(file)) {
            return yaml.readValue(in, Document.class);
        } catch (JsonMappingException e) {
            throw new InvalidParticipantsException(file + ": " + e.getOriginalMessage().replaceAll(" \\(class [^)]*\\)", "")
                    + " at line " + lineOf(file, e.getPath()));
        } catch (IOException e) {
            throw new InvalidParticipantsException(file + ": cannot read: " + e.getMessage());
        }
    }
}
