package io.portico.gateway.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One SQL statement for a port, in the port's dialect, with {@code ?} placeholders and the values to bind to
 * them in order. Values are {@code Long}, {@code Integer}, {@code Double}, {@code BigDecimal}, {@code String},
 * {@code Boolean}, {@code LocalDate}, {@code LocalTime}, {@code LocalDateTime} or {@code OffsetDateTime}.
 *
 * @param sql        the statement text; never contains a value from the request
 * @param parameters the bind values, in placeholder order (may contain nulls)
 */
public record PortQuery(String sql, List<Object> parameters) {

    public PortQuery {
        requireNonNull(sql, "sql is null");
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }
}
