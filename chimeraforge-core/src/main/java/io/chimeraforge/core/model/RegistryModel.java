package io.chimeraforge.core.model;

import java.util.Objects;

/**
 * One model of the registry.
 *
 * @param name         registry name, e.g. {@code "llama3.2-3b"}
 * @param paramsB      parameters in billions
 * @param family       model family, e.g. {@code "llama3.2"}
 * @param architecture attention geometry
 */
public record RegistryModel(String name, double paramsB, String family, Architecture architecture) {
    public RegistryModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(architecture, "architecture");
        if (!(paramsB > 0)) {
            throw new IllegalArgumentException("paramsB must be > 0, got " + paramsB);
        }
    }
}
