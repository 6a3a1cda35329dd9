package dev.torch4j.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decimal tokens parse to the float that {@code numpy.float32(token)} gives (fixture from numpy). */
class FloatParserTest {
    private static float parse(String s) throws FloatParser.NotANumber {
        byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.US_ASCII);
        return FloatParser.parse(b, 2, b.length - 2);
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
        assertEquals(38, n);
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
    void refusesWhatIsNotAPythonFloat() {
        for (String s : new String[] {"", "-", "+", "1e", "1e+", "abc", "1.2.3", "0x10", "1_0", "--1", "e5", ".", "inf1",
                "infinit", "1f", "1d", " 1", "1 ", "NaNa", "1e5.5"}) {
            assertThrows(FloatParser.NotANumber.class, () -> parse(s), "'" + s + "'");
        }
    }
}
