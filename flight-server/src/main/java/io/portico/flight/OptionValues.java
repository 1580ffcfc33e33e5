package io.portico.flight;

/**
 * The values of the port's hand-parsed command-line options ({@link FlightPortArguments} for {@code serve},
 * {@code DraftOptions} for {@code init} and {@code up}), with one wording for what is wrong with them.
 */
public final class OptionValues {

    private OptionValues() {
    }

    /**
     * The value following the option at {@code args[index]}.
     *
     * @throws IllegalArgumentException when the option is last or followed by another option
     */
    public static String valueOf(String[] args, int index) {
        if (index + 1 >= args.length || args[index + 1].startsWith("--")) {
            throw new IllegalArgumentException(args[index] + " needs a value");
        }
        return args[index + 1];
    }

    /**
     * {@code value} of {@code option} as a whole number.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
        }
    }
}
