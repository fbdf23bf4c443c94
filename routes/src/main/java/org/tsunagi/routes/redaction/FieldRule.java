package org.tsunagi.routes.redaction;

/**
 * One line of a policy: the element at {@code path} is disclosed in the form {@code transform}.
 *
 * @param path      slash-separated element local names from the message root, e.g. {@code ReleaseNotice/Person/Name/Kanji}
 * @param transform how it is disclosed
 * @param line      the line of the policy file that says so (for errors and {@code policy explain})
 */
public record FieldRule(String path, Transform transform, int line) {
}
