package io.ssplab.jobs;

/** A knob or option that cannot work; the message says what is wrong and how to fix it, in one line. */
public class InvalidSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSpecException(String message) {
        super(message);
    }
}
