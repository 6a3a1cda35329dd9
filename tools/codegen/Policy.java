package codegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** tools/codegen/policy.txt: excluded families with reasons, nn ops, ops written by hand. */
record Policy(List<Exclusion> exclusions, Set<String> nn, Set<String> hand, Set<String> internal) {

    record Exclusion(Pattern pattern, String reason) {
    }

    static Policy read(Path file) throws IOException {
        List<Exclusion> exclusions = new ArrayList<>();
        Set<String> nn = new LinkedHashSet<>();
        Set<String> hand = new LinkedHashSet<>();
        Set<String> internal = new LinkedHashSet<>();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int sp = line.indexOf(' ');
            String verb = line.substring(0, sp);
            String rest = line.substring(sp + 1).strip();
            switch (verb) {
                case "exclude" -> {
                    int colon = rest.lastIndexOf(" : ");
                    exclusions.add(new Exclusion(Pattern.compile(rest.substring(0, colon).strip()),
                            rest.substring(colon + 3).strip()));
                }
                case "nn" -> nn.addAll(List.of(rest.split("\\s+")));
                case "hand" -> hand.addAll(List.of(rest.split("\\s+")));
                case "internal" -> internal.addAll(List.of(rest.split("\\s+")));
                default -> throw new IllegalArgumentException("unknown policy directive: " + line);
            }
        }
        return new Policy(exclusions, nn, hand, internal);
    }

    /** @return why {@code op} is left out, or null when it is generated */
    String exclusionReason(String op) {
        if (op.startsWith("_") && !internal.contains(op)) {
            return "private to PyTorch (leading underscore)";
        }
        for (Exclusion e : exclusions) {
            if (e.pattern().matcher(op).find()) {
                return e.reason();
            }
        }
        return null;
    }
}
