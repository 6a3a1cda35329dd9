package codegen;

import java.util.ArrayList;
import java.util.List;

/** One operator overload as the dispatcher prints it, parsed: {@code aten::topk(Tensor self, SymInt k, ...) -> (...)}. */
record Schema(String name, String overload, List<Arg> args, List<Ret> rets, String text) {

    /** What an argument or return is, as far as the generated code cares. */
    enum Kind {
        TENSOR, OPT_TENSOR, TENSOR_LIST, OPT_TENSOR_LIST,
        INT, OPT_INT, INT_LIST, OPT_INT_LIST,
        FLOAT, OPT_FLOAT, FLOAT_LIST, OPT_FLOAT_LIST,
        BOOL, OPT_BOOL, BOOL_LIST,
        SCALAR, OPT_SCALAR,
        STR, OPT_STR,
        SCALAR_TYPE, OPT_SCALAR_TYPE,
        LAYOUT, OPT_LAYOUT,
        DEVICE, OPT_DEVICE,
        MEMORY_FORMAT, OPT_MEMORY_FORMAT,
        OPT_GENERATOR,
        NONE, UNSUPPORTED;

        boolean optional() {
            return name().startsWith("OPT_");
        }
    }

    /** An argument: schema type text, its kind, list size N (or -1), default text (or null). */
    record Arg(String name, String type, Kind kind, int n, String def, boolean kwOnly, String alias) {
        boolean writes() {
            return alias != null && alias.contains("!");
        }
    }

    /** A return value: its name (or null), type text, kind and alias set (or null). */
    record Ret(String name, String type, Kind kind, String alias) {
    }

    static Schema parse(String text) {
        int open = text.indexOf('(');
        int arrow = text.lastIndexOf(") -> ");
        String qualified = text.substring(0, open);
        String name = qualified;
        String overload = "";
        int dot = qualified.indexOf('.');
        if (dot >= 0) {
            name = qualified.substring(0, dot);
            overload = qualified.substring(dot + 1);
        }
        List<Arg> args = new ArrayList<>();
        boolean kwOnly = false;
        for (String part : split(text.substring(open + 1, arrow))) {
            if (part.equals("*")) {
                kwOnly = true;
                continue;
            }
            args.add(arg(part, kwOnly));
        }
        String retText = text.substring(arrow + 5).trim();
        List<Ret> rets = new ArrayList<>();
        if (retText.startsWith("(")) {
            for (String part : split(retText.substring(1, retText.length() - 1))) {
                rets.add(ret(part));
            }
        } else {
            rets.add(ret(retText));
        }
        return new Schema(name, overload, args, rets, text);
    }

    private static Arg arg(String part, boolean kwOnly) {
        String def = null;
        int eq = topLevelIndexOf(part, '=');
        if (eq >= 0) {
            def = part.substring(eq + 1).trim();
            part = part.substring(0, eq).trim();
        }
        int sp = part.lastIndexOf(' ');
        String type = part.substring(0, sp).trim();
        String name = part.substring(sp + 1).trim();
        String alias = alias(type);
        String bare = stripAlias(type);
        return new Arg(name, bare, kind(bare), listSize(bare), def, kwOnly, alias);
    }

    private static Ret ret(String part) {
        String alias = alias(part);
        String bare = stripAlias(part);
        int sp = bare.lastIndexOf(' ');
        String type = sp < 0 ? bare : bare.substring(0, sp).trim();
        String name = sp < 0 ? null : bare.substring(sp + 1).trim();
        return new Ret(name, type, type.isEmpty() ? Kind.NONE : kind(type), alias);
    }

    private static String alias(String type) {
        int p = type.indexOf('(');
        return p < 0 ? null : type.substring(p + 1, type.indexOf(')'));
    }

    private static String stripAlias(String type) {
        return type.replaceAll("\\([^)]*\\)", "").trim();
    }

    private static int listSize(String type) {
        int b = type.indexOf('[');
        if (b < 0) {
            return -1;
        }
        String n = type.substring(b + 1, type.indexOf(']'));
        return n.isEmpty() ? -1 : Integer.parseInt(n);
    }

    static Kind kind(String type) {
        boolean opt = type.endsWith("?");
        String t = opt ? type.substring(0, type.length() - 1) : type;
        boolean list = t.endsWith("]");
        String base = list ? t.substring(0, t.indexOf('[')) : t;
        if (list) {
            // Tensor?[] is a list of optional tensors, not an optional list
            if (base.equals("Tensor?")) {
                return opt ? Kind.UNSUPPORTED : Kind.OPT_TENSOR_LIST;
            }
            return switch (base) {
                case "Tensor" -> opt ? Kind.UNSUPPORTED : Kind.TENSOR_LIST;
                case "int", "SymInt" -> opt ? Kind.OPT_INT_LIST : Kind.INT_LIST;
                case "float" -> opt ? Kind.OPT_FLOAT_LIST : Kind.FLOAT_LIST;
                case "bool" -> opt ? Kind.UNSUPPORTED : Kind.BOOL_LIST;
                default -> Kind.UNSUPPORTED;
            };
        }
        return switch (base) {
            case "Tensor" -> opt ? Kind.OPT_TENSOR : Kind.TENSOR;
            case "int", "SymInt" -> opt ? Kind.OPT_INT : Kind.INT;
            case "float" -> opt ? Kind.OPT_FLOAT : Kind.FLOAT;
            case "bool" -> opt ? Kind.OPT_BOOL : Kind.BOOL;
            case "Scalar" -> opt ? Kind.OPT_SCALAR : Kind.SCALAR;
            case "str" -> opt ? Kind.OPT_STR : Kind.STR;
            case "ScalarType" -> opt ? Kind.OPT_SCALAR_TYPE : Kind.SCALAR_TYPE;
            case "Layout" -> opt ? Kind.OPT_LAYOUT : Kind.LAYOUT;
            case "Device" -> opt ? Kind.OPT_DEVICE : Kind.DEVICE;
            case "MemoryFormat" -> opt ? Kind.OPT_MEMORY_FORMAT : Kind.MEMORY_FORMAT;
            case "Generator" -> opt ? Kind.OPT_GENERATOR : Kind.UNSUPPORTED;
            default -> Kind.UNSUPPORTED;
        };
    }

    /** Splits at commas outside brackets, parentheses and quotes. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            }
            if (c == ',' && depth == 0 && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    private static int topLevelIndexOf(String s, char target) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            } else if (c == target && depth == 0 && !quoted) {
                return i;
            }
        }
        return -1;
    }

    String qualified() {
        return overload.isEmpty() ? name : name + "." + overload;
    }

    /** The schema text without the namespace, as PyTorch's docs print it. */
    String display() {
        return text.startsWith("aten::") ? text.substring(6) : text;
    }
}
