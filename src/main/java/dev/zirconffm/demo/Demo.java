package dev.zirconffm.demo;

import dev.zirconffm.MapOptions;
import dev.zirconffm.MapsEntry;
import dev.zirconffm.Vmar;
import dev.zirconffm.VmarOption;
import dev.zirconffm.Vmo;
import dev.zirconffm.VmoChildOption;
import dev.zirconffm.Zircon;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

/**
 * A tour of the API: one VMO mapped twice into a child VMAR (read-write and read-only), a
 * snapshot child, the VMAR's layout, and what happens to a segment once its arena is closed.
 * Run it with {@code scripts/demo.sh}.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * Runs the demo, printing to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /** Runs the demo, printing to {@code out}. */
    static void run(PrintStream out) {
        out.println("libzircon.so: " + Zircon.librarySource());
        long page = Zircon.pageSize();
        out.println("page size: " + page + " bytes");

        try (Vmo vmo = Vmo.create(4 * page);
             Vmar region = Vmar.root().allocate(16 * page, EnumSet.of(VmarOption.CAN_MAP_READ, VmarOption.CAN_MAP_WRITE))) {
            vmo.setName("demo-vmo");
            out.printf("created VMO koid %d (%s), %d bytes%n", vmo.koid(), vmo.name(), vmo.size());
            out.printf("allocated child VMAR koid %d at 0x%x, %d bytes%n", region.koid(), region.base(), region.length());

            Arena arena = Arena.ofConfined();
            MemorySegment rw = region.map(arena, vmo, 0, 4 * page, MapOptions.READ_WRITE);
            MemorySegment ro = region.map(arena, vmo, 0, 4 * page, MapOptions.READ);
            out.printf("mapped it read-write at 0x%x and read-only at 0x%x (read-only segment: %b)%n",
                    rw.address(), ro.address(), ro.isReadOnly());

            rw.setString(0, "hello through the read-write mapping", StandardCharsets.UTF_8);
            out.println("read through the read-only mapping: \"" + ro.getString(0, StandardCharsets.UTF_8) + "\"");
            try {
                ro.set(ValueLayout.JAVA_BYTE, 0, (byte) 'H');
            } catch (IllegalArgumentException e) {
                out.println("writing through the read-only mapping throws: " + e);
            }

            try (Vmo snapshot = vmo.createChild(EnumSet.of(VmoChildOption.SNAPSHOT), 0, 4 * page)) {
                rw.setString(0, "changed after the snapshot", StandardCharsets.UTF_8);
                MemorySegment kept = MemorySegment.ofArray(new byte[64]);
                snapshot.read(kept, 0);
                out.println("parent now reads: \"" + ro.getString(0, StandardCharsets.UTF_8) + "\"");
                out.println("snapshot still reads: \"" + kept.getString(0, StandardCharsets.UTF_8) + "\"");
            }

            out.println("layout of the child VMAR (ZX_INFO_VMAR_MAPS):");
            for (MapsEntry e : region.maps()) {
                out.println("  " + describe(e));
            }

            try {
                region.unmap(ro.address(), page);
            } catch (IllegalStateException e) {
                out.println("unmap under a live segment is refused: " + e.getMessage());
            }

            arena.close();
            out.println("closed the arena: both mappings are gone (" + (region.maps().size() - 1) + " entries left)");
            try {
                ro.get(ValueLayout.JAVA_BYTE, 0);
            } catch (IllegalStateException e) {
                out.println("reading the old segment now throws instead of crashing: " + e);
            }
            region.destroy();
        }
    }

    private static String describe(MapsEntry e) {
        String indent = "  ".repeat((int) e.depth());
        return switch (e) {
            case MapsEntry.Region r -> String.format("%sregion  [0x%x, 0x%x) %s", indent, r.base(), r.base() + r.size(), r.name());
            case MapsEntry.Mapping m -> String.format("%smapping [0x%x, 0x%x) %s VMO koid %d offset 0x%x, %s", indent,
                    m.base(), m.base() + m.size(), m.permissions().toEnumSet(), m.vmoKoid(), m.vmoOffset(), m.name());
        };
    }
}
