package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ZxExceptionTest {

    @Test
    void carriesStatusSyscallAndArguments() {
        ZxException e = new ZxException(zircon_h.ZX_ERR_NO_MEMORY(), "zx_vmo_create", "size=0x1000, options=0x0");
        assertSame(Status.NO_MEMORY, e.status());
        assertEquals(zircon_h.ZX_ERR_NO_MEMORY(), e.rawStatus());
        assertEquals("zx_vmo_create", e.syscall());
        assertEquals("size=0x1000, options=0x0", e.arguments());
        assertEquals("zx_vmo_create(size=0x1000, options=0x0) failed: ZX_ERR_NO_MEMORY (-4)", e.getMessage());
    }

    @Test
    void unknownStatusKeepsTheRawValue() {
        ZxException e = new ZxException(-12345, "zx_vmar_map", "handle=0x1");
        assertSame(Status.UNKNOWN, e.status());
        assertEquals(-12345, e.rawStatus());
        assertEquals("zx_vmar_map(handle=0x1) failed: ZX_ERR_<unknown> (-12345)", e.getMessage());
    }

    @Test
    void everyStatusMapsBackFromItsValue() {
        for (Status s : Status.values()) {
            if (s != Status.UNKNOWN) {
                assertSame(s, Status.of(s.value()), s.name());
            }
        }
        assertEquals("ZX_OK", Status.OK.zxName());
        assertEquals("ZX_ERR_BAD_HANDLE", Status.BAD_HANDLE.zxName());
    }
}
