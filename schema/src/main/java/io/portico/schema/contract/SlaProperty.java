package io.portico.schema.contract;

import static java.util.Objects.requireNonNull;

/**
 * One ODCS {@code slaProperties[]} entry, e.g. {@code property: latency, value: 4, unit: d} or
 * {@code property: frequency, value: 1, unit: d}.
 *
 * @param property    the SLA property name
 * @param value       the value as text, may be null
 * @param unit        may be null
 * @param element     may be null
 * @param description may be null
 */
public record SlaProperty(String property, String value, String unit, String element, String description) {

    public SlaProperty {
        requireNonNull(property, "property is null");
    }
}
