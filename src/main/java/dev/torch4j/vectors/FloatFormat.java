package dev.torch4j.vectors;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Writes a float as a decimal that both {@code numpy.float32(text)} (via double, as gensim reads)
 * and {@link Float#parseFloat} turn back into the same float, bit for bit. Infinities and NaN are
 * written as Python spells them ({@code inf}, {@code -inf}, {@code nan}).
 */
final class FloatFormat {
    private static final MathContext NINE_DIGITS = new MathContext(9);

    private FloatFormat() {
    }

    static String format(float v) {
        if (Float.isNaN(v)) {
            return "nan";
        }
        if (Float.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = Float.toString(v);
        if (roundTrips(s, v)) {
            return s;
        }
        // Nine significant digits always identify a float, far from the midpoints a double could straddle.
        return new BigDecimal(v).round(NINE_DIGITS).toString();
    }

    static boolean roundTrips(String s, float v) {
        int bits = Float.floatToRawIntBits(v);
        return Float.floatToRawIntBits(Float.parseFloat(s)) == bits
                && Float.floatToRawIntBits((float) Double.parseDouble(s)) == bits;
    }
}
