package dev.torch4j.distributed;

/**
 * A rank of the launcher tests that loads no natives, so that it starts in a fraction of a second.
 * {@code sleep}: prints {@code READY <pid>} and sleeps two minutes. {@code fail-rank1}: rank 1 exits
 * with status 3 after a moment, the others sleep. {@code throw}: main throws. {@code env}: prints the
 * launcher's variables.
 */
public final class LauncherWorker {
    private LauncherWorker() {
    }

    public static void main(String[] args) throws Exception {
        String rank = System.getenv("RANK");
        switch (args[0]) {
            case "env" -> {
                for (String v : new String[] {"RANK", "LOCAL_RANK", "WORLD_SIZE", "LOCAL_WORLD_SIZE", "GROUP_RANK",
                        "MASTER_ADDR", "MASTER_PORT", "OMP_NUM_THREADS"}) {
                    System.out.println(v + "=" + System.getenv(v));
                }
                System.err.println("to stderr");
                System.out.print("no newline at the end");
            }
            case "throw" -> throw new IllegalStateException("thrown by rank " + rank);
            default -> {
                System.out.println("READY " + ProcessHandle.current().pid());
                System.out.flush();
                if (args[0].equals("fail-rank1") && rank.equals("1")) {
                    Thread.sleep(300);
                    System.exit(3);
                }
                Thread.sleep(120_000);
            }
        }
    }
}
