package io.portico.flight.cli;

import tools.jackson.databind.json.JsonMapper;

/**
 * The command line's one JSON mapper, made when a command first reads or writes JSON: {@code --help} and the
 * commands that need none do not pay for Jackson's start-up.
 */
final class CliJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private CliJson() {
    }
}
