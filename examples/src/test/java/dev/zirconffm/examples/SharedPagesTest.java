package dev.zirconffm.examples;

import dev.zirconffm.AddressSpaceDump;
import dev.zirconffm.MapOptions;
import dev.zirconffm.MapsEntry;
import dev.zirconffm.Vmar;
import dev.zirconffm.Vmo;
import dev.zirconffm.Zircon;
import dev.zirconffm.testing.ZirconExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ZirconExtension.class)
class SharedPagesTest {

    @Test
    void twoMappingsShareTheirPages(Vmar vmar) {
        try (Vmo vmo = Vmo.create(Zircon.pageSize());
             Arena arena = Arena.ofConfined()) {
            MemorySegment writer = vmar.map(arena, vmo, 0, vmo.size(), MapOptions.READ_WRITE);
            MemorySegment reader = vmar.map(arena, vmo, 0, vmo.size(), MapOptions.READ);
            writer.set(ValueLayout.JAVA_INT, 0, 42);
            assertEquals(42, reader.get(ValueLayout.JAVA_INT, 0));
        }
    }

    @Test
    void theDumpShowsBothMappingsOfTheVmo(Vmar vmar) {
        try (Vmo vmo = Vmo.create(Zircon.pageSize());
             Arena arena = Arena.ofConfined()) {
            vmo.setName("shared");
            MemorySegment writer = vmar.map(arena, vmo, 0, vmo.size(), MapOptions.READ_WRITE);
            MemorySegment reader = vmar.map(arena, vmo, 0, vmo.size(), MapOptions.READ);

            AddressSpaceDump dump = AddressSpaceDump.of(vmar);

            assertEquals(3, dump.entries().size(), dump::toString);  // the region, then its two mappings
            for (MapsEntry e : dump.entries().subList(1, 3)) {
                MapsEntry.Mapping m = assertInstanceOf(MapsEntry.Mapping.class, e);
                assertEquals(vmo.koid(), m.vmoKoid());
                assertEquals("shared", m.name());
                // Each mapping is where its segment is, with the permissions it was mapped with.
                assertEquals(m.base() == writer.address() ? MapOptions.READ_WRITE : MapOptions.READ, m.permissions());
                assertTrue(m.base() == writer.address() || m.base() == reader.address(), dump::toString);
            }
        }
    }
}
