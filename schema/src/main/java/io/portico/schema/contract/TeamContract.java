package io.portico.schema.contract;

import java.util.List;

/**
 * The team that owns an output port (ODCS {@code team}).
 *
 * @param name        may be null
 * @param description may be null
 * @param members     in document order
 */
public record TeamContract(String name, String description, List<TeamMember> members) {

    public TeamContract {
        members = List.copyOf(members);
    }

    /**
     * @param username the member's username or email (required by ODCS)
     * @param name     may be null
     * @param role     may be null, e.g. {@code owner}, {@code data steward}
     */
    public record TeamMember(String username, String name, String role) {
    }
}
