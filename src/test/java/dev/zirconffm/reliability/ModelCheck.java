package dev.zirconffm.reliability;

import dev.zirconffm.Zircon;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model check's child JVM: runs one {@link Episode} and exits 0 if the API agreed with the
 * model throughout, 1 (after printing the disagreement and the last operations) if not. A crash
 * of this JVM is the parent's evidence too.
 *
 * <p>Arguments: the seed (decimal or 0x hex) and the number of operations. The parent also sets
 * {@code ZXEMU_RANDOM_SEED} to the seed, so the emulator places mappings the same way on a rerun.
 */
public final class ModelCheck {

    /** The line prefix the parent looks for on success. */
    static final String DONE = "model check done: ";

    private ModelCheck() {
    }

    /**
     * Runs one episode.
     *
     * @param args the seed and the number of operations
     */
    public static void main(String[] args) {
        long seed = Long.decode(args[0]);
        long ops = Long.parseLong(args[1]);
        boolean exec = execAllowed();
        System.out.println("model check: seed " + args[0] + ", " + ops + " operations, executable mappings "
                + (exec ? "on" : "off (the host forbids executable memfds)"));
        System.out.flush();
        Episode episode = new Episode(seed, Zircon.pageSize(), exec);
        long start = System.nanoTime();
        try {
            episode.run(ops);
        } catch (Checker.Mismatch m) {
            System.out.println("MODEL MISMATCH at operation " + episode.c.ops + " (seed " + args[0] + "): " + m.getMessage());
            if (m.getCause() != null) {
                m.getCause().printStackTrace(System.out);
            }
            System.out.flush();
            System.exit(1);
        } catch (Throwable t) {
            System.out.println("MODEL CHECK ERROR at operation " + episode.c.ops + " (seed " + args[0] + ")");
            t.printStackTrace(System.out);
            System.out.flush();
            System.exit(2);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("per operation, predicted OK/refused: " + episode.c.perOperation());
        System.out.println(DONE + episode.c.ops + " operations in " + ms + " ms; outcomes " + episode.c.summary());
        System.out.flush();
    }

    // A host with vm.memfd_noexec set maps no executable memfd: then no operation asks for it.
    private static boolean execAllowed() {
        try {
            return Files.readString(Path.of("/proc/sys/vm/memfd_noexec")).trim().equals("0");
        } catch (java.io.IOException e) {
            return true; // an older kernel without the switch
        }
    }
}
