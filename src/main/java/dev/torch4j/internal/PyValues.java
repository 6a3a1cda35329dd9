package dev.torch4j.internal;

import dev.torch4j.Tensor;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Python's text of the values an optimizer or scheduler holds, so that error messages read as
 * PyTorch's do ({@code Invalid learning rate: -1e-05}), and the reading of numbers from state dicts.
 * Used by {@code dev.torch4j.optim} and its schedulers.
 */
public final class PyValues {
    private PyValues() {
    }

    /**
     * Python's {@code repr} of a float: the shortest digits, fixed notation for exponents -4 to 15,
     * otherwise {@code 1e-05} / {@code 1.5e+16}; {@code nan}, {@code inf}, {@code -0.0}.
     *
     * @param v the value
     * @return its Python text
     */
    public static String repr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String sign = v < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = d.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String e = Integer.toString(Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }

    /**
     * Python's {@code repr} of a value of a state dict: {@code None}, {@code True}, ints, floats,
     * {@code 'str'}, tuples as {@code (a, b)} and lists as {@code [a, b]}.
     *
     * @param v the value
     * @return its Python text
     */
    public static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double || v instanceof Float) {
            return repr(((Number) v).doubleValue());
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            boolean tuple = isTuple(l);
            sb.append(tuple ? '(' : '[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(repr(l.get(i)));
            }
            if (tuple && l.size() == 1) {
                sb.append(',');
            }
            return sb.append(tuple ? ')' : ']').toString();
        }
        return String.valueOf(v);
    }

    /** Whether a list stands for a Python tuple. */
    static boolean isTuple(List<?> l) {
        return l instanceof dev.torch4j.serialization.Tuple;
    }

    /**
     * A number of a state dict or param group as a double: a Java number, a boolean, or a one-element
     * tensor (PyTorch allows {@code lr} as a tensor).
     *
     * @param where what the value is, for the message
     * @param v     the value
     * @return its value
     * @throws IllegalArgumentException naming {@code where} when {@code v} is not a number
     */
    public static double number(String where, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Tensor t) {
            return t.item();
        }
        throw new IllegalArgumentException(where + " must be a number, got " + describe(v));
    }

    /**
     * A whole number of a state dict (Python int): a Java integer, or a double with no fraction.
     *
     * @param where what the value is, for the message
     * @param v     the value
     * @return its value
     * @throws IllegalArgumentException naming {@code where} when {@code v} is not a whole number
     */
    public static long integer(String where, Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return (long) n.doubleValue();
        }
        throw new IllegalArgumentException(where + " must be an int, got " + describe(v));
    }

    /**
     * A boolean of a state dict or param group.
     *
     * @throws IllegalArgumentException naming {@code where} when {@code v} is not a boolean
     */
    public static boolean bool(String where, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(where + " must be a bool, got " + describe(v));
    }

    /** A value as Python would name its type and value, for messages. */
    public static String describe(Object v) {
        if (v == null) {
            return "None";
        }
        String type = v instanceof Map ? "dict" : v instanceof List<?> l ? (isTuple(l) ? "tuple" : "list")
                : v instanceof Tensor ? "Tensor" : v.getClass().getSimpleName();
        return type + " " + (v instanceof Tensor ? "" : repr(v));
    }
}
