package io.portico.flight.draft;

/** The kinds of personal data a draft contract flags, with the classification suggested for each. */
public enum PersonalDataCategory {
    NAME("a person's name", "confidential"),
    EMAIL("an email address", "confidential"),
    PHONE("a phone number", "confidential"),
    BIRTH_DATE("a birth date", "confidential"),
    ADDRESS("a postal address", "confidential"),
    NATIONAL_ID("a national identifier (social security, passport, tax or identity number)", "restricted");

    private final String description;
    private final String classification;

    PersonalDataCategory(String description, String classification) {
        this.description = description;
        this.classification = classification;
    }

    public String description() {
        return description;
    }

    public String classification() {
        return classification;
    }
}
