package dev.zirconffm.reliability;

import dev.zirconffm.internal.ZirconLibrary;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Model-based random testing of the API: {@code zircon.model.episodes} episodes (default 10) of
 * {@code zircon.model.ops} operations (default 15,000), each in its own child JVM (so that a
 * crash fails this test with the seed instead of taking the test JVM down), each checked step by
 * step against {@link World}. The seed of episode i is the base seed plus i; it is printed before
 * the episode starts. The base seed is {@code zircon.model.seed}: a number, or {@code random} for
 * the clock; by default a fixed one, so that CI is reproducible. Rerun one episode with
 * {@code scripts/test.sh -Dtest=ModelCheckTest -Dzircon.model.seed=SEED -Dzircon.model.episodes=1}.
 */
class ModelCheckTest {

    private static final long EPISODE_TIMEOUT_SECONDS = 150;
    private static final long DEFAULT_SEED = 0x5eed_0000L;

    @Test
    void randomOperationSequencesAgreeWithTheModel() throws Exception {
        String seedProperty = System.getProperty("zircon.model.seed");
        long seed = seedProperty == null || seedProperty.isBlank() ? DEFAULT_SEED
                : seedProperty.equals("random") ? System.nanoTime() & 0xffffffffffL : Long.decode(seedProperty);
        int episodes = Integer.getInteger("zircon.model.episodes", 10);
        long ops = Long.getLong("zircon.model.ops", 15_000);
        System.out.println("model check: base seed 0x" + Long.toHexString(seed) + ", " + episodes + " episodes of " + ops
                + " operations; rerun one with scripts/test.sh -Dtest=ModelCheckTest -Dzircon.model.seed=SEED"
                + " -Dzircon.model.episodes=1 [-Dzircon.model.ops=N]");
        long start = System.nanoTime();
        long total = 0;
        for (int i = 0; i < episodes; i++) {
            String episodeSeed = "0x" + Long.toHexString(seed + i);
            System.out.println("model check: episode " + i + " seed " + episodeSeed);
            System.out.flush();
            total += runEpisode(episodeSeed, ops);
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.println("model check: " + total + " operations in " + episodes + " episodes, " + seconds + " s");
        assertTrue(total >= (long) episodes * ops, "fewer operations ran than asked for: " + total);
    }

    /** Runs one episode in a child JVM; returns its operation count, or fails with its output. */
    private static long runEpisode(String seed, long ops) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(seed, ops)).redirectErrorStream(true);
        pb.environment().put("ZXEMU_RANDOM_SEED", seed);
        Process p = pb.start();
        Deque<String> tail = new ArrayDeque<>();
        String done = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(ModelCheck.DONE)) {
                    done = line;
                } else if (line.startsWith("per operation")) {
                    System.out.println(line);
                }
                tail.addLast(line);
                if (tail.size() > 80) {
                    tail.removeFirst();
                }
            }
        }
        if (!p.waitFor(EPISODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("model check episode with seed " + seed + " did not finish in " + EPISODE_TIMEOUT_SECONDS + " s");
        }
        int exit = p.exitValue();
        if (exit != 0 || done == null) {
            fail("model check episode with seed " + seed + " failed (exit " + exit
                    + (exit > 128 ? ": the JVM died of signal " + (exit - 128) + ", see its hs_err file in "
                    + System.getProperty("java.io.tmpdir") : "") + "). Rerun: scripts/test.sh"
                    + " -Dtest=ModelCheckTest -Dzircon.model.seed=" + seed + " -Dzircon.model.episodes=1 -Dzircon.model.ops="
                    + ops + "\n" + String.join("\n", tail));
        }
        System.out.println(done);
        return Long.parseLong(done.substring(ModelCheck.DONE.length()).split(" ")[0]);
    }

    /**
     * The child runs the API from the module path as a client would (only {@code dev.zirconffm} is
     * visible to it, plus the internals the audit reads), with this package on the class path.
     */
    private static List<String> command(String seed, long ops) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        String modulePath = System.getProperty("jdk.module.path", "");
        // Surefire puts the test classes on the class path (and patches them into the module).
        String classes = location(ModelCheck.class) + File.pathSeparator + System.getProperty("java.class.path", "");
        if (!modulePath.isEmpty()) {
            cmd.add("--module-path");
            cmd.add(modulePath);
            cmd.add("--add-modules=dev.zirconffm");
            cmd.add("--enable-native-access=dev.zirconffm,ALL-UNNAMED");
            cmd.add("--add-exports=dev.zirconffm/dev.zirconffm.internal=ALL-UNNAMED");
            cmd.add("--add-exports=dev.zirconffm/dev.zirconffm.internal.bindings=ALL-UNNAMED");
        } else {
            classes = location(ZirconLibrary.class) + File.pathSeparator + classes;
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.add("-Djava.library.path=" + System.getProperty("java.library.path", ""));
        String explicit = System.getProperty(ZirconLibrary.LIBRARY_PROPERTY);
        if (explicit != null) {
            cmd.add("-D" + ZirconLibrary.LIBRARY_PROPERTY + "=" + explicit);
        }
        cmd.add("-XX:ErrorFile=" + System.getProperty("java.io.tmpdir") + "/zircon-model-hs_err_%p.log");
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(classes);
        cmd.add(ModelCheck.class.getName());
        cmd.add(seed);
        cmd.add(Long.toString(ops));
        return cmd;
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
