package dev.torch4j.benchmarks;

import dev.torch4j.Device;

/** DataLoader workloads; filled in once dev.torch4j.data lands. */
final class LoaderWorkloads {
    private LoaderWorkloads() {
    }

    static Workloads.Step of(String workload, Workloads.Size size, Device device) {
        throw new IllegalArgumentException("unknown workload " + workload);
    }
}
