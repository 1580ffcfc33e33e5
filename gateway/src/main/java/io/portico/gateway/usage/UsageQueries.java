package io.portico.gateway.usage;

import static java.util.Objects.requireNonNull;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import graphql.schema.DataFetchingEnvironment;
import io.portico.gateway.security.CurrentSubject;
import java.util.List;

/**
 * The {@code datasetUsage} query of {@code portico-graphql/usage.graphqls}: the same report as
 * {@code GET /api/usage/{domain}/{dataset}}. A refusal is a GraphQL error with {@code extensions.code}
 * ({@code UNAUTHENTICATED}, {@code FORBIDDEN}, {@code BAD_USER_INPUT}).
 */
@DgsComponent
public class UsageQueries {

    private final UsageService usage;

    public UsageQueries(UsageService usage) {
        this.usage = requireNonNull(usage, "usage is null");
    }

    @DgsQuery
    public List<FieldUsage> datasetUsage(@InputArgument("domain") String domain,
            @InputArgument("dataset") String dataset, @InputArgument("days") Integer days,
            DataFetchingEnvironment environment) {
        return usage.report(CurrentSubject.of(environment), domain, dataset,
                days == null ? UsageService.DEFAULT_DAYS : days);
    }
}
