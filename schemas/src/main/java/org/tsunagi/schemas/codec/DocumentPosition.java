package org.tsunagi.schemas.codec;

import java.util.ArrayList;
import java.util.List;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;

/** The reader's current line, column and element path, for error locations. One per parse. */
final class DocumentPosition {

    private final List<String> names = new ArrayList<>();
    private Locator locator;

    void setLocator(Locator locator) {
        this.locator = locator;
    }

    void push(String localName) {
        names.add(localName);
    }

    void pop() {
        names.remove(names.size() - 1);
    }

    int depth() {
        return names.size();
    }

    String path() {
        return String.join("/", names);
    }

    ErrorLocation here() {
        return locator == null ? new ErrorLocation(-1, -1, path())
                : new ErrorLocation(locator.getLineNumber(), locator.getColumnNumber(), path());
    }

    ErrorLocation at(SAXParseException e) {
        return new ErrorLocation(e.getLineNumber(), e.getColumnNumber(), path());
    }
}
