package io.portico.schema.compose;

import io.portico.schema.contract.DatasetContract;
import java.util.List;

/**
 * A dataset ready to render: its binding plus what the SDL needs from the contract and the type table.
 *
 * @param contract the dataset's contract (its relationships)
 * @param path     the dataset's JSON path in its contract, for problems
 */
record BoundDataset(DatasetBinding binding, String description, List<BoundField> fields, String deprecationReason,
        DatasetContract contract, String path) {
}
