package org.tsunagi.gateway.statistics;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.tsunagi.routes.pipeline.WithheldCopy;
import org.tsunagi.schemas.codec.ErrorLocation;

/** Where a report's tables start in the sender's document, and their ids, for the sender's receipt. */
public final class TableLocation {

    /** The schema's ShortText, which the receipt's TableId is. */
    private static final int MAX_TABLE_ID = 200;

    private TableLocation() {
    }

    /** @param ordinal 1-based position of the Table among the report's children; -1 line when not found */
    public static ErrorLocation of(byte[] reportXml, int ordinal) {
        WithheldCopy.Table table = tables(reportXml, List.of(ordinal)).get(0);
        return new ErrorLocation(table.line(), table.column(), "StatisticsReport/Table");
    }

    /**
     * The tables at these 1-based positions, in ascending order, each with its TableId and where its start tag is
     * (line and column -1, id null, when the report cannot be read that far: it was read before, so that is a defect
     * and the receipt just says less).
     */
    public static List<WithheldCopy.Table> tables(byte[] reportXml, List<Integer> positions) {
        Set<Integer> wanted = new TreeSet<>(positions);
        List<WithheldCopy.Table> found = new ArrayList<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(reportXml));
            int depth = 0;
            int seen = 0;
            int line = -1;
            int column = -1;
            while (reader.hasNext() && found.size() < wanted.size()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 2 && reader.getLocalName().equals("Table") && wanted.contains(++seen)) {
                        line = reader.getLocation().getLineNumber();
                        column = reader.getLocation().getColumnNumber();
                    } else if (depth == 3 && line != -1 && reader.getLocalName().equals("TableId")) {
                        String id = reader.getElementText().strip();
                        depth--;  // getElementText consumed the end tag
                        found.add(new WithheldCopy.Table(seen, id.isEmpty() || id.length() > MAX_TABLE_ID ? null : id,
                                line, column));
                        line = -1;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            // The report was read before; fall through to tables without location.
        }
        for (int position : wanted) {
            if (found.stream().noneMatch(t -> t.position() == position)) {
                found.add(new WithheldCopy.Table(position, null, -1, -1));
            }
        }
        found.sort(Comparator.comparingInt(WithheldCopy.Table::position));
        return found;
    }
}
