package dev.torch4j;

/** Renders a tensor the way PyTorch's {@code repr} does (precision 4, summarised above 1000 elements). */
final class TensorFormat {
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        long[] shape = t.shape();
        DType dtype = t.dtype();
        boolean summarize = t.numel() > THRESHOLD;
        StringBuilder sb = new StringBuilder("tensor(");
        if (t.numel() == 0) {
            sb.append("[]");
        } else if (dtype.isComplex()) {
            double[] pairs = complexValues(t);
            double[] re = new double[pairs.length / 2];
            double[] im = new double[re.length];
            for (int i = 0; i < re.length; i++) {
                re[i] = pairs[2 * i];
                im[i] = pairs[2 * i + 1];
            }
            // as PyTorch: one format for the real parts, one for the imaginary parts, signed, then "j"
            Cell real = new Cell(summarize ? shown(re, shape) : re, DType.FLOAT32);
            Cell imag = new Cell(summarize ? shown(im, shape) : im, DType.FLOAT32);
            appendDim(sb, i -> {
                String ims = imag.render(im[i]).strip() + "j";
                return real.render(re[i]) + (ims.startsWith("-") || ims.startsWith("+") ? ims : "+" + ims);
            }, shape, 0, 0, summarize, 7);
        } else {
            double[] v = t.toDoubleArray();
            Cell cell = new Cell(summarize ? shown(v, shape) : v, dtype);
            appendDim(sb, i -> cell.render(v[i]), shape, 0, 0, summarize, 7);
        }
        if (summarize || t.numel() == 0 && shape.length != 1) {
            sb.append(", size=(");
            for (int i = 0; i < shape.length; i++) {
                sb.append(i > 0 ? ", " : "").append(shape[i]);
            }
            sb.append(shape.length == 1 ? ",)" : ")");
        }
        if (!t.device().isCpu()) {
            sb.append(", device='").append(t.device()).append('\'');
        }
        if (dtype != DType.FLOAT32 && dtype != DType.INT64 && dtype != DType.BOOL && dtype != DType.COMPLEX64) {
            sb.append(", dtype=").append(dtype.pythonName());
        }
        String fn = t.gradFn();
        if (fn != null) {
            sb.append(", grad_fn=<").append(fn).append('>');
        } else if (t.requiresGrad()) {
            sb.append(", requires_grad=True");
        }
        return sb.append(')').toString();
    }

    /** The values a summarised print shows: PyTorch picks the number format from these alone. */
    private static double[] shown(double[] v, long[] shape) {
        java.util.List<Double> out = new java.util.ArrayList<>();
        collect(v, shape, 0, 0, out);
        double[] r = new double[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    private static void collect(double[] v, long[] shape, int dim, long offset, java.util.List<Double> out) {
        if (dim == shape.length) {
            out.add(v[(int) offset]);
            return;
        }
        long stride = 1;
        for (int i = dim + 1; i < shape.length; i++) {
            stride *= shape[i];
        }
        long n = shape[dim];
        for (long i = 0; i < n; i++) {
            if (n > 2 * EDGE && i == EDGE) {
                i = n - EDGE - 1;
                continue;
            }
            collect(v, shape, dim + 1, offset + i * stride, out);
        }
    }

    /** Real and imaginary parts, interleaved, of a complex tensor's elements. */
    private static double[] complexValues(Tensor t) {
        try (Tensor wide = t.to(DType.COMPLEX128); Tensor pairs = Torch.viewAsReal(wide)) {
            return pairs.toDoubleArray();
        }
    }

    private static void appendDim(StringBuilder sb, java.util.function.IntFunction<String> element, long[] shape,
            int dim, long offset, boolean summarize, int indent) {
        if (dim == shape.length) {
            sb.append(element.apply((int) offset));
            return;
        }
        long stride = 1;
        for (int i = dim + 1; i < shape.length; i++) {
            stride *= shape[i];
        }
        long n = shape[dim];
        sb.append('[');
        boolean last = dim == shape.length - 1;
        for (long i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) {
                sb.append(last ? " ..., " : "...,\n" + " ".repeat(indent + dim + 1));
                i = n - EDGE - 1;
                continue;
            }
            appendDim(sb, element, shape, dim + 1, offset + i * stride, summarize, indent);
            if (i < n - 1) {
                if (last) {
                    sb.append(", ");
                } else {
                    sb.append(",").append("\n".repeat(shape.length - dim - 1)).append(" ".repeat(indent + dim + 1));
                }
            }
        }
        sb.append(']');
    }

    /** Picks one number format for all elements, as PyTorch's _Formatter does. */
    private static final class Cell {
        private final DType dtype;
        private final boolean integral;
        private final boolean sci;
        private final int width;

        Cell(double[] v, DType dtype) {
            this.dtype = dtype;
            boolean ints = true;
            double maxAbs = 0;
            double minAbs = Double.MAX_VALUE;
            for (double x : v) {
                if (Double.isFinite(x)) {
                    if (x != Math.rint(x)) {
                        ints = false;
                    }
                    double a = Math.abs(x);
                    if (a > 0) {
                        maxAbs = Math.max(maxAbs, a);
                        minAbs = Math.min(minAbs, a);
                    }
                }
            }
            this.integral = ints;
            this.sci = dtype.isFloatingPoint() && maxAbs > 0
                    && (maxAbs / minAbs > 1000 || maxAbs > 1e8);
            int w = 0;
            for (double x : v) {
                w = Math.max(w, raw(x).length());
            }
            this.width = w;
        }

        private String raw(double x) {
            if (dtype == DType.BOOL) {
                return x != 0 ? "True" : "False";
            }
            if (!dtype.isFloatingPoint()) {
                return Long.toString((long) x);
            }
            if (Double.isNaN(x)) {
                return "nan";
            }
            if (Double.isInfinite(x)) {
                return x > 0 ? "inf" : "-inf";
            }
            if (sci) {
                String s = String.format("%.4e", x);
                int e = s.indexOf('e');
                String exp = s.substring(e + 1);
                char sign = exp.charAt(0) == '-' ? '-' : '+';
                String digits = exp.replaceFirst("^[+-]", "");
                if (digits.length() < 2) {
                    digits = "0" + digits;
                }
                return s.substring(0, e) + "e" + sign + digits;
            }
            if (integral) {
                return String.format("%.0f.", x);
            }
            return String.format("%.4f", x);
        }

        String render(double x) {
            String s = raw(x);
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }
}
