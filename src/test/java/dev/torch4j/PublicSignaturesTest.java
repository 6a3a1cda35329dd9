package dev.torch4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN rule 4: no public signature of torch4j names a type of the binding ({@code org.bytedeco}) or
 * of {@code dev.torch4j.internal}. Walks every public and protected member of every public class
 * outside the internal package, inherited members included.
 */
class PublicSignaturesTest {
    @Test
    void noPublicSignatureNamesANativeOrInternalType() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders = new ArrayList<>();
        int classes = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.startsWith("dev.torch4j.") || name.startsWith("dev.torch4j.internal.")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                if (!visible(c)) {
                    continue;
                }
                classes++;
                check(c.getName(), c.getGenericSuperclass(), offenders);
                for (Type t : c.getGenericInterfaces()) {
                    check(c.getName(), t, offenders);
                }
                for (Method m : c.getMethods()) {
                    checkExecutable(c, m, offenders);
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (Modifier.isProtected(m.getModifiers())) {
                        checkExecutable(c, m, offenders);
                    }
                }
                for (Constructor<?> k : c.getDeclaredConstructors()) {
                    if (Modifier.isPublic(k.getModifiers()) || Modifier.isProtected(k.getModifiers())) {
                        checkExecutable(c, k, offenders);
                    }
                }
                for (Field f : c.getFields()) {
                    check(where(c, f), f.getGenericType(), offenders);
                }
            }
        }
        assertTrue(classes > 100, "expected to walk the public classes, walked " + classes);
        assertTrue(offenders.isEmpty(), "public signatures naming internal or binding types:\n"
                + String.join("\n", offenders));
    }

    private static boolean visible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static void checkExecutable(Class<?> c, Executable e, List<String> offenders) {
        String where = where(c, e);
        if (e instanceof Method m) {
            check(where, m.getGenericReturnType(), offenders);
        }
        for (Type t : e.getGenericParameterTypes()) {
            check(where, t, offenders);
        }
        for (Type t : e.getGenericExceptionTypes()) {
            check(where, t, offenders);
        }
    }

    private static String where(Class<?> c, Member m) {
        return c.getName() + "#" + m.getName();
    }

    private static void check(String where, Type t, List<String> offenders) {
        if (t == null) {
            return;
        }
        if (t instanceof Class<?> k) {
            while (k.isArray()) {
                k = k.getComponentType();
            }
            String n = k.getName();
            if (n.startsWith("org.bytedeco.") || n.startsWith("dev.torch4j.internal.")) {
                offenders.add(where + " uses " + n);
            }
        } else if (t instanceof ParameterizedType p) {
            check(where, p.getRawType(), offenders);
            for (Type a : p.getActualTypeArguments()) {
                check(where, a, offenders);
            }
        } else if (t instanceof GenericArrayType g) {
            check(where, g.getGenericComponentType(), offenders);
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                check(where, b, offenders);
            }
            for (Type b : w.getLowerBounds()) {
                check(where, b, offenders);
            }
        }
    }
}
