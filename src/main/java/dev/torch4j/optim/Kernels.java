package dev.torch4j.optim;

import dev.torch4j.internal.FusedOptimizer;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;

/** An optimizer's prepared fused calls: one per param group and kernel (AdamW's and Adam's may alternate). */
final class Kernels implements AutoCloseable {
    private final Map<ParamGroup, Map<FusedOptimizer.Kernel, FusedOptimizer>> byGroup = new IdentityHashMap<>();

    FusedOptimizer of(ParamGroup group, FusedOptimizer.Kernel kernel) {
        return byGroup.computeIfAbsent(group, g -> new EnumMap<>(FusedOptimizer.Kernel.class))
                .computeIfAbsent(kernel, FusedOptimizer::new);
    }

    /** Drops what the calls were built for (the state was replaced). */
    void invalidate() {
        byGroup.values().forEach(m -> m.values().forEach(FusedOptimizer::invalidate));
    }

    @Override
    public void close() {
        byGroup.values().forEach(m -> m.values().forEach(FusedOptimizer::close));
        byGroup.clear();
    }
}
