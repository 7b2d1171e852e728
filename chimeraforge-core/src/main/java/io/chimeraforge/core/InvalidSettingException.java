package io.chimeraforge.core;

import java.util.Objects;

/**
 * A builder setting given a value outside its allowed range. It carries the setting's name (the
 * builder method, e.g. {@code "promptTokens"}), the value as given and the allowed range in words,
 * so a front end can word the refusal its own way (the CLI names its flags); the message reads
 * {@code "<setting> must be <allowed>, got <value>"}.
 *
 * <p>Conventions across the chimeraforge API: a {@code null} argument throws
 * {@link NullPointerException} naming the parameter; a non-null value out of range throws this
 * exception (an {@link IllegalArgumentException}).
 */
public class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String value;
    private final String allowed;

    /**
     * @param setting the setting's name as the builder spells it
     * @param value   the refused value, as text
     * @param allowed the allowed range in words, e.g. {@code "an integer >= 1"} or {@code "between 0 and 64"}
     */
    public InvalidSettingException(String setting, String value, String allowed) {
        super(Objects.requireNonNull(setting, "setting") + " must be " + Objects.requireNonNull(allowed, "allowed")
                + ", got " + Objects.requireNonNull(value, "value"));
        this.setting = setting;
        this.value = value;
        this.allowed = allowed;
    }

    /** The setting's name as the builder spells it. */
    public String setting() {
        return setting;
    }

    /** The refused value as text ({@code Double.toString} for numbers). */
    public String value() {
        return value;
    }

    /** The allowed range in words. */
    public String allowed() {
        return allowed;
    }
}
