package io.chimeraforge.core.model;

import io.chimeraforge.core.internal.CsvResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry of models the corpus measured: the only "size classes" the planner carries.
 * Immutable; {@link #bundled()} holds the seven TR-corpus models.
 */
public final class ModelRegistry {

    private static final class Bundled {
        static final ModelRegistry INSTANCE = load();
    }

    private final Map<String, RegistryModel> models;
    /** Specs are immutable and asked for on every plan: build them once. */
    private final Map<String, ModelSpec> specs;

    private ModelRegistry(List<RegistryModel> models) {
        Map<String, RegistryModel> byName = new LinkedHashMap<>();
        Map<String, ModelSpec> specsByName = new java.util.HashMap<>();
        for (RegistryModel model : models) {
            if (byName.put(model.name(), model) != null) {
                throw new IllegalArgumentException("duplicate registry model: " + model.name());
            }
            specsByName.put(model.name(), specOf(model));
        }
        this.models = java.util.Collections.unmodifiableMap(byName);
        this.specs = specsByName;
    }

    /** A registry of the given models, in the given (search) order. */
    public static ModelRegistry of(List<RegistryModel> models) {
        return new ModelRegistry(Objects.requireNonNull(models, "models"));
    }

    /** The bundled registry. */
    public static ModelRegistry bundled() {
        return Bundled.INSTANCE;
    }

    /** Every model in registry order. */
    public List<RegistryModel> all() {
        return List.copyOf(models.values());
    }

    /** Whether {@code name} is exactly a registry name. */
    public boolean contains(String name) {
        return models.containsKey(name);
    }

    /** The registry model with exactly this name. */
    public Optional<RegistryModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** The distinct families, in registry order. */
    public List<String> families() {
        List<String> families = new ArrayList<>();
        for (RegistryModel model : models.values()) {
            if (!families.contains(model.family())) {
                families.add(model.family());
            }
        }
        return families;
    }

    /**
     * The spec of a registry model: registry parameters and geometry, source {@code registry},
     * aliased to itself; quantization and variant parsed from the name.
     */
    public Optional<ModelSpec> spec(String name) {
        return Optional.ofNullable(specs.get(name));
    }

    private static ModelSpec specOf(RegistryModel model) {
        String name = model.name();
        Architecture arch = model.architecture();
        return ModelSpec.builder(name)
                .paramsB(model.paramsB())
                .architecture(arch.nLayers(), arch.nKvHeads(), arch.dHead())
                .family(model.family())
                .variant(ModelIdentity.parseVariant(name).orElse(null))
                .nativeQuant(ModelIdentity.parseQuant(name).orElse(null))
                .source(ModelSource.REGISTRY)
                .registryAlias(name)
                .build();
    }

    private static ModelRegistry load() {
        List<RegistryModel> rows = new ArrayList<>();
        for (String[] f : CsvResource.rows(ModelRegistry.class, "registry.csv", 6)) {
            rows.add(new RegistryModel(f[0], Double.parseDouble(f[1]), f[2],
                    Architecture.of(Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]))));
        }
        return new ModelRegistry(rows);
    }
}
