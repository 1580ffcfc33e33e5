package io.portico.gateway.port;

import static java.util.Objects.requireNonNull;

import io.portico.policies.mask.HashKey;
import io.portico.policies.mask.Mask;
import java.util.Map;
import java.util.Set;

/**
 * The masks a policy puts on a result's columns, applied to each Arrow batch as it arrives, before any value is
 * read out of it ({@link ColumnarResultCollector}): a masked value never exists in the result, only in the batch
 * the port sent, which is closed once read.
 *
 * <p>A column that is also a cursor key keeps its unmasked values aside, for cursors only (which are sealed, see
 * {@code io.portico.gateway.plan.CursorCodec}): paging must continue from the real position, not a masked one.
 *
 * @param byColumn       the mask of each masked column, by its position in the result
 * @param keepUnmasked   the positions of masked columns whose unmasked values are kept for cursors
 * @param hashKey        the deployment's key for the {@code hash} mask
 */
public record ColumnMasks(Map<Integer, Mask> byColumn, Set<Integer> keepUnmasked, HashKey hashKey) {

    /** No column masked. */
    public static final ColumnMasks NONE = new ColumnMasks(Map.of(), Set.of(), null);

    public ColumnMasks {
        byColumn = Map.copyOf(byColumn);
        keepUnmasked = Set.copyOf(keepUnmasked);
        if (!byColumn.isEmpty()) {
            requireNonNull(hashKey, "hashKey is null");
        }
    }

    /** The mask of the column at {@code position}, or null when it is not masked. */
    Mask of(int position) {
        return byColumn.get(position);
    }

    boolean isEmpty() {
        return byColumn.isEmpty();
    }
}
