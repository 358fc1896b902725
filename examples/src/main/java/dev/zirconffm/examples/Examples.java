package dev.zirconffm.examples;

/** Runs every example in turn (what {@code mvn exec:exec} runs). */
public final class Examples {

    private Examples() {
    }

    /**
     * Runs the examples.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("== SharedMemory: one VMO, two mappings");
        SharedMemory.main(args);
        System.out.println("== Refusals: what the API will not do under a live segment");
        Refusals.main(args);
        System.out.println("== ReadOnlyHandle: rights");
        ReadOnlyHandle.main(args);
    }
}
