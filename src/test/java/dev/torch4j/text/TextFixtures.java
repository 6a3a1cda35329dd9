package dev.torch4j.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the fixtures that tools/gen_text_fixtures.py writes (expected values from Python). */
final class TextFixtures {

    private TextFixtures() {
    }

    /** The non-comment rows of a TSV fixture, each split on tabs (empty cells kept). */
    static List<String[]> rows(String name) {
        String resource = "/fixtures/text/" + name;
        try (InputStream in = TextFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource
                        + "; run /usr/bin/python3 tools/gen_text_fixtures.py");
            }
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String[]> rows = new ArrayList<>();
            for (String line : content.split("\n")) {
                if (!line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Undoes the script's escape(): \\ \t \n \r. */
    static String unescape(String cell) {
        StringBuilder sb = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char n = cell.charAt(++i);
            sb.append(switch (n) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case '\\' -> '\\';
                default -> throw new IllegalStateException("bad escape \\" + n + " in " + cell);
            });
        }
        return sb.toString();
    }

    /** A space-joined token list; the empty cell is the empty list. */
    static List<String> tokens(String cell) {
        return cell.isEmpty() ? List.of() : Arrays.asList(cell.split(" ", -1));
    }

    /** Rows split by ';', values by ','; an empty row is an empty array. */
    static List<long[]> longRows(String cell) {
        List<long[]> out = new ArrayList<>();
        for (String row : cell.split(";", -1)) {
            out.add(row.isEmpty() ? new long[0]
                    : Arrays.stream(row.split(",")).mapToLong(Long::parseLong).toArray());
        }
        return out;
    }
}
