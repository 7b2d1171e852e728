package io.chimeraforge.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The built-in eval tasks: {@code general_knowledge} (10 short factual answers),
 * {@code summarization} (5 one-sentence summaries) and {@code code} (5 small Python functions).
 *
 * <p>The content is this project's own, of the same shape as the reference's tasks; placeholder
 * scores therefore differ from the reference's.
 */
public final class EvalTasks {

    private static final Map<String, EvalTask> TASKS = build();

    private EvalTasks() {
    }

    /** Task names, sorted: {@code code, general_knowledge, summarization}. */
    public static List<String> names() {
        return List.copyOf(TASKS.keySet());
    }

    /** All built-in tasks, sorted by name. */
    public static List<EvalTask> all() {
        return List.copyOf(TASKS.values());
    }

    /**
     * The task called {@code name}.
     *
     * @throws UnknownTaskException with the message
     *         {@code Unknown eval task '<name>'. Available: code, general_knowledge, summarization}
     */
    public static EvalTask get(String name) {
        EvalTask t = TASKS.get(name);
        if (t == null) {
            throw new UnknownTaskException("Unknown eval task '" + name + "'. Available: "
                    + String.join(", ", TASKS.keySet()));
        }
        return t;
    }

    private static Map<String, EvalTask> build() {
        Map<String, EvalTask> m = new TreeMap<>();
        List<String[]> gk = List.of(
                new String[] {"Which element has the chemical symbol Fe?", "Iron"},
                new String[] {"What is the largest planet in the Solar System?", "Jupiter"},
                new String[] {"In which year did the Apollo 11 crew first land on the Moon?", "1969"},
                new String[] {"How many bones are in the adult human body?", "206"},
                new String[] {"What is the capital city of Japan?", "Tokyo"},
                new String[] {"Who painted the Mona Lisa?", "Leonardo da Vinci"},
                new String[] {"What is the hardest natural substance?", "Diamond"},
                new String[] {"How many sides does a hexagon have?", "6"},
                new String[] {"Which gas do humans need to breathe in to survive?", "Oxygen"},
                new String[] {"At what temperature in degrees Celsius does pure water freeze at sea level?", "0"});
        m.put("general_knowledge", task("general_knowledge", gk));

        List<String[]> sum = List.of(
                new String[] {"Summarize in one sentence: Honeybees live in colonies ruled by a single queen. "
                        + "Worker bees gather nectar and pollen, and in doing so they pollinate many of the crops "
                        + "people eat.",
                    "Honeybee colonies, led by a queen, rely on workers whose foraging pollinates many food crops."},
                new String[] {"Summarize in one sentence: The printing press, developed by Johannes Gutenberg around "
                        + "1440, used movable metal type. It made books far cheaper and helped spread literacy "
                        + "across Europe.",
                    "Gutenberg's movable-type printing press made books cheaper and spread literacy in Europe."},
                new String[] {"Summarize in one sentence: Glaciers form where more snow falls each winter than melts "
                        + "each summer. Over centuries the snow compacts into ice that slowly flows downhill under "
                        + "its own weight.",
                    "Glaciers are compacted snow that accumulates faster than it melts and flows slowly downhill."},
                new String[] {"Summarize in one sentence: A compiler translates source code written by programmers "
                        + "into machine code. It also checks the program for errors and can optimise it to run "
                        + "faster.",
                    "A compiler turns source code into optimised machine code while checking it for errors."},
                new String[] {"Summarize in one sentence: Coral reefs cover a tiny fraction of the ocean floor yet "
                        + "shelter about a quarter of all marine species. Rising sea temperatures cause bleaching "
                        + "that threatens them.",
                    "Coral reefs host a quarter of marine species but are threatened by warming-induced bleaching."});
        m.put("summarization", task("summarization", sum));

        List<String[]> code = List.of(
                new String[] {"Write a Python function that returns the greatest common divisor of two integers.",
                    "def gcd(a, b):\n    while b:\n        a, b = b, a % b\n    return abs(a)"},
                new String[] {"Write a Python function that reverses the words in a sentence.",
                    "def reverse_words(sentence):\n    return \" \".join(reversed(sentence.split()))"},
                new String[] {"Write a Python function that checks whether a number is prime.",
                    "def is_prime(n):\n    if n < 2:\n        return False\n    i = 2\n    while i * i <= n:\n"
                        + "        if n % i == 0:\n            return False\n        i += 1\n    return True"},
                new String[] {"Write a Python function that returns the sum of the digits of a non-negative integer.",
                    "def digit_sum(n):\n    return sum(int(d) for d in str(n))"},
                new String[] {"Write a Python function that removes duplicates from a list while keeping order.",
                    "def unique(items):\n    seen = set()\n    out = []\n    for x in items:\n"
                        + "        if x not in seen:\n            seen.add(x)\n            out.append(x)\n    return out"});
        m.put("code", task("code", code));
        return Collections.unmodifiableMap(m);
    }

    private static EvalTask task(String name, List<String[]> rows) {
        List<String> prompts = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        for (String[] r : rows) {
            prompts.add(r[0]);
            refs.add(r[1]);
        }
        return new EvalTask(name, prompts, refs);
    }
}
