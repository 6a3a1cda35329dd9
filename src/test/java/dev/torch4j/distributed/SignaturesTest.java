package dev.torch4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torch4j.Distributed;
import dev.torch4j.data.DistributedSampler;
import dev.torch4j.data.DistributedSamplerOptions;
import dev.torch4j.data.Sampler;
import dev.torch4j.distributed.algorithms.ddpcommhooks.CommHook;
import dev.torch4j.distributed.algorithms.ddpcommhooks.DefaultHooks;
import dev.torch4j.nn.parallel.DistributedDataParallel;
import dev.torch4j.nn.parallel.DistributedDataParallelOptions;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN rule 4 for this feature's public classes: no binding or internal type in a public signature. */
class SignaturesTest {
    private static final List<Class<?>> PUBLIC = List.of(Distributed.class, ProcessGroup.class, Work.class,
            ReduceOp.class, Backend.class, GroupMember.class, Store.class, TCPStore.class, TCPStoreOptions.class,
            FileStore.class, PrefixStore.class, InitProcessGroupOptions.class, NewGroupOptions.class, Run.class,
            DistError.class, DistBackendError.class, DistStoreError.class, DistNetworkError.class,
            CommHook.class, DefaultHooks.class, DistributedDataParallel.class, DistributedDataParallel.NoSync.class,
            DistributedDataParallelOptions.class, DistributedSampler.class, DistributedSamplerOptions.class,
            Sampler.class);

    private static boolean leaks(Type t) {
        String n = t.getTypeName();
        return n.contains("org.bytedeco") || n.contains("dev.torch4j.internal");
    }

    @Test
    void noPublicSignatureNamesABindingOrInternalType() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : PUBLIC) {
            List<Executable> members = new ArrayList<>(List.of(c.getConstructors()));
            members.addAll(List.of(c.getMethods()));
            for (Executable e : members) {
                List<Type> types = new ArrayList<>(List.of(e.getGenericParameterTypes()));
                if (e instanceof Method m) {
                    types.add(m.getGenericReturnType());
                }
                types.addAll(List.of(e.getGenericExceptionTypes()));
                for (Type t : types) {
                    if (leaks(t)) {
                        leaks.add(c.getSimpleName() + "." + e.getName() + ": " + t.getTypeName());
                    }
                }
            }
            for (Field f : c.getFields()) {
                if (leaks(f.getGenericType())) {
                    leaks.add(c.getSimpleName() + "." + f.getName() + ": " + f.getGenericType().getTypeName());
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (Modifier.isPublic(k.getModifiers()) && !Modifier.isPublic(c.getModifiers())) {
                    leaks.add(c.getSimpleName() + " is not public but has a public constructor");
                }
            }
        }
        assertEquals(List.of(), leaks);
    }
}
