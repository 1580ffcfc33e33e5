package io.portico.gateway.port;

import io.portico.gateway.plan.PortQuery;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Runs one planned statement at one port and hands back its rows. The seam between the read path and the Flight
 * client ({@link FlightPortClient}, which guards each call with its port's bulkhead,
 * circuit breaker and deadline): whatever wraps a port reader, a result cache say, sits outside those guards.
 */
@FunctionalInterface
public interface PortReader {

    /**
     * @param portId          the port's contract id, for errors and metrics
     * @param query           the statement, values inlined by jOOQ
     * @param expectedColumns the columns the statement must return, or null to accept whatever it returns
     * @param expectedRows    a hint for how many rows come back (e.g. the LIMIT), or 0
     * @param masks           the masks applied to each Arrow batch as it arrives; {@link ColumnMasks#NONE} for none
     * @throws PortFailure a {@code PORT_*} or {@code STATEMENT_REFUSED} error
     */
    ColumnarResult read(String portId, PortQuery query, List<Field> expectedColumns, int expectedRows,
            ColumnMasks masks);
}
