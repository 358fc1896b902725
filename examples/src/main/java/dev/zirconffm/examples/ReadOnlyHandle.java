package dev.zirconffm.examples;

import dev.zirconffm.MapOptions;
import dev.zirconffm.Right;
import dev.zirconffm.Rights;
import dev.zirconffm.Vmar;
import dev.zirconffm.VmarOption;
import dev.zirconffm.Vmo;
import dev.zirconffm.Zircon;
import dev.zirconffm.ZxException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

/** Rights: a second handle to the same VMO that can only read and map it, and the kernel enforcing that. */
public final class ReadOnlyHandle {

    private ReadOnlyHandle() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        long page = Zircon.pageSize();
        try (Vmo vmo = Vmo.create(page);
             Vmo readOnly = vmo.duplicate(Rights.of(Right.READ, Right.MAP));  // fewer rights, same VMO
             Vmar vmar = Vmar.root().allocate(4 * page, EnumSet.of(VmarOption.CAN_MAP_READ, VmarOption.CAN_MAP_WRITE))) {
            vmo.write("written through the full handle".getBytes(StandardCharsets.UTF_8), 0);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment view = vmar.map(arena, readOnly, 0, page, MapOptions.READ);
                System.out.println(view.getString(0));
                try {
                    vmar.map(arena, readOnly, 0, page, MapOptions.READ_WRITE);  // needs the WRITE right
                } catch (ZxException e) {
                    System.out.println(e.status() + ": " + e.getMessage());
                }
            }
            vmar.destroy();
        }
    }
}
