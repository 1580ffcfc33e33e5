/**
 * The row-filter language: {@link RowFilterParser} reads predicates such as {@code region = subject.region} into a
 * {@link RowPredicate} template, which is bound to a subject before it is rendered as SQL.
 */
package io.portico.policies.filter;
