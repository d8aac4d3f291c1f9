package io.github.batchtranscode.buildtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The public API of one module: every type a user can name from outside, with the members a user can call, read,
 * override or extend, read by reflection from the module's compiled classes.
 *
 * <p>A type is exported when it is public (or protected and nested in an exported type), is no compiler artefact, and
 * no segment of its package is {@code internal}. Members count when they are public or protected and not synthetic.
 * Classes are loaded without initialising them, so nothing of the module runs.
 *
 * <pre>{@code
 * ApiSurface api = ApiSurface.of(Path.of("target/classes"), getClass().getClassLoader());
 * List<String> leaks = SignatureRule.violations(api);
 * }</pre>
 */
public final class ApiSurface {
    private final List<Class<?>> exported;

    private ApiSurface(List<Class<?>> exported) {
        this.exported = List.copyOf(exported);
    }

    /**
     * Reads the classes below {@code classesDirectory} through {@code loader}.
     *
     * @throws IllegalArgumentException when the directory holds no class (the module was not compiled)
     * @throws IllegalStateException    when {@code loader} cannot load one of them
     */
    public static ApiSurface of(Path classesDirectory, ClassLoader loader) {
        Objects.requireNonNull(loader, "loader == null");
        List<String> names = classNames(Objects.requireNonNull(classesDirectory, "classesDirectory == null"));
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no compiled class below " + classesDirectory.toAbsolutePath()
                    + ": compile the module first (./mvnw -B -q compile)");
        }
        List<Class<?>> exported = new ArrayList<>();
        for (String name : names) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + name + " from " + classesDirectory + ": " + e, e);
            }
            if (isExported(type)) {
                exported.add(type);
            }
        }
        exported.sort(Comparator.comparing(Class::getName));
        return new ApiSurface(exported);
    }

    /** The exported types, by binary name. */
    public List<Class<?>> types() {
        return exported;
    }

    /** Whether {@code type} is one a user of the module may name: see the class comment. */
    public static boolean isExported(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass() || isInternal(type)) {
            return false;
        }
        int mods = type.getModifiers();
        Class<?> outer = type.getDeclaringClass();
        if (outer == null) {
            return Modifier.isPublic(mods);
        }
        return (Modifier.isPublic(mods) || Modifier.isProtected(mods)) && isExported(outer);
    }

    /** Whether any segment of the type's package is {@code internal}. */
    public static boolean isInternal(Class<?> type) {
        return Arrays.asList(type.getPackageName().split("\\.")).contains("internal");
    }

    /** The type's constructors, methods and fields that a user can reach, in a stable order. */
    public static List<Member> members(Class<?> type) {
        List<Member> out = new ArrayList<>();
        Stream.of(type.getDeclaredConstructors()).filter(ApiSurface::visible).forEach(out::add);
        Stream.of(type.getDeclaredMethods()).filter(m -> visible(m) && !m.isBridge()).forEach(out::add);
        Stream.of(type.getDeclaredFields()).filter(ApiSurface::visible).forEach(out::add);
        out.sort(Comparator.comparing(ApiSurface::sortKey));
        return out;
    }

    private static boolean visible(Member m) {
        int mods = m.getModifiers();
        if (m.isSynthetic() || !(Modifier.isPublic(mods) || Modifier.isProtected(mods))) {
            return false;
        }
        // a protected member of a final class cannot be reached: no subclass can exist
        return Modifier.isPublic(mods) || !Modifier.isFinal(m.getDeclaringClass().getModifiers());
    }

    private static String sortKey(Member m) {
        String kind = m instanceof Constructor ? "0" : m instanceof Method ? "1" : "2";
        String params = m instanceof Executable e ? Arrays.toString(e.getParameterTypes()) : "";
        return kind + m.getName() + params + (m instanceof Field f ? f.getType().getName() : "");
    }

    private static List<String> classNames(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".class") && !p.endsWith("module-info.class")
                            && !p.endsWith("package-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
    }
}
