package codegen;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Dispatcher;
import org.bytedeco.pytorch.OperatorHandleOptional;
import org.bytedeco.pytorch.OperatorName;
import org.bytedeco.pytorch.global.torch;

/** The operator schemas registered in the libtorch the binding loads, as the dispatcher prints them. */
final class Dispatch {
    private Dispatch() {
    }

    static List<String> schemaTexts() {
        org.bytedeco.javacpp.Loader.load(torch.class);
        OperatorName names = Dispatcher.singleton().getAllOpNames();
        List<String> out = new ArrayList<>();
        for (long i = 0; i < names.limit(); i++) {
            OperatorHandleOptional h = Dispatcher.singleton().findSchema(names.getPointer(i));
            if (h.has_value()) {
                out.add(torch.toString(h.get().schema()).getString());
            }
        }
        out.sort(null);
        return out;
    }
}
