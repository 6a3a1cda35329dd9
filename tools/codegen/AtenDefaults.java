package codegen;

import codegen.Schema.Arg;
import java.util.ArrayList;
import java.util.List;

/** Schema default values ({@code dim=-1}, {@code alpha=1}, {@code padding=[0, 0]}) as Java literals of Aten's parameter types. */
final class AtenDefaults {
    /** c10::ScalarType codes, in order, as torch4j's DType constants. */
    static final String[] DTYPES = {"UINT8", "INT8", "INT16", "INT32", "INT64", "FLOAT16", "FLOAT32", "FLOAT64",
        "COMPLEX32", "COMPLEX64", "COMPLEX128", "BOOL", "QINT8", "QUINT8", "QINT32", "BFLOAT16", "QUINT4X2",
        "QUINT2X4", "BITS1X8", "BITS2X4", "BITS4X2", "BITS8", "BITS16", "FLOAT8_E5M2", "FLOAT8_E4M3FN",
        "FLOAT8_E5M2FNUZ", "FLOAT8_E4M3FNUZ", "UINT16", "UINT32", "UINT64", "UINT1", "UINT2", "UINT3", "UINT4",
        "UINT5", "UINT6", "UINT7", "INT1", "INT2", "INT3", "INT4", "INT5", "INT6", "INT7", "FLOAT8_E8M0FNU",
        "FLOAT4_E2M1FN_X2"};
    static final String[] MEMORY_FORMATS = {"CONTIGUOUS_FORMAT", "PRESERVE_FORMAT", "CHANNELS_LAST", "CHANNELS_LAST_3D"};
    static final String[] LAYOUTS = {"STRIDED", "SPARSE_COO", "SPARSE_CSR", "MKLDNN", "SPARSE_CSC", "SPARSE_BSR",
        "SPARSE_BSC", "JAGGED"};
    static final String[] REDUCTIONS = {"NONE", "MEAN", "SUM"};

    private AtenDefaults() {
    }

    static String literal(Arg a) {
        String d = a.def();
        if (d == null) {
            throw new IllegalStateException("no default for " + a);
        }
        if (d.equals("None")) {
            return "null";
        }
        if (AtenWriter.isReduction(a)) {
            return "Reduction." + REDUCTIONS[Integer.parseInt(d)];
        }
        return switch (a.kind()) {
            case BOOL, OPT_BOOL -> bool(d);
            case INT, OPT_INT -> Long.parseLong(d) + "L";
            case FLOAT, OPT_FLOAT -> dbl(d);
            case SCALAR, OPT_SCALAR -> isInt(d) ? Long.parseLong(d) + "L" : d.equals("True") || d.equals("False")
                    ? bool(d) : dbl(d);
            case INT_LIST, OPT_INT_LIST -> "new long[] {" + String.join(", ", list(d, a.n(), true)) + "}";
            case FLOAT_LIST, OPT_FLOAT_LIST -> "new double[] {" + String.join(", ", list(d, a.n(), false)) + "}";
            case BOOL_LIST -> "new boolean[] {" + String.join(", ", list(d, a.n(), false).stream()
                    .map(AtenDefaults::bool).toList()) + "}";
            case STR, OPT_STR -> d;
            case SCALAR_TYPE, OPT_SCALAR_TYPE -> "DType." + DTYPES[Integer.parseInt(d)];
            case MEMORY_FORMAT, OPT_MEMORY_FORMAT -> "MemoryFormat." + MEMORY_FORMATS[Integer.parseInt(d)];
            case LAYOUT, OPT_LAYOUT -> "Layout." + LAYOUTS[Integer.parseInt(d)];
            default -> throw new IllegalStateException("default " + d + " of " + a);
        };
    }

    private static boolean isInt(String d) {
        return d.matches("-?\\d+");
    }

    private static String bool(String d) {
        return switch (d) {
            case "True", "true", "1" -> "true";
            case "False", "false", "0" -> "false";
            default -> throw new IllegalStateException("bool default " + d);
        };
    }

    private static String dbl(String d) {
        return switch (d) {
            case "inf" -> "Double.POSITIVE_INFINITY";
            case "-inf" -> "Double.NEGATIVE_INFINITY";
            case "nan" -> "Double.NaN";
            default -> {
                double v = Double.parseDouble(d);
                yield Double.toString(v).replace("Infinity", "POSITIVE_INFINITY");
            }
        };
    }

    /** {@code [1, 2]} as items, or a single value repeated {@code n} times ({@code int[2] padding=0}). */
    private static List<String> list(String d, int n, boolean ints) {
        List<String> out = new ArrayList<>();
        if (d.startsWith("[")) {
            String inner = d.substring(1, d.length() - 1).trim();
            if (!inner.isEmpty()) {
                for (String p : inner.split(",")) {
                    out.add(ints ? p.trim() : p.trim().matches("-?\\d+") ? p.trim() + ".0" : p.trim());
                }
            }
        } else {
            for (int i = 0; i < Math.max(n, 1); i++) {
                out.add(ints ? d : dbl(d));
            }
        }
        return out;
    }
}
