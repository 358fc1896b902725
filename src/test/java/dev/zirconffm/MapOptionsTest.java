package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapOptionsTest {

    @Test
    void bitsAreTheAbiFlags() {
        assertEquals(zircon_h.ZX_VM_PERM_READ(), MapOptions.READ.bits());
        assertEquals(zircon_h.ZX_VM_PERM_READ() | zircon_h.ZX_VM_PERM_WRITE(), MapOptions.READ_WRITE.bits());
        assertEquals(zircon_h.ZX_VM_PERM_READ() | zircon_h.ZX_VM_SPECIFIC(),
                MapOptions.of(MapOption.PERM_READ).with(MapOption.SPECIFIC).bits());
        assertEquals(MapOptions.READ_WRITE, MapOptions.copyOf(List.of(MapOption.PERM_WRITE, MapOption.PERM_READ)));
    }

    @Test
    void alignmentIsEncodedAsZxVmAlign() {
        assertEquals(zircon_h.ZX_VM_ALIGN_1KB(), MapOptions.of().aligned(1024).bits());
        assertEquals(zircon_h.ZX_VM_ALIGN_64KB() | zircon_h.ZX_VM_PERM_READ(), MapOptions.READ.aligned(65536).bits());
        assertEquals(zircon_h.ZX_VM_ALIGN_4GB(), MapOptions.of().aligned(1L << 32).bits());
        assertEquals(65536, MapOptions.READ.aligned(65536).alignment());
        assertEquals(0, MapOptions.READ.aligned(65536).aligned(0).alignment());
        assertEquals(MapOptions.READ, MapOptions.READ.aligned(4096).aligned(0));
        for (long bad : new long[]{-4096, 512, 3000, 1L << 33}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MapOptions.READ.aligned(bad));
            assertTrue(e.getMessage().contains("alignment"), e.getMessage());
        }
    }

    @Test
    void containsAndEnumSetRoundTrip() {
        MapOptions o = MapOptions.of(MapOption.PERM_READ, MapOption.MAP_RANGE);
        assertTrue(o.contains(MapOption.MAP_RANGE));
        assertFalse(o.contains(MapOption.PERM_WRITE));
        assertEquals(EnumSet.of(MapOption.PERM_READ, MapOption.MAP_RANGE), o.toEnumSet());
        assertEquals(o, MapOptions.copyOf(o.toEnumSet()));
        assertEquals(o.hashCode(), MapOptions.copyOf(o.toEnumSet()).hashCode());
        assertTrue(o.toString().contains("MAP_RANGE"));
    }

    @Test
    void unsafeFlagsAreMarked() {
        assertTrue(MapOption.ALLOW_FAULTS.isUnsafe());
        assertTrue(MapOption.FAULT_BEYOND_STREAM_SIZE.isUnsafe());
        assertFalse(MapOption.PERM_READ.isUnsafe());
        assertEquals(MapOption.ALLOW_FAULTS, MapOptions.READ.with(MapOption.ALLOW_FAULTS).firstUnsafe());
        assertTrue(MapOptions.READ.with(MapOption.ALLOW_FAULTS).hasUnsafe());
        assertFalse(MapOptions.READ_WRITE.with(MapOption.MAP_RANGE).hasUnsafe());
        assertNull(MapOptions.READ_WRITE.firstUnsafe());
    }

    @Test
    void onlyPermissionsRecognisesPermissionFlags() {
        assertTrue(MapOptions.READ_WRITE.with(MapOption.PERM_EXECUTE).onlyPermissions());
        assertFalse(MapOptions.READ.with(MapOption.SPECIFIC).onlyPermissions());
        assertFalse(MapOptions.READ.aligned(4096).onlyPermissions());
    }

    @Test
    void nullsAreRefusedNamingTheArgument() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> MapOptions.of(MapOption.PERM_READ, null));
        assertTrue(e.getMessage().contains("options"));
        assertThrows(NullPointerException.class, () -> MapOptions.READ.with(null));
        assertThrows(NullPointerException.class, () -> MapOptions.copyOf(null));
    }
}
