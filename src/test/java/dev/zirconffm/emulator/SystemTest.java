package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;

import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.RIGHT_EXECUTE;
import static dev.zirconffm.emulator.Zx.RIGHT_READ;
import static dev.zirconffm.emulator.Zx.RIGHT_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zx_system_get_page_size}, {@code zx_process_self} and {@code zx_vmar_root_self}. */
class SystemTest extends EmulatorTest {

    @Test
    @DisplayName("system_get_page_size.md: a power of two within ZX_MIN_PAGE_SIZE..ZX_MAX_PAGE_SIZE, the host's page size")
    void pageSize() throws Throwable {
        long page = Integer.toUnsignedLong(zircon_h.zx_system_get_page_size());
        assertEquals(1, Long.bitCount(page), "power of two");
        assertTrue(page >= zircon_h.ZX_MIN_PAGE_SIZE() && page <= zircon_h.ZX_MAX_PAGE_SIZE());
        var getpagesize = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("getpagesize").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
        assertEquals((long) (int) getpagesize.invokeExact(), page);
        assertEquals(page, Integer.toUnsignedLong(zircon_h.zx_system_get_page_size()), "constant");
    }

    @Test
    @DisplayName("zircon/process.h zx_process_self: a stable, valid handle to a process")
    void processSelf() {
        int self = Zx.self();
        assertEquals(self, Zx.self());
        assertTrue(Info.valid(self));
        assertEquals(zircon_h.ZX_OBJ_TYPE_PROCESS(), Info.basic(self).type());
    }

    @Test
    @DisplayName("zircon/process.h zx_vmar_root_self: a stable VMAR handle that can map R, W and X, over a page-aligned range")
    void rootVmar() {
        int root = Zx.root();
        assertEquals(root, Zx.root());
        Info.Basic basic = Info.basic(root);
        assertEquals(zircon_h.ZX_OBJ_TYPE_VMAR(), basic.type());
        // A process's root VMAR carries the default VMAR rights plus READ, WRITE and EXECUTE.
        assertEquals(zircon_h.ZX_DEFAULT_VMAR_RIGHTS() | RIGHT_READ | RIGHT_WRITE | RIGHT_EXECUTE, basic.rights());
        Info.Vmar info = Info.vmar(root);
        assertEquals(0, info.base() % PAGE);
        assertEquals(0, info.len() % PAGE);
        assertTrue(info.len() >= 1L << 30, "the root VMAR spans at least 1 GiB: " + info.len());
        assertTrue(Long.compareUnsigned(info.base(), 0) > 0);
    }

    @Test
    @DisplayName("zircon/process.h zx_vmar_root_self: a new mapping in the root VMAR lies inside its range")
    void mappingInRootLiesInsideRoot() {
        int vmo = fx.vmo(PAGE);
        long addr = fx.map(vmo, Zx.RW, PAGE);
        Info.Vmar root = Info.vmar(Zx.root());
        assertTrue(addr >= root.base() && addr + PAGE <= root.base() + root.len());
        assertEquals(0, addr % PAGE);
    }
}
