package org.tsunagi.gateway.statistics;

import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.tsunagi.schemas.codec.ErrorLocation;

/** Where a report's n-th table starts in the sender's document, for the rejection receipt. */
public final class TableLocation {

    private TableLocation() {
    }

    /** @param ordinal 1-based position of the Table among the report's children; -1 line when not found */
    public static ErrorLocation of(byte[] reportXml, int ordinal) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(reportXml));
            int depth = 0;
            int seen = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 2 && reader.getLocalName().equals("Table") && ++seen == ordinal) {
                        return new ErrorLocation(reader.getLocation().getLineNumber(),
                                reader.getLocation().getColumnNumber(), "StatisticsReport/Table");
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            // The report was read before; fall through to a location without line.
        }
        return new ErrorLocation(-1, -1, "StatisticsReport/Table");
    }
}
