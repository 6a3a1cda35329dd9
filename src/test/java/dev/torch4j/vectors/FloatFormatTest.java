package dev.torch4j.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every float written as text reads back bit for bit, through double (numpy's way) and directly. */
class FloatFormatTest {
    private static void roundTrips(float v) {
        String s = FloatFormat.format(v);
        int bits = Float.floatToRawIntBits(v);
        assertEquals(bits, Float.floatToRawIntBits((float) Double.parseDouble(s)), s);
        assertEquals(bits, Float.floatToRawIntBits(Float.parseFloat(s)), s);
    }

    @Test
    void hardValues() {
        float[] values = {0f, -0f, 1e-45f, -1e-45f, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 0.1f, 1e-5f,
            16777216f, 16777218f, 3.4028235e38f, 1.17549435e-38f, 2.5e-45f, 8.589973e9f, 0.3f, 1f / 3f};
        for (float v : values) {
            roundTrips(v);
        }
        for (int e = -149; e < 128; e++) {
            roundTrips((float) Math.scalb(1.0, e));
            roundTrips(Math.nextUp((float) Math.scalb(1.0, e)));
            roundTrips(Math.nextDown((float) Math.scalb(1.0, e)));
        }
    }

    @Test
    void randomBitPatterns() {
        Random r = new Random(11);
        for (int i = 0; i < 300_000; i++) {
            float v = Float.intBitsToFloat(r.nextInt());
            if (!Float.isNaN(v) && !Float.isInfinite(v)) {
                roundTrips(v);
            }
        }
    }

    @Test
    void specialsAreSpelledAsPythonDoes() {
        assertEquals("nan", FloatFormat.format(Float.NaN));
        assertEquals("inf", FloatFormat.format(Float.POSITIVE_INFINITY));
        assertEquals("-inf", FloatFormat.format(Float.NEGATIVE_INFINITY));
        assertTrue(FloatFormat.format(0.1f).equals("0.1"));
    }
}
