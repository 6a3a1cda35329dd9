package dev.torch4j.distributed;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * What each JVM started by {@link Run} runs: a watchdog that ends this worker when the launcher is
 * gone (so that no worker outlives it, even when it was killed with SIGKILL), then the user's
 * {@code main}. A main that throws ends the worker with status 1 at once, as Python ends a failed
 * script, rather than waiting for other threads.
 */
final class RunWorker {
    private RunWorker() {
    }

    public static void main(String[] args) throws Throwable {
        watchLauncher();
        if (args.length == 0) {
            System.err.println("torch4j Run worker: no main class given");
            System.exit(2);
        }
        Method main;
        try {
            Class<?> c = Class.forName(args[0], false, Thread.currentThread().getContextClassLoader());
            main = c.getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                throw new NoSuchMethodException(args[0] + ".main is not static");
            }
            main.setAccessible(true);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            System.err.println("torch4j Run worker: cannot run " + args[0] + ": " + e);
            System.exit(2);
            return;
        }
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            System.err.print("Exception in thread \"main\" ");
            e.getCause().printStackTrace();
            System.err.flush();
            System.exit(1);
        }
    }

    private static void watchLauncher() {
        String pid = System.getenv(Run.PARENT_PID);
        if (pid == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresentOrElse(launcher -> launcher.onExit().thenRun(() -> {
            System.err.println("torch4j Run worker: the launcher (pid " + pid + ") is gone; exiting");
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    // exit below anyway
                }
                Runtime.getRuntime().halt(143);
            }, "torch4j-run-halt");
            killer.setDaemon(true);
            killer.start();
            System.exit(143);
        }), () -> Runtime.getRuntime().halt(143));
    }
}
