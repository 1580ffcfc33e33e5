package io.portico.gateway.security;

import static java.util.Objects.requireNonNull;

import io.portico.policies.Subject;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * An authenticated request: its {@link Subject} (the principal) and the verified token it came from. Each role
 * is also a Spring authority {@code ROLE_<role>}, so {@code hasRole(...)} rules work.
 */
public final class SubjectAuthentication extends AbstractAuthenticationToken {

    private final Subject subject;
    private final Jwt token;

    public SubjectAuthentication(Subject subject, Jwt token) {
        super(authorities(subject));
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

    private static Collection<? extends GrantedAuthority> authorities(Subject subject) {
        List<SimpleGrantedAuthority> authorities = subject.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
        return authorities;
    }
}
