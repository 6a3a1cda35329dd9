package dev.torch4j.serialization;

import static dev.torch4j.serialization.TestFiles.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The safetensors reader refuses what the format and its reference reader (the Rust crate, with
 * serde_json) refuse (issue 14 item 8), and reports offsets that make sense (item 14).
 */
class SafetensorsTest {
    private static final String A = "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";

    @TempDir
    Path dir;

    private StateDictFormatException refused(byte[] header, int dataBytes) throws IOException {
        Path file = TestFiles.safetensors(dir.resolve("bad.safetensors"), header, new byte[dataBytes]);
        StateDictFormatException e = assertThrows(StateDictFormatException.class, () -> Safetensors.loadFile(file));
        assertTrue(e.offset() >= 0, e.getMessage());
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "invalid UTF-8 in a name     | {\"a\u00ff\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}       | 4 | invalid UTF-8",
        "raw control character       | {\"a\u0001\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}       | 4 | raw control character 0x01",
        "escape \\q                  | {\"a\\q\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}          | 4 | invalid escape '\\q'",
        "escape \\u+041              | {\"\\u+041\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}        | 4 | \\u escape needs 4 hex digits",
        "lone surrogate              | {\"\\ud800\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}        | 4 | high surrogate \\ud800 is not followed",
        "duplicate key               | {" + A + "," + A + "}                                                     | 4 | duplicate key \"a\"",
        "overlapping offsets         | {" + A + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[2,6]}}  | 8 | tensor \"b\" data_offsets [2, 6] overlap",
        "gap between tensors         | {" + A + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}} | 12 | tensor \"b\" data_offsets [8, 12] leave a gap",
        "trailing bytes              | {" + A + "}                                                               | 8 | trailing bytes after the last tensor",
        "non-string __metadata__     | {\"__metadata__\":{\"format\":1}," + A + "}                                 | 4 | __metadata__ value of \"format\" is the number 1",
        "__metadata__ not an object  | {\"__metadata__\":[\"pt\"]," + A + "}                                       | 4 | __metadata__ is an array",
        "leading zero                | {\"a\":{\"dtype\":\"F32\",\"shape\":[01],\"data_offsets\":[0,4]}}          | 4 | leading zero",
        "float shape                 | {\"a\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}         | 4 | shape entry the number 1.0",
        "span of the wrong size      | {\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}           | 4 | must span 8 bytes",
        "three offsets               | {\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,4]}}         | 4 | two integers",
        "unknown dtype               | {\"a\":{\"dtype\":\"F33\",\"shape\":[1],\"data_offsets\":[0,4]}}           | 4 | unsupported dtype \"F33\"",
        "leading space               | ` {" + A + "}`                                                             | 4 | must start with '{'",
        "form feed as whitespace     | {\f" + A + "}                                                             | 4 | expected a string key",
        "shape overflow              | {\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4611686018427387904,0],\"data_offsets\":[0,0]}} | 0 | overflows 64 bits",
    })
    void refusesWhatTheFormatForbids(String what, String header, int dataBytes, String message) throws IOException {
        byte[] h = new byte[header.length()];
        for (int i = 0; i < h.length; i++) {
            h[i] = (byte) header.charAt(i); // chars below 256 as single bytes: 0xff is an invalid UTF-8 byte
        }
        StateDictFormatException e = refused(h, dataBytes);
        assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
    }

    @Test
    void hugeDataOffsetsAreReportedWithoutANegativeOffset() throws IOException {
        long max = Long.MAX_VALUE;
        StateDictFormatException e = refused(bytes("{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[" + (max - 1)
                + "," + max + "]}}"), 1);
        assertTrue(e.getMessage().contains("tensor \"a\" data_offsets [" + (max - 1) + ", " + max + "] leave a gap"),
                e.getMessage());
        e = refused(bytes("{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,18446744073709551615]}}"), 1);
        assertTrue(e.getMessage().contains("data_offsets end 18446744073709551615, expected a non-negative integer "
                + "below 2^63"), e.getMessage());
    }

    @Test
    void whatTheFormatAllowsLoads() throws IOException {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},\"\\u0041\\ud83d\\ude00\":{\"dtype\":\"F32\",\"shape\":[1],"
                + "\"data_offsets\":[4,8],\"extra\":{\"ignored\":[1,2]}},\"b\":{\"dtype\":\"U8\",\"shape\":[0,"
                + "4611686018427387904,4611686018427387904],\"data_offsets\":[0,0]},\"c\":{\"dtype\":\"I32\",\"shape\":[],"
                + "\"data_offsets\":[0,4]}}\t\r\n";
        byte[] data = {7, 0, 0, 0, 0, 0, (byte) 0x80, 0x3f};
        Path file = TestFiles.safetensors(dir.resolve("ok.safetensors"), header, data);
        try (StateDict sd = Safetensors.loadFile(file)) {
            assertEquals(List.of("A\uD83D\uDE00", "b", "c"), new ArrayList<>(sd.keySet()), "header order");
            assertArrayEquals(new float[] {1f}, sd.get("A\uD83D\uDE00").toFloatArray());
            assertArrayEquals(new long[] {0, 1L << 62, 1L << 62}, sd.get("b").shape());
            assertEquals(0, sd.get("b").numel());
            assertEquals(7, sd.get("c").item());
        }
        Path nullMeta = TestFiles.safetensors(dir.resolve("null.safetensors"), "{\"__metadata__\":null," + A + "}",
                new byte[4]);
        try (StateDict sd = Safetensors.loadFile(nullMeta)) {
            assertEquals(1, sd.size());
        }
    }

    @Test
    void saveFileWritesMetadataAndReadsBack() throws IOException {
        Path file = dir.resolve("m.safetensors");
        try (Tensor a = Tensor.of(new float[] {1, 2, 3}); Tensor b = Tensor.of(new long[] {4, 5}, 2, 1)) {
            Map<String, Tensor> m = new LinkedHashMap<>();
            m.put("a\n\"quoted\"", a);
            m.put("b", b);
            Safetensors.saveFile(m, file, Map.of("format", "pt"));
        }
        try (StateDict sd = Safetensors.loadFile(file)) {
            assertEquals(List.of("a\n\"quoted\"", "b"), new ArrayList<>(sd.keySet()));
            assertArrayEquals(new long[] {4, 5}, sd.get("b").toLongArray());
        }
    }
}
