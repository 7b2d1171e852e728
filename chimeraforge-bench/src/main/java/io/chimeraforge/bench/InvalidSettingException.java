package io.chimeraforge.bench;

/**
 * A {@link BenchConfig.Builder} setting outside its range, with the parts a front end needs to
 * word the error its own way: the SDK parameter name, the offending value (URL user-info already
 * redacted) and the accepted range. The message reads
 * {@code <parameter> must be <expected>, got <value>}.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String value;
    private final String expected;

    /** A rejected {@code value} of {@code parameter}, which must be {@code expected}. */
    public InvalidSettingException(String parameter, String value, String expected) {
        super(parameter + " must be " + expected + ", got " + value);
        this.parameter = parameter;
        this.value = value;
        this.expected = expected;
    }

    /** The builder method's name, e.g. {@code runs}, {@code warmupRequests}. */
    public String parameter() {
        return parameter;
    }

    /** The rejected value as text (user-info in URLs redacted). */
    public String value() {
        return value;
    }

    /** What is accepted, e.g. {@code in [1, 10000000]}. */
    public String expected() {
        return expected;
    }
}
