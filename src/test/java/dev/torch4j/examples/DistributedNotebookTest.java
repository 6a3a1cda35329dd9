package dev.torch4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.distributed.Run;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's DDP command, run as a test: two processes train the notebook's model to its labels. */
class DistributedNotebookTest {
    @Test
    void twoProcessesTrainTheNotebookToItsLabels() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Run.run(o, e, "--nproc-per-node", "2", "--master-port", Integer.toString(port),
                    DistributedNotebook.class.getName());
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
        Matcher first = Pattern.compile("\\[rank0\\]:Epoch 1: loss (\\S+)").matcher(text);
        Matcher last = Pattern.compile("\\[rank0\\]:Epoch 20: loss (\\S+)").matcher(text);
        assertTrue(first.find() && last.find(), text);
        assertTrue(Double.parseDouble(last.group(1)) < Double.parseDouble(first.group(1)) / 5, text);
        assertTrue(text.contains("[rank0]:Predictions: [1, 0, 0, 1, 1, 0, 1]"), text);
    }
}
