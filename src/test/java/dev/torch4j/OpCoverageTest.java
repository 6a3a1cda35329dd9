package dev.torch4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.internal.OpNames;
import dev.torch4j.nn.Functional;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's coverage figure, computed from the running libtorch: of the public {@code aten::} op names
 * outside the families tools/codegen/policy.txt excludes, the share callable with PyTorch's name as a
 * Tensor method or a function of Torch, nn.Functional, Linalg, Special or Fft.
 */
class OpCoverageTest {
    static final double REQUIRED = 0.95;

    @Test
    void atLeastNinetyFivePercentOfPublicOpsAreCallableByTheirPyTorchName() throws IOException {
        List<Pattern> excluded = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("tools/codegen/policy.txt"))) {
            if (line.startsWith("exclude ")) {
                String rest = line.substring(8);
                excluded.add(Pattern.compile(rest.substring(0, rest.lastIndexOf(" : ")).strip()));
            }
        }
        Set<String> tensor = names(Tensor.class, false);
        Set<String> torch = names(Torch.class, true);
        Set<String> functional = names(Functional.class, true);
        Set<String> linalg = names(Linalg.class, true);
        Set<String> special = names(Special.class, true);
        Set<String> fft = names(Fft.class, true);
        int total = 0;
        Set<String> missing = new TreeSet<>();
        for (String op : OpNames.publicAten()) {
            if (excluded.stream().anyMatch(p -> p.matcher(op).find())) {
                continue;
            }
            total++;
            String name = camel(op);
            boolean callable = tensor.contains(name) || torch.contains(name) || functional.contains(name)
                    || op.startsWith("linalg_") && linalg.contains(camel(op.substring(7)))
                    || op.startsWith("special_") && special.contains(camel(op.substring(8)))
                    || op.startsWith("fft_") && fft.contains(camel(op.substring(4)));
            if (!callable) {
                missing.add(op);
            }
        }
        double covered = (total - missing.size()) / (double) total;
        System.out.printf("op coverage: %d of %d public op names (%.1f%%); missing: %s%n", total - missing.size(),
                total, 100 * covered, missing);
        assertTrue(total > 700, "expected the shipped libtorch to register hundreds of public ops, found " + total);
        assertTrue(covered >= REQUIRED, String.format("coverage %.1f%% < 95%%; missing: %s", 100 * covered, missing));
    }

    private static Set<String> names(Class<?> c, boolean statics) {
        Set<String> out = new HashSet<>();
        for (Method m : c.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) == statics) {
                out.add(m.getName());
            }
        }
        return out;
    }

    /** PyTorch's name camelCased, keeping a trailing underscore, as the generator names methods. */
    static String camel(String snake) {
        boolean trailing = snake.endsWith("_");
        String core = trailing ? snake.substring(0, snake.length() - 1) : snake;
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : core.toCharArray()) {
            if (c == '_' && sb.length() > 0) {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb + (trailing ? "_" : "");
    }
}
