package dev.zirconffm.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoTest {

    @Test
    void demoShowsAliasingSnapshotLayoutAndSafeAccessAfterClose() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        for (String expected : new String[]{
                "read through the read-only mapping: \"hello through the read-write mapping\"",
                "writing through the read-only mapping throws: java.lang.IllegalArgumentException",
                "parent now reads: \"changed after the snapshot\"",
                "snapshot still reads: \"hello through the read-write mapping\"",
                "mapping [0x", "[PERM_READ, PERM_WRITE] VMO koid", "unmap under a live segment is refused: refusing to unmap",
                "closed the arena: both mappings are gone (0 entries left)",
                "reading the old segment now throws instead of crashing: java.lang.IllegalStateException"}) {
            assertTrue(out.contains(expected), () -> "missing \"" + expected + "\" in:\n" + out);
        }
    }
}
