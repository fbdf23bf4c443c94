package org.tsunagi.routes.pipeline;

import java.util.Objects;

/**
 * Anything but a refusal thrown by a step ({@code RuntimeException}, {@code StackOverflowError},
 * {@code OutOfMemoryError}, ...), wrapped so that it ends this drop's attempt, and only this drop's, in
 * {@link MessageSteps#failed}.
 */
final class StepFailed extends RuntimeException {

    private final String step;

    StepFailed(String step, Throwable cause) {
        super(step + " failed: " + cause, cause, false, false);
        this.step = Objects.requireNonNull(step, "step");
    }

    String step() {
        return step;
    }
}
