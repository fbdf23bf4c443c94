package org.tsunagi.schemas.codec;

/**
 * Where in a document a problem was found.
 *
 * @param line   1-based line, or -1 when unknown
 * @param column 1-based column, or -1 when unknown
 * @param path   the field path of the element being read (e.g. {@code ReleaseNotice/Person/DateOfBirth}), or
 *               empty before the root element
 */
public record ErrorLocation(int line, int column, String path) {

    @Override
    public String toString() {
        return "line " + line + ", column " + column + (path.isEmpty() ? "" : ", at " + path);
    }
}
