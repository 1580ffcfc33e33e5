package io.portico.gateway.cache;

import static java.util.Objects.requireNonNull;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import graphql.schema.DataFetchingEnvironment;
import io.portico.gateway.security.CurrentSubject;

/**
 * The {@code invalidatePortCache} mutation of {@code portico-graphql/cache.graphqls}: the same as
 * {@code POST /api/ports/{id}/invalidate}. A refusal is a GraphQL error with {@code extensions.code}
 * ({@code UNAUTHENTICATED}, {@code FORBIDDEN}, {@code NOT_FOUND}).
 */
@DgsComponent
public class CacheMutations {

    private final CacheInvalidationService invalidations;

    public CacheMutations(CacheInvalidationService invalidations) {
        this.invalidations = requireNonNull(invalidations, "invalidations is null");
    }

    @DgsMutation
    public CacheInvalidation invalidatePortCache(@InputArgument("id") String id, DataFetchingEnvironment environment) {
        return invalidations.invalidate(id, CurrentSubject.of(environment));
    }
}
