package io.chimeraforge.planner.discovery;

import io.chimeraforge.planner.internal.discovery.Listings;
import io.chimeraforge.planner.internal.resolve.HttpFetch;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The live listings discovery reads, for a caller that wants the ids without ranking them (such as
 * building a {@link Catalog} from the installed Ollama models). HTTP/1.1, one deadline per exchange,
 * capped bodies; the Hub listing sends no token. Thread-safe.
 */
public final class ModelListings {

    private final Listings listings;

    /** Listings whose exchanges each end within {@code timeout}. */
    public ModelListings(Duration timeout) {
        this.listings = new Listings(new HttpFetch(Objects.requireNonNull(timeout, "timeout")));
    }

    /**
     * The models installed in the Ollama at {@code base} ({@code GET /api/tags}), in its order.
     *
     * @throws DiscoveryException when Ollama is unreachable, answers an error status or not the expected JSON
     */
    public List<String> ollamaTags(URI base) {
        return listings.ollamaTags(base);
    }

    /**
     * The ids of the Hub's {@code limit} most-downloaded text-generation models.
     *
     * @throws DiscoveryException on a transport failure, an error status (429 included) or not the expected JSON
     */
    public List<String> hubTopModels(URI hub, int limit) {
        return listings.hubTopModels(hub, limit);
    }
}
