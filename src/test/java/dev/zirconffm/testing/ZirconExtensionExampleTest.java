package dev.zirconffm.testing;

import dev.zirconffm.MapOptions;
import dev.zirconffm.Vmar;
import dev.zirconffm.Vmo;
import dev.zirconffm.Zircon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The example of ZirconExtension's javadoc, as a user writes it. */
@ExtendWith(ZirconExtension.class)
class ZirconExtensionExampleTest {

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
}
