package dev.torch4j.nn;

import dev.torch4j.NoGradGuard;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import java.lang.reflect.Method;

/** Helpers the built-in modules share. */
final class Modules {
    private Modules() {
    }

    /** A parameter of its own with the same values and {@code requires_grad}, as {@code copy.deepcopy} makes. */
    static Tensor copyParameter(Tensor source) {
        try (NoGradGuard g = Torch.noGrad()) {
            return source.detach().clone().requiresGrad_(source.requiresGrad());
        }
    }

    /**
     * Calls a module's one-tensor {@code forward}: the {@link TensorModule} method, or a public
     * {@code forward(Tensor)} returning a tensor found by reflection (user modules need not declare the
     * interface, as Python's need not).
     *
     * @throws IllegalArgumentException naming {@code where} when the module has no such method
     */
    static Tensor forward(Module module, Tensor input, String where) {
        if (module instanceof TensorModule t) {
            return t.forward(input);
        }
        Method m;
        try {
            m = module.getClass().getMethod("forward", Tensor.class);
        } catch (NoSuchMethodException e) {
            m = null;
        }
        if (m == null || !Tensor.class.isAssignableFrom(m.getReturnType())) {
            throw new IllegalArgumentException(where + " (" + module.getClass().getSimpleName() + ") has no public "
                    + "Tensor forward(Tensor), so it cannot map one tensor to the next; implement TensorModule");
        }
        try {
            m.setAccessible(true);
            return (Tensor) m.invoke(module, input);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
