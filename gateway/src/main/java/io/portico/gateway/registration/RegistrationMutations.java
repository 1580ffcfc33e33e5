package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import graphql.schema.DataFetchingEnvironment;
import io.portico.gateway.security.CurrentSubject;

/**
 * The GraphQL mutations of {@code portico-graphql/registration.graphqls}: the same as the REST API, answering a
 * {@link RegistrationResult}. The GraphQL endpoint serves anonymous queries, so each mutation reads the subject
 * of the operation ({@link CurrentSubject#of(DataFetchingEnvironment)}); an anonymous one is refused with
 * {@code UNAUTHENTICATED} in the result.
 */
@DgsComponent
public class RegistrationMutations {

    private final RegistrationService registrations;

    public RegistrationMutations(RegistrationService registrations) {
        this.registrations = requireNonNull(registrations, "registrations is null");
    }

    @DgsMutation
    public RegistrationResult registerOutputPort(@InputArgument("contract") String contract,
            DataFetchingEnvironment environment) {
        return registrations.publish(contract, CurrentSubject.of(environment));
    }

    @DgsMutation
    public RegistrationResult checkOutputPort(@InputArgument("contract") String contract,
            DataFetchingEnvironment environment) {
        return registrations.check(contract, CurrentSubject.of(environment));
    }

    @DgsMutation
    public RegistrationResult retireOutputPort(@InputArgument("id") String id, DataFetchingEnvironment environment) {
        return registrations.retire(id, CurrentSubject.of(environment));
    }

    /** {@code RegistrationResult.httpStatus}: not a record component, so no property fetcher finds it. */
    @DgsData(parentType = "RegistrationResult", field = "httpStatus")
    public int httpStatus(DataFetchingEnvironment environment) {
        RegistrationResult result = environment.getSource();
        return result.httpStatus();
    }
}
