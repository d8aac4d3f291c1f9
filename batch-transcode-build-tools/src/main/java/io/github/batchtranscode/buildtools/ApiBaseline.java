package io.github.batchtranscode.buildtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A module's public API as text, one line per exported type and member, and its comparison with the committed
 * baseline file ({@code api/<module>.api}).
 *
 * <p>The text is stable: types in name order, members in a fixed order, generic signatures written out. A change to
 * it is an API change; {@link #check} fails with the lines removed and added and the command that accepts them.
 *
 * <pre>{@code
 * ApiBaseline.check(ApiBaseline.dump(api), Path.of("api/batch-transcode-core.api"), UPDATE_COMMAND);
 * }</pre>
 */
public final class ApiBaseline {
    /** The system property that makes {@link #check} rewrite the baseline instead of comparing. */
    public static final String UPDATE_PROPERTY = "api.baseline.update";

    private ApiBaseline() {
    }

    /** The lines of the API: for each type its header, then its members indented by two spaces. */
    public static List<String> dump(ApiSurface api) {
        List<String> lines = new ArrayList<>();
        for (Class<?> type : api.types()) {
            lines.add(header(type));
            for (Member m : ApiSurface.members(type)) {
                lines.add("  " + line(m));
            }
        }
        return lines;
    }

    /**
     * Compares {@code current} with the baseline file; with {@code -Dapi.baseline.update=true} writes it instead.
     *
     * @param updateCommand the command a developer runs to accept the change, quoted in the failure
     * @throws AssertionError when they differ: the removed ({@code -}) and added ({@code +}) lines
     */
    public static void check(List<String> current, Path baseline, String updateCommand) {
        Objects.requireNonNull(updateCommand, "updateCommand == null");
        try {
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(baseline.toAbsolutePath().getParent());
                Files.writeString(baseline, String.join("\n", current) + "\n", StandardCharsets.UTF_8);
                return;
            }
            if (!Files.isRegularFile(baseline)) {
                throw new AssertionError("no API baseline at " + baseline + ": create it with " + updateCommand);
            }
            List<String> committed = Files.readAllLines(baseline, StandardCharsets.UTF_8);
            String diff = diff(committed, current);
            if (!diff.isEmpty()) {
                throw new AssertionError("the public API differs from " + baseline + " (- removed, + added):\n"
                        + diff + "If the change is deliberate, accept it with\n  " + updateCommand
                        + "\nand commit the file (note breaking changes in CHANGELOG.md).");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + baseline, e);
        }
    }

    /**
     * The removed and added lines, each under the type line it belongs to, or empty when equal.
     */
    static String diff(List<String> before, List<String> after) {
        Set<String> old = keyed(before);
        Set<String> now = keyed(after);
        StringBuilder out = new StringBuilder();
        String lastType = null;
        for (String k : Stream.concat(old.stream(), now.stream()).distinct().sorted().toList()) {
            boolean removed = !now.contains(k);
            if (!removed && old.contains(k)) {
                continue;
            }
            String[] parts = k.split("\u0000", 2);
            if (parts.length == 1) {
                lastType = k; // a whole type added or removed: its members follow without another heading
            } else if (!parts[0].equals(lastType)) {
                out.append("  in ").append(parts[0]).append('\n');
                lastType = parts[0];
            }
            out.append(removed ? "- " : "+ ").append(parts.length == 2 ? parts[1].strip() : k).append('\n');
        }
        return out.toString();
    }

    /** Each member line prefixed by its type's line and a NUL, so equal members of different types differ. */
    private static Set<String> keyed(List<String> lines) {
        Set<String> out = new LinkedHashSet<>();
        String type = "";
        for (String l : lines) {
            if (l.isBlank()) {
                continue;
            }
            if (l.startsWith("  ")) {
                out.add(type + "\u0000" + l);
            } else {
                type = l;
                out.add(l);
            }
        }
        return out;
    }

    private static String header(Class<?> type) {
        StringBuilder s = new StringBuilder(modifiers(type.getModifiers() & ~Modifier.INTERFACE, type));
        s.append(kind(type)).append(' ').append(type.getName()).append(typeParameters(type.getTypeParameters()));
        Type sup = type.getGenericSuperclass();
        if (sup != null && sup != Object.class && !type.isEnum() && !type.isRecord()) {
            s.append(" extends ").append(sup.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0 && !type.isAnnotation()) {
            s.append(type.isInterface() ? " extends " : " implements ").append(Stream.of(interfaces)
                    .map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        return s.toString();
    }

    private static String kind(Class<?> type) {
        if (type.isAnnotation()) {
            return "@interface";
        }
        if (type.isInterface()) {
            return "interface";
        }
        return type.isEnum() ? "enum" : type.isRecord() ? "record" : "class";
    }

    private static String line(Member m) {
        StringBuilder s = new StringBuilder(modifiers(m.getModifiers(), m.getDeclaringClass()));
        if (m instanceof Method method && method.isDefault()) {
            s.append("default "); // removing the body breaks implementers: part of the contract
        }
        if (m instanceof Field f) {
            return s.append(f.getGenericType().getTypeName()).append(' ').append(f.getName()).toString();
        }
        Executable e = (Executable) m;
        String typeParams = typeParameters(e.getTypeParameters());
        if (!typeParams.isEmpty()) {
            s.append(typeParams).append(' ');
        }
        if (e instanceof Method method) {
            s.append(method.getGenericReturnType().getTypeName()).append(' ').append(method.getName());
        } else {
            s.append(((Constructor<?>) e).getDeclaringClass().getSimpleName());
        }
        s.append('(').append(Stream.of(e.getGenericParameterTypes()).map(Type::getTypeName)
                .collect(Collectors.joining(", "))).append(')');
        if (e.isVarArgs()) {
            s.replace(s.length() - 3, s.length() - 1, "...");
        }
        Type[] thrown = e.getGenericExceptionTypes();
        if (thrown.length > 0) {
            s.append(" throws ").append(Stream.of(thrown).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        return s.toString();
    }

    /** Modifiers that are part of the contract; {@code abstract} on interface members and {@code static} on nested
     * enums, records and interfaces say nothing and are left out. */
    private static String modifiers(int mods, Class<?> context) {
        int shown = mods & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
                | Modifier.ABSTRACT);
        if (context.isInterface()) {
            shown &= ~Modifier.ABSTRACT;
        }
        String text = Modifier.toString(shown);
        return text.isEmpty() ? "" : text + " ";
    }

    private static String typeParameters(TypeVariable<?>[] vars) {
        if (vars.length == 0) {
            return "";
        }
        return Stream.of(vars).map(v -> {
            Type[] b = v.getBounds();
            boolean plain = b.length == 1 && b[0] == Object.class;
            return plain ? v.getName() : v.getName() + " extends " + Stream.of(b).map(Type::getTypeName)
                    .collect(Collectors.joining(" & "));
        }).collect(Collectors.joining(", ", "<", ">"));
    }
}
