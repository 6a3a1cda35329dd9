package dev.torch4j.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decimal tokens parse to the float that {@code numpy.float32(token)} gives (fixture from numpy). */
class FloatParserTest {
    /**
     * The token through both parsers, which must agree bit for bit (or both refuse): {@link
     * FloatParser#parse} on the token, and the readers' one-pass {@link FloatParser#field} on the token
     * followed by a space and another field, which must stop at that space.
     */
    private static float parse(String s) throws FloatParser.NotANumber {
        byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.US_ASCII);
        float viaParse;
        try {
            viaParse = FloatParser.parse(b, 2, b.length - 2);
        } catch (FloatParser.NotANumber e) {
            if (s.contains(" ")) {
                throw e; // a space ends a field, so a field never holds one
            }
            byte[] line = ("w " + s + " 1").getBytes(StandardCharsets.US_ASCII);
            assertThrows(FloatParser.NotANumber.class, () -> new FloatParser().field(line, 2, line.length),
                    "field() accepts what parse() refuses: '" + s + "'");
            throw e;
        }
        for (String after : new String[] {" 1", ""}) {
            byte[] line = ("w " + s + after).getBytes(StandardCharsets.US_ASCII);
            FloatParser p = new FloatParser();
            float viaField = p.field(line, 2, line.length);
            assertEquals(Float.floatToRawIntBits(viaParse), Float.floatToRawIntBits(viaField), "field() on '" + s + "'");
            assertEquals(2 + s.length(), p.end, "where '" + s + "' ends");
        }
        return viaParse;
    }

    @Test
    void matchesNumpyOnHardCases() throws Exception {
        int n = 0;
        for (String line : VectorFixtures.lines("floats.tsv")) {
            String[] p = line.split("\t");
            int expected = Integer.parseUnsignedInt(p[1], 16);
            float got = parse(p[0]);
            if (Float.isNaN(Float.intBitsToFloat(expected))) {
                assertEquals(true, Float.isNaN(got), p[0]);
            } else {
                assertEquals(Integer.toHexString(expected), Integer.toHexString(Float.floatToRawIntBits(got)), p[0]);
            }
            n++;
        }
        assertEquals(39, n);
    }

    @Test
    void shortDecimalsTakeTheFastPathAndAgreeWithDoubleParsing() throws Exception {
        Random r = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            String s = String.format("%." + r.nextInt(9) + "f", (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(12) - 6));
            if (r.nextBoolean()) {
                s = s + "e" + (r.nextInt(40) - 20);
            }
            assertEquals(Float.floatToRawIntBits((float) Double.parseDouble(s)), Float.floatToRawIntBits(parse(s)), s);
        }
    }

    @Test
    void fractionsReadEightDigitsAtATimeAgreeWithDoubleParsing() throws Exception {
        // around the eight-digit step: shorter, exactly eight, longer, an exponent or a stop right after
        for (String s : new String[] {"0.1", "0.12345678", "0.123456789", "-0.00000001", "1234567.12345678",
                "12345678.1", "0.1234e5", "1.00000000e-3", "9.99999999", "0.99999999e1", "7.0000001",
                "0.12345678x", "0.1234567:", "-0.0000000", "3.1415926535897", "0.00000000000001"}) {
            float expected;
            try {
                expected = (float) Double.parseDouble(s);
            } catch (NumberFormatException e) {
                assertThrows(FloatParser.NotANumber.class, () -> parse(s), s);
                continue;
            }
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(parse(s)), s);
        }
    }

    @Test
    void refusesWhatIsNotAPythonFloat() {
        for (String s : new String[] {"", "-", "+", "1e", "1e+", "abc", "1.2.3", "0x10", "1_0", "--1", "e5", ".", "inf1",
                "infinit", "1f", "1d", " 1", "1 ", "NaNa", "1e5.5"}) {
            assertThrows(FloatParser.NotANumber.class, () -> parse(s), "'" + s + "'");
        }
    }
}
