package dev.torch4j.internal;

import java.util.Set;
import java.util.TreeSet;
import org.bytedeco.pytorch.Dispatcher;
import org.bytedeco.pytorch.OperatorName;

/** The operator names the running libtorch registers, for the coverage check of the generated surface. */
public final class OpNames {
    private OpNames() {
    }

    /** @return the names of the {@code aten::} operators without a leading underscore, e.g. {@code topk} */
    public static Set<String> publicAten() {
        Native.init();
        Set<String> out = new TreeSet<>();
        OperatorName names = Dispatcher.singleton().getAllOpNames();
        for (long i = 0; i < names.limit(); i++) {
            String n = ((OperatorName) names.getPointer(i)).name().getString();
            if (n.startsWith("aten::") && !n.startsWith("aten::_")) {
                out.add(n.substring(6));
            }
        }
        return out;
    }
}
