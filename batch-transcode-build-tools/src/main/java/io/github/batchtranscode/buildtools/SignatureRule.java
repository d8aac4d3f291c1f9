package io.github.batchtranscode.buildtools;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rule that no exported signature names a type a user cannot rely on: a type in an {@code internal} package, or a
 * non-public type of the project. Checked are every exported type's supertypes and type parameters, and every
 * reachable constructor's, method's and field's types, type parameters, parameters and {@code throws} clause, with
 * generic arguments, bounds and array components followed.
 *
 * <pre>{@code
 * assertThat(SignatureRule.violations(api, "io.github.batchtranscode")).isEmpty();
 * }</pre>
 */
public final class SignatureRule {
    private SignatureRule() {
    }

    /**
     * One line per offending member, e.g. {@code io.github.x.Foo#bar(..) returns/takes io.github.x.internal.Baz}, in
     * the order of {@link ApiSurface#types()}.
     *
     * @param projectPackage the project's root package: only its types can be internal or hidden by mistake
     */
    public static List<String> violations(ApiSurface api, String projectPackage) {
        List<String> out = new ArrayList<>();
        for (Class<?> type : api.types()) {
            List<Type> header = new ArrayList<>();
            header.add(type.getGenericSuperclass());
            header.addAll(List.of(type.getGenericInterfaces()));
            header.addAll(List.of(type.getTypeParameters()));
            report(out, type.getName() + " (its supertypes or type parameters)", header, projectPackage);
            for (Member m : ApiSurface.members(type)) {
                report(out, describe(m), signatureTypes(m), projectPackage);
            }
        }
        return out;
    }

    private static void report(List<String> out, String where, List<Type> types, String projectPackage) {
        Set<Class<?>> bad = new LinkedHashSet<>();
        for (Type t : types) {
            collect(t, bad, new LinkedHashSet<>(), projectPackage);
        }
        for (Class<?> c : bad) {
            String why = ApiSurface.isInternal(c) ? "internal type " : "non-public type ";
            out.add(where + " names " + why + c.getName());
        }
    }

    private static List<Type> signatureTypes(Member m) {
        List<Type> types = new ArrayList<>();
        if (m instanceof Executable e) {
            types.addAll(List.of(e.getTypeParameters()));
            types.addAll(List.of(e.getGenericParameterTypes()));
            types.addAll(List.of(e.getGenericExceptionTypes()));
            if (e instanceof Method method) {
                types.add(method.getGenericReturnType());
            }
        } else if (m instanceof Field f) {
            types.add(f.getGenericType());
        }
        return types;
    }

    /** {@code Owner#name(ParamTypes)} for methods and constructors, {@code Owner#name} for fields. */
    static String describe(Member m) {
        String owner = m.getDeclaringClass().getName();
        if (m instanceof Executable e) {
            String name = m instanceof Constructor ? "<init>" : m.getName();
            List<String> params = new ArrayList<>();
            for (Class<?> p : e.getParameterTypes()) {
                params.add(p.getSimpleName());
            }
            return owner + "#" + name + "(" + String.join(", ", params) + ")";
        }
        return owner + "#" + m.getName();
    }

    private static void collect(Type t, Set<Class<?>> bad, Set<Type> seen, String projectPackage) {
        if (t == null || !seen.add(t)) {
            return;
        }
        if (t instanceof Class<?> c) {
            Class<?> base = c;
            while (base.isArray()) {
                base = base.getComponentType();
            }
            if (isProjectType(base, projectPackage) && !usable(base)) {
                bad.add(base);
            }
        } else if (t instanceof ParameterizedType p) {
            collect(p.getRawType(), bad, seen, projectPackage);
            collect(p.getOwnerType(), bad, seen, projectPackage);
            for (Type a : p.getActualTypeArguments()) {
                collect(a, bad, seen, projectPackage);
            }
        } else if (t instanceof GenericArrayType g) {
            collect(g.getGenericComponentType(), bad, seen, projectPackage);
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                collect(b, bad, seen, projectPackage);
            }
            for (Type b : w.getLowerBounds()) {
                collect(b, bad, seen, projectPackage);
            }
        } else if (t instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                collect(b, bad, seen, projectPackage);
            }
        }
    }

    private static boolean isProjectType(Class<?> c, String projectPackage) {
        String pkg = c.getPackageName();
        return !c.isPrimitive() && (pkg.equals(projectPackage) || pkg.startsWith(projectPackage + "."));
    }

    private static boolean usable(Class<?> c) {
        return ApiSurface.isExported(c);
    }
}
