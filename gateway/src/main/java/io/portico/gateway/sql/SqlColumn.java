package io.portico.gateway.sql;

import io.portico.schema.compose.FieldBinding;

/** One column: its contract name (what SQL uses) and its binding. */
public record SqlColumn(String name, FieldBinding field) {
}
