/**
 * The read path, shared by every front door: a {@link io.portico.gateway.read.DatasetReader} takes a typed
 * {@link io.portico.gateway.plan.DatasetRequest} and the request's {@link io.portico.gateway.policy.RequestPolicy},
 * and runs check, visible columns, row filter, plan, port read, masks and denied fields, for a page of a dataset or
 * for the rows related to a batch of keys. The port is reached through a {@link io.portico.gateway.port.PortReader}.
 *
 * <p>Nothing here knows GraphQL: the GraphQL data fetchers are thin adapters that turn the results into connection
 * pages and errors at their paths (a build rule keeps {@code graphql.*} out of this package).
 */
package io.portico.gateway.read;
