package io.chimeraforge.bench;

/**
 * A named prompt.
 *
 * @param name name recorded in results
 * @param text prompt text (non-empty)
 */
public record Prompt(String name, String text) {

    /** A one-sentence definition request (~10 words). */
    public static final Prompt SHORT = new Prompt("short",
            "In one sentence, what does a load balancer do for web servers?");
    /** A two-approach comparison with two examples each (~35 words); the default. */
    public static final Prompt MEDIUM = new Prompt("medium",
            "You are a patient engineering mentor. Compare optimistic and pessimistic locking for a shared "
                    + "inventory table. Describe when each approach works best and give two concrete examples "
                    + "for each, keeping the answer practical.");
    /** A numbered five-topic documentation request over several lines (~75 words). */
    public static final Prompt LONG = new Prompt("long",
            "Write onboarding notes for a new developer joining a team that runs a message queue service.\n"
                    + "Cover these five topics as a numbered list, with a short paragraph for each:\n"
                    + "1. How producers publish messages and what acknowledgements mean.\n"
                    + "2. How consumer groups share partitions and rebalance after failures.\n"
                    + "3. Which metrics to watch on the dashboard and what normal values look like.\n"
                    + "4. How to replay messages safely after a bad deployment.\n"
                    + "5. The on-call checklist for a backlog that keeps growing.");

    /** Validates. */
    public Prompt {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be non-blank, got " + name);
        }
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("text must be non-empty");
        }
    }

    /** A built-in prompt by name ({@code short}, {@code medium}, {@code long}). */
    public static Prompt builtIn(String name) {
        return switch (name) {
            case "short" -> SHORT;
            case "medium" -> MEDIUM;
            case "long" -> LONG;
            default -> throw new BenchException(BenchException.Kind.USAGE,
                    "Unknown prompt: " + name + ". Available: ['short', 'medium', 'long']");
        };
    }
}
