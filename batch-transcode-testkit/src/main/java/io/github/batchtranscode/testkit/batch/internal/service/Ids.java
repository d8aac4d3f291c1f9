package io.github.batchtranscode.testkit.batch.internal.service;

import java.util.regex.Pattern;

/** Validation of pool, job and task ids as the service applies it. */
public final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Ids() {
    }

    public static String check(String id) {
        if (id == null || id.isEmpty()) {
            throw BatchServiceException.badRequest("MissingRequiredProperty",
                    "A required property was not specified in the request body.", "PropertyName", "id");
        }
        if (!ID.matcher(id).matches()) {
            throw BatchServiceException.invalidValue("id", id,
                    "The id may contain up to 64 letters, digits, hyphens and underscores");
        }
        return id;
    }
}
