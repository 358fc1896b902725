package dev.zirconffm.examples;

import dev.zirconffm.AddressSpaceDump;
import dev.zirconffm.MapOptions;
import dev.zirconffm.Vmar;
import dev.zirconffm.VmarOption;
import dev.zirconffm.Vmo;
import dev.zirconffm.Zircon;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.EnumSet;

/** One VMO mapped twice: what is written through one mapping is read through the other. */
public final class SharedMemory {

    private SharedMemory() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        long page = Zircon.pageSize();
        try (Vmo vmo = Vmo.create(4 * page);              // 4 pages of memory, zero-filled, not mapped yet
             Vmar vmar = Vmar.root().allocate(16 * page,  // an address range of our own to map into
                     EnumSet.of(VmarOption.CAN_MAP_READ, VmarOption.CAN_MAP_WRITE))) {
            vmo.setName("shared");
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment writer = vmar.map(arena, vmo, 0, vmo.size(), MapOptions.READ_WRITE);
                MemorySegment reader = vmar.map(arena, vmo, 0, vmo.size(), MapOptions.READ);
                writer.setString(0, "written through one mapping, read through the other");
                System.out.println(reader.getString(0));      // the same pages, at two addresses
                System.out.print(AddressSpaceDump.of(vmar));  // the region and its two mappings
            }                                                 // closing the arena unmaps both
            vmar.destroy();                                   // closing a handle does not destroy the region
        }
    }
}
