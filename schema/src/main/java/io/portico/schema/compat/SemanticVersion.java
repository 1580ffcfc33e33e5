package io.portico.schema.compat;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]} (semver.org 2.0.0), ordered by precedence:
 * build metadata is ignored, a pre-release sorts before its release ({@code 2.0.0-rc.1 < 2.0.0}).
 *
 * @param major      incompatible changes
 * @param minor      added capability
 * @param patch      fixes
 * @param preRelease dot-separated identifiers after {@code -}, or empty
 * @param build      build metadata after {@code +}, or empty; not part of precedence
 */
public record SemanticVersion(long major, long minor, long patch, String preRelease, String build)
        implements Comparable<SemanticVersion> {

    private static final String IDENTIFIER = "[0-9A-Za-z-]+";
    private static final Pattern FORMAT = Pattern.compile("(0|[1-9]\\d{0,17})\\.(0|[1-9]\\d{0,17})\\.(0|[1-9]\\d{0,17})"
            + "(?:-(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?(?:\\+(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?");

    public SemanticVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must not be negative");
        }
        requireNonNull(preRelease, "preRelease is null");
        requireNonNull(build, "build is null");
    }

    /** The version {@code text} names, or empty when it is not a semantic version. */
    public static Optional<SemanticVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemanticVersion(
                Long.parseLong(matcher.group(1)),
                Long.parseLong(matcher.group(2)),
                Long.parseLong(matcher.group(3)),
                matcher.group(4) == null ? "" : matcher.group(4),
                matcher.group(5) == null ? "" : matcher.group(5)));
    }

    public SemanticVersion nextMajor() {
        return new SemanticVersion(major + 1, 0, 0, "", "");
    }

    public SemanticVersion nextMinor() {
        return new SemanticVersion(major, minor + 1, 0, "", "");
    }

    /** The next patch release; for a pre-release, the release it precedes ({@code 1.1.0-rc.1} to {@code 1.1.0}). */
    public SemanticVersion nextPatch() {
        return preRelease.isEmpty() ? new SemanticVersion(major, minor, patch + 1, "", "")
                : new SemanticVersion(major, minor, patch, "", "");
    }

    /** {@code 1.x}: how the versions sharing this major are named in messages. */
    public String majorLine() {
        return major + ".x";
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int numbers = Long.compare(major, other.major);
        if (numbers == 0) {
            numbers = Long.compare(minor, other.minor);
        }
        if (numbers == 0) {
            numbers = Long.compare(patch, other.patch);
        }
        if (numbers != 0) {
            return numbers;
        }
        return comparePreRelease(preRelease, other.preRelease);
    }

    private static int comparePreRelease(String left, String right) {
        if (left.equals(right)) {
            return 0;
        }
        if (left.isEmpty()) {
            return 1;
        }
        if (right.isEmpty()) {
            return -1;
        }
        String[] leftParts = left.split("\\.");
        String[] rightParts = right.split("\\.");
        for (int index = 0; index < Math.min(leftParts.length, rightParts.length); index++) {
            int compared = compareIdentifier(leftParts[index], rightParts[index]);
            if (compared != 0) {
                return compared;
            }
        }
        return Integer.compare(leftParts.length, rightParts.length);
    }

    private static int compareIdentifier(String left, String right) {
        boolean leftNumeric = left.chars().allMatch(Character::isDigit);
        boolean rightNumeric = right.chars().allMatch(Character::isDigit);
        if (leftNumeric && rightNumeric) {
            int byLength = Integer.compare(left.length(), right.length());
            return byLength != 0 ? byLength : left.compareTo(right);
        }
        if (leftNumeric != rightNumeric) {
            return leftNumeric ? -1 : 1;
        }
        return left.compareTo(right);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease)
                + (build.isEmpty() ? "" : "+" + build);
    }
}
