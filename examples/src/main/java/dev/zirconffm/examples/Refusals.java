package dev.zirconffm.examples;

import dev.zirconffm.MapOptions;
import dev.zirconffm.Vmar;
import dev.zirconffm.VmarOption;
import dev.zirconffm.Vmo;
import dev.zirconffm.Zircon;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumSet;

/** What the API refuses so that a segment never faults: unmapping under it, and using it once unmapped. */
public final class Refusals {

    private Refusals() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        long page = Zircon.pageSize();
        try (Vmo vmo = Vmo.create(page);
             Vmar vmar = Vmar.root().allocate(4 * page, EnumSet.of(VmarOption.CAN_MAP_READ, VmarOption.CAN_MAP_WRITE))) {
            Arena arena = Arena.ofConfined();
            MemorySegment segment = vmar.map(arena, vmo, 0, page, MapOptions.READ_WRITE);
            try {
                vmar.unmap(segment.address(), page);   // would pull the page from under the live segment
            } catch (IllegalStateException e) {
                System.out.println("refused: " + e.getMessage());
            }
            arena.close();                             // this is how to unmap
            try {
                segment.get(ValueLayout.JAVA_BYTE, 0); // the segment is closed: an exception, not a crash
            } catch (IllegalStateException e) {
                System.out.println("after close: " + e.getMessage());
            }
            vmar.destroy();
        }
    }
}
