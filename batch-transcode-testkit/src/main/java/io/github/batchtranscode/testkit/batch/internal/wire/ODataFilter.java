package io.github.batchtranscode.testkit.batch.internal.wire;

import io.github.batchtranscode.testkit.batch.internal.service.BatchServiceException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The OData {@code $filter} subset the Batch list operations take: comparisons {@code eq ne gt ge lt le} of a
 * property with a string, number, boolean or {@code datetime'…'} literal, {@code startswith(prop,'x')},
 * {@code and}, {@code or}, {@code not} and parentheses. Property values come from a resolver, so filtering a
 * record needs no JSON rendering.
 *
 * <pre>{@code
 * ODataFilter f = ODataFilter.parse("state eq 'completed' and startswith(id,'task-')", Set.of("id", "state"));
 * f.test(prop -> ...);
 * }</pre>
 */
public final class ODataFilter {
    private final Node root;

    private ODataFilter(Node root) {
        this.root = root;
    }

    /**
     * Parses a filter.
     *
     * @param text       the {@code $filter} value
     * @param properties the property names allowed, case-insensitively
     * @throws BatchServiceException 400 InvalidQueryParameterValue naming the problem
     */
    public static ODataFilter parse(String text, Set<String> properties) {
        Parser p = new Parser(tokenize(text), properties, text);
        Node n = p.or();
        if (p.pos != p.tokens.size()) {
            throw p.error("unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return new ODataFilter(n);
    }

    /** Whether the subject matches; {@code resolver} maps a property name (lower case) to its value or null. */
    public boolean test(Function<String, Object> resolver) {
        return root.eval(resolver);
    }

    private interface Node {
        boolean eval(Function<String, Object> r);
    }

    private record Literal(Object value) {
    }

    private static List<String> tokenize(String s) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                StringBuilder sb = new StringBuilder("'");
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw BatchServiceException.badRequest("InvalidQueryParameterValue",
                                "Value for one of the query parameters specified in the request URI is invalid.",
                                "QueryParameterName", "$filter");
                    }
                    char d = s.charAt(i++);
                    if (d == '\'') {
                        if (i < s.length() && s.charAt(i) == '\'') {
                            sb.append('\'');
                            i++;
                            continue;
                        }
                        break;
                    }
                    sb.append(d);
                }
                tokens.add(sb.toString());
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "(),".indexOf(s.charAt(i)) < 0) {
                    if (s.charAt(i) == '\'') { // datetime'...'
                        int close = s.indexOf('\'', i + 1);
                        i = close < 0 ? s.length() : close + 1;
                        continue;
                    }
                    i++;
                }
                tokens.add(s.substring(start, i));
            }
        }
        return tokens;
    }

    private static final class Parser {
        private static final Set<String> OPS = Set.of("eq", "ne", "gt", "ge", "lt", "le");
        final List<String> tokens;
        final Set<String> properties;
        final String text;
        int pos;

        Parser(List<String> tokens, Set<String> properties, String text) {
            this.tokens = tokens;
            this.text = text;
            this.properties = new java.util.HashSet<>();
            properties.forEach(p -> this.properties.add(p.toLowerCase(Locale.ROOT)));
        }

        Node or() {
            Node left = and();
            while (peekIs("or")) {
                pos++;
                Node l = left;
                Node r = and();
                left = res -> l.eval(res) || r.eval(res);
            }
            return left;
        }

        Node and() {
            Node left = unary();
            while (peekIs("and")) {
                pos++;
                Node l = left;
                Node r = unary();
                left = res -> l.eval(res) && r.eval(res);
            }
            return left;
        }

        Node unary() {
            if (peekIs("not")) {
                pos++;
                Node inner = unary();
                return res -> !inner.eval(res);
            }
            if (peekIs("(")) {
                pos++;
                Node inner = or();
                expect(")");
                return inner;
            }
            if (peekIs("startswith")) {
                pos++;
                expect("(");
                String prop = property(next());
                expect(",");
                Object lit = literal(next()).value();
                expect(")");
                String prefix = String.valueOf(lit).toLowerCase(Locale.ROOT);
                return res -> {
                    Object v = res.apply(prop);
                    return v != null && v.toString().toLowerCase(Locale.ROOT).startsWith(prefix);
                };
            }
            String prop = property(next());
            String op = next().toLowerCase(Locale.ROOT);
            if (!OPS.contains(op)) {
                throw error("unknown operator '" + op + "'");
            }
            Literal lit = literal(next());
            return res -> compare(res.apply(prop), op, lit.value());
        }

        private String property(String token) {
            String p = token.toLowerCase(Locale.ROOT);
            if (!properties.contains(p)) {
                throw error("the property '" + token + "' cannot be filtered on");
            }
            return p;
        }

        private Literal literal(String token) {
            if (token.startsWith("'")) {
                return new Literal(token.substring(1));
            }
            String lower = token.toLowerCase(Locale.ROOT);
            if (lower.startsWith("datetime'") && token.endsWith("'")) {
                return new Literal(parseInstant(token.substring(9, token.length() - 1)));
            }
            if (lower.equals("true") || lower.equals("false")) {
                return new Literal(Boolean.valueOf(lower));
            }
            if (lower.equals("null")) {
                return new Literal(null);
            }
            try {
                return new Literal(Long.parseLong(token));
            } catch (NumberFormatException e) {
                throw error("'" + token + "' is not a literal");
            }
        }

        private Instant parseInstant(String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw error("'" + s + "' is not a date-time");
            }
        }

        private boolean peekIs(String t) {
            return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(t);
        }

        private String next() {
            if (pos >= tokens.size()) {
                throw error("unexpected end");
            }
            return tokens.get(pos++);
        }

        private void expect(String t) {
            if (!peekIs(t)) {
                throw error("expected '" + t + "'");
            }
            pos++;
        }

        BatchServiceException error(String reason) {
            java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
            values.put("QueryParameterName", "$filter");
            values.put("QueryParameterValue", text);
            values.put("Reason", reason);
            return new BatchServiceException(400, "InvalidQueryParameterValue",
                    "Value for one of the query parameters specified in the request URI is invalid.", values);
        }
    }

    private static boolean compare(Object actual, String op, Object literal) {
        if (actual == null || literal == null) {
            boolean same = actual == literal;
            return op.equals("eq") ? same : op.equals("ne") && !same;
        }
        int c;
        if (actual instanceof Instant a) {
            Instant l = literal instanceof Instant i ? i : tryInstant(literal.toString());
            if (l == null) {
                return op.equals("ne");
            }
            c = a.compareTo(l);
        } else if (actual instanceof Number a && literal instanceof Number l) {
            c = Long.compare(a.longValue(), l.longValue());
        } else if (actual instanceof Boolean a && literal instanceof Boolean l) {
            c = Boolean.compare(a, l);
        } else {
            c = actual.toString().compareToIgnoreCase(literal.toString());
        }
        return switch (op) {
            case "eq" -> c == 0;
            case "ne" -> c != 0;
            case "gt" -> c > 0;
            case "ge" -> c >= 0;
            case "lt" -> c < 0;
            default -> c <= 0;
        };
    }

    private static Instant tryInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
