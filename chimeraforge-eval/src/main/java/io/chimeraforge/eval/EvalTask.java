package io.chimeraforge.eval;

import java.util.List;
import java.util.Objects;

/**
 * A built-in eval task: prompts and their reference answers, index for index.
 *
 * @param name       task name
 * @param prompts    prompts to send to a model
 * @param references expected answers, one per prompt
 */
public record EvalTask(String name, List<String> prompts, List<String> references) {

    /** Requires a name and as many references as prompts. */
    public EvalTask {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        prompts = List.copyOf(prompts);
        references = List.copyOf(references);
        if (prompts.size() != references.size()) {
            throw new IllegalArgumentException("task '" + name + "' has " + prompts.size() + " prompts but "
                    + references.size() + " references");
        }
    }
}
