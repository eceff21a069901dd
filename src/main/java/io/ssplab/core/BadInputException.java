package io.ssplab.core;

/** A knob or option that cannot work; the message says what is wrong and how to fix it, in one line. */
public class BadInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
