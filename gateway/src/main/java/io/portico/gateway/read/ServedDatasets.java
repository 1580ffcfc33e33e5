package io.portico.gateway.read;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the GraphQL schema being served reads, for the front doors that do not go through GraphQL (the Flight SQL
 * endpoint): every dataset with its source, and the reader they are read with. The schema wiring publishes a new
 * view with each schema it wires ({@link #serve}); a front door takes {@link #current()} once per request, so one
 * request reads one registry snapshot, as a GraphQL request does.
 */
public final class ServedDatasets {

    /**
     * One schema's datasets.
     *
     * @param registryVersion the registry snapshot the schema was composed from
     * @param datasets        every dataset served, in schema order
     * @param reader          the reader of the schema's datasets (its row filters know every dataset of it)
     */
    public record View(long registryVersion, List<ServedDataset> datasets, DatasetReader reader) {

        public View {
            datasets = List.copyOf(datasets);
        }
    }

    private final AtomicReference<View> current = new AtomicReference<>();

    /** Publishes the datasets of the schema just wired. */
    public void serve(View view) {
        current.set(requireNonNull(view, "view is null"));
    }

    /** The datasets of the schema served now, or null before the first schema was wired. */
    public View current() {
        return current.get();
    }
}
