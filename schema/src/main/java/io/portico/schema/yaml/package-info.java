/**
 * Reading YAML (or JSON) documents into trees, shared by contracts ({@code io.portico.schema.contract}) and policy
 * files (the policies module), so both word what stops a document from being read the same way.
 */
package io.portico.schema.yaml;
