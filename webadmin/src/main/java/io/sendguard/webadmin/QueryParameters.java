package io.sendguard.webadmin;

import java.util.Set;
import java.util.TreeSet;

import spark.Request;

/** Query parameters of Sendguard's WebAdmin routes: a misspelled filter is an error, not a silently unfiltered answer. */
final class QueryParameters {
    private QueryParameters() {
    }

    /** @throws JsonError 400 naming the parameters the route does not know, and the ones it does */
    static void checkKnown(Request request, Set<String> known) {
        Set<String> unknown = new TreeSet<>(request.queryParams());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw JsonError.badRequest("Unknown parameter(s) " + quoted(unknown) + "; this route knows " + quoted(new TreeSet<>(known)));
        }
    }

    private static String quoted(Set<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(java.util.stream.Collectors.joining(", "));
    }
}
