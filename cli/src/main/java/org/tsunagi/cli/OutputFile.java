package org.tsunagi.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes to a temporary file beside the target and moves it into place only on success: no half-written output. */
final class OutputFile implements AutoCloseable {

    private final Path target;
    private final Path temporary;
    private final OutputStream out;
    private boolean committed;

    OutputFile(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        this.temporary = Files.createTempFile(this.target.getParent(), "." + target.getFileName(), ".part");
        this.out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
    }

    OutputStream stream() {
        return out;
    }

    void commit() throws IOException {
        out.close();
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            out.close();
            Files.deleteIfExists(temporary);
        }
    }
}
