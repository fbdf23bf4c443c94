package org.tsunagi.cli;

/** A wrong combination of options: the command exits with status 2 and a hint to its --help. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
