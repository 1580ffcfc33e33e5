package io.portico.gateway.security;

import static java.util.Objects.requireNonNull;

import io.portico.policies.Subject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * An authenticated request: its {@link Subject} (the principal) and the verified token it came from. Each role
 * is also a Spring authority {@code ROLE_<role>}, so {@code hasRole(...)} rules work; a subject with one of the
 * platform roles ({@code portico.security.platform-roles}) also has the authority {@value #PLATFORM}, which
 * {@code management.endpoint.health.roles} names (health details for the platform team only).
 */
public final class SubjectAuthentication extends AbstractAuthenticationToken {

    /** The authority of the platform team's subjects; not a role name a token can carry. */
    public static final String PLATFORM = "portico:platform";

    private final Subject subject;
    private final Jwt token;

    /**
     * @param platformRoles the roles that make a subject one of the platform team
     */
    public SubjectAuthentication(Subject subject, Jwt token, Collection<String> platformRoles) {
        super(authorities(subject, platformRoles));
        this.subject = requireNonNull(subject, "subject is null");
        this.token = requireNonNull(token, "token is null");
        setAuthenticated(true);
    }

    public Subject subject() {
        return subject;
    }

    public Jwt token() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return subject;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public String getName() {
        return subject.id();
    }

    private static Collection<? extends GrantedAuthority> authorities(Subject subject, Collection<String> platformRoles) {
        List<SimpleGrantedAuthority> authorities = new ArrayList<>();
        subject.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        if (platformRoles.stream().anyMatch(subject::hasRole)) {
            authorities.add(new SimpleGrantedAuthority(PLATFORM));
        }
        return authorities;
    }
}
