package io.portico.gateway.registration;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The platform's bindings of endpoint addresses to domains ({@code portico.endpoints.bindings.<domain>}): host
 * patterns per domain, {@code host} (any port) or {@code host:port}, where {@code *} stands for any run of
 * characters but {@code :} and {@code ?} for one; case-insensitive; an IPv6 literal in brackets
 * ({@code [fd00::*]:31337}). For Flight SQL servers that are not Portico ports and so state no domain themselves.
 */
public final class EndpointBindings {

    private final Map<String, List<Pattern>> patterns;

    /**
     * @param bindings the patterns of each domain
     * @throws IllegalArgumentException when a pattern is not {@code host} or {@code host:port}
     */
    public EndpointBindings(Map<String, List<String>> bindings) {
        requireNonNull(bindings, "bindings is null");
        Map<String, List<Pattern>> compiled = new LinkedHashMap<>();
        bindings.forEach((domain, list) -> {
            List<Pattern> domainPatterns = new ArrayList<>();
            for (String pattern : list) {
                domainPatterns.add(compile(domain, pattern));
            }
            compiled.put(domain, List.copyOf(domainPatterns));
        });
        this.patterns = Collections.unmodifiableMap(new TreeMap<>(compiled));
    }

    /** No bindings. */
    public static EndpointBindings none() {
        return new EndpointBindings(Map.of());
    }

    /**
     * The domains one of whose patterns matches {@code address}, in name order: none, one, or (a configuration
     * mistake) several.
     */
    public Set<String> domainsOf(EndpointAddress address) {
        String text = address.toString();
        Set<String> domains = new LinkedHashSet<>();
        patterns.forEach((domain, domainPatterns) -> {
            if (domainPatterns.stream().anyMatch(pattern -> pattern.matcher(text).matches())) {
                domains.add(domain);
            }
        });
        return domains;
    }

    private static Pattern compile(String domain, String pattern) {
        String text = pattern == null ? "" : pattern.strip().toLowerCase(Locale.ROOT);
        String host;
        String port;
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            if (end < 0) {
                throw invalid(domain, pattern);
            }
            host = text.substring(0, end + 1);
            String rest = text.substring(end + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw invalid(domain, pattern);
            }
            port = rest.isEmpty() ? "*" : rest.substring(1);
        } else {
            int colon = text.indexOf(':');
            if (colon != text.lastIndexOf(':')) {
                throw invalid(domain, pattern);
            }
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? "*" : text.substring(colon + 1);
        }
        if (host.isEmpty() || host.equals("[]") || port.isEmpty() || !port.matches("[0-9*?]+")) {
            throw invalid(domain, pattern);
        }
        return Pattern.compile(glob(host, host.startsWith("[") ? "[^\\]]" : "[^:]") + ":" + glob(port, "[0-9]"));
    }

    /** A glob as a regular expression: {@code *} any run of {@code one}, {@code ?} one, everything else itself. */
    private static String glob(String text, String one) {
        StringBuilder regex = new StringBuilder();
        for (char character : text.toCharArray()) {
            switch (character) {
                case '*' -> regex.append(one).append('*');
                case '?' -> regex.append(one);
                default -> regex.append(Pattern.quote(String.valueOf(character)));
            }
        }
        return regex.toString();
    }

    private static IllegalArgumentException invalid(String domain, String pattern) {
        return new IllegalArgumentException("portico.endpoints.bindings." + domain + ": '" + pattern + "' is not a"
                + " host or host:port pattern (e.g. crm-port, *.crm.internal, 10.0.3.*:31337, [fd00::*]:31337)");
    }

    @Override
    public String toString() {
        return "EndpointBindings" + patterns.keySet();
    }
}
