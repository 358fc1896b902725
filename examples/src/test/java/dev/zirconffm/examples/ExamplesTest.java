package dev.zirconffm.examples;

import dev.zirconffm.testing.ZirconExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example programs print what the README says they do, and leak nothing (ZirconExtension checks). */
@ExtendWith(ZirconExtension.class)
class ExamplesTest {

    @Test
    void sharedMemoryReadsThroughOneMappingWhatTheOtherWrote() {
        String out = run(() -> SharedMemory.main(new String[0]));
        assertTrue(out.startsWith("written through one mapping, read through the other\nvmar "), out);
        assertTrue(out.contains("rw- 'shared' vmo koid ") && out.contains("r-- 'shared' vmo koid "), out);
    }

    @Test
    void refusalsShowsTheRefusedUnmapAndTheClosedSegment() {
        String out = run(() -> Refusals.main(new String[0]));
        assertTrue(out.startsWith("refused: refusing to unmap "), out);
        assertTrue(out.contains("\nafter close: Already closed"), out);
    }

    @Test
    void readOnlyHandleMapsForReadingOnly() {
        String out = run(() -> ReadOnlyHandle.main(new String[0]));
        assertTrue(out.startsWith("written through the full handle\nACCESS_DENIED: zx_vmar_map("), out);
    }

    private static String run(Runnable example) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            example.run();
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
