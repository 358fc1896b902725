package dev.zirconffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.foreign.Arena;
import java.util.EnumSet;
import java.util.List;

import static dev.zirconffm.VmarOption.CAN_MAP_READ;
import static dev.zirconffm.VmarOption.CAN_MAP_SPECIFIC;
import static dev.zirconffm.VmarOption.CAN_MAP_WRITE;
import static dev.zirconffm.VmarOption.SPECIFIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@ExtendWith(NoLeaks.class)
class AddressSpaceDumpTest {

    static final long PAGE = Zircon.pageSize();

    @Test
    void dumpsAKnownLayoutAsAnIndentedTree() {
        try (Vmar region = Vmar.root().allocate(16 * PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE, CAN_MAP_SPECIFIC));
             Vmo a = Vmo.create(4 * PAGE);
             Vmo b = Vmo.create(2 * PAGE)) {
            a.setName("dump-a");
            b.setName("dump-b");
            long base = region.base();
            try (Vmar sub = region.allocate(8 * PAGE, 4 * PAGE, EnumSet.of(CAN_MAP_READ, CAN_MAP_SPECIFIC, SPECIFIC), 0);
                 Arena arena = Arena.ofConfined()) {
                region.map(arena, 0, a, 0, 2 * PAGE, MapOptions.READ_WRITE.with(MapOption.SPECIFIC));
                sub.map(arena, PAGE, b, PAGE, PAGE, MapOptions.READ.with(MapOption.SPECIFIC));

                AddressSpaceDump dump = AddressSpaceDump.of(region);

                assertEquals(List.of(
                        String.format("vmar     0x%016x-0x%016x %9s      'useralloc'", base, base + 16 * PAGE, kib(16)),
                        String.format("  map    0x%016x-0x%016x %9s  rw- 'dump-a' vmo koid %d offset 0x0",
                                base, base + 2 * PAGE, kib(2), a.koid()),
                        String.format("  vmar   0x%016x-0x%016x %9s      'useralloc'", base + 8 * PAGE, base + 12 * PAGE, kib(4)),
                        String.format("    map  0x%016x-0x%016x %9s  r-- 'dump-b' vmo koid %d offset 0x%x",
                                base + 9 * PAGE, base + 10 * PAGE, kib(1), b.koid(), PAGE)),
                        dump.lines());
                assertEquals(String.join("\n", dump.lines()) + "\n", dump.toString());
                assertEquals(region.maps(), dump.entries());
            } finally {
                region.destroy();
            }
        }
    }

    @Test
    void anEmptyRegionIsOneLine() {
        try (Vmar region = Vmar.root().allocate(4 * PAGE, EnumSet.of(CAN_MAP_READ))) {
            try {
                List<String> lines = AddressSpaceDump.of(region).lines();
                assertEquals(List.of(String.format("vmar 0x%016x-0x%016x %9s      'useralloc'",
                        region.base(), region.base() + 4 * PAGE, kib(4))), lines);
            } finally {
                region.destroy();
            }
        }
    }

    @Test
    void formatsSizesInExactBinaryUnitsAndAllPermissions() {
        List<MapsEntry> entries = List.of(
                new MapsEntry.Region("r", 0x10000, 1L << 30, 0),
                new MapsEntry.Mapping("x", 0x10000, 1536 * 1024, 1, MapOptions.of(MapOption.PERM_READ,
                        MapOption.PERM_WRITE, MapOption.PERM_EXECUTE), 7, 0x2000, 0, 0),
                new MapsEntry.Mapping("", 0x200000, 3L << 20, 1, MapOptions.of(MapOption.PERM_EXECUTE), 8, 0, 0, 0));
        assertEquals(List.of(
                "vmar   0x0000000000010000-0x0000000040010000     1 GiB      'r'",
                "  map  0x0000000000010000-0x0000000000190000  1536 KiB  rwx 'x' vmo koid 7 offset 0x2000",
                "  map  0x0000000000200000-0x0000000000500000     3 MiB  --x '' vmo koid 8 offset 0x0"),
                AddressSpaceDump.of(entries).lines());
        assertEquals("100 B", AddressSpaceDump.size(100));
        assertEquals("0 B", AddressSpaceDump.size(0));
        assertEquals("1 EiB", AddressSpaceDump.size(1L << 60));
        assertEquals("18014398509481983 KiB", AddressSpaceDump.size(-1L << 10), "sizes are unsigned");
    }

    @Test
    void refusesNullAndClosedRegions() {
        assertThrows(NullPointerException.class, () -> AddressSpaceDump.of((Vmar) null));
        Vmar region = Vmar.root().allocate(PAGE, EnumSet.of(CAN_MAP_READ));
        region.destroy();
        region.close();
        assertThrows(IllegalStateException.class, () -> AddressSpaceDump.of(region));
    }

    private static String kib(long pages) {
        return pages * PAGE / 1024 + " KiB";
    }
}
