package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import static dev.zirconffm.emulator.Zx.ACCESS_DENIED;
import static dev.zirconffm.emulator.Zx.BAD_HANDLE;
import static dev.zirconffm.emulator.Zx.INVALID_ARGS;
import static dev.zirconffm.emulator.Zx.INVALID_HANDLE;
import static dev.zirconffm.emulator.Zx.OUT_OF_RANGE;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.RIGHT_READ;
import static dev.zirconffm.emulator.Zx.RIGHT_RESIZE;
import static dev.zirconffm.emulator.Zx.RIGHT_WRITE;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.SAME_RIGHTS;
import static dev.zirconffm.emulator.Zx.UNAVAILABLE;
import static dev.zirconffm.emulator.Zx.WRONG_TYPE;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** VMOs: {@code zx_vmo_create}, {@code _read}, {@code _write}, {@code _get_size}, {@code _set_size}. */
class VmoTest extends EmulatorTest {

    private static final int RESIZABLE = zircon_h.ZX_VMO_RESIZABLE();

    private static long roundUp(long s) {
        return (s + PAGE - 1) / PAGE * PAGE;
    }

    // ======= create =======

    @Test
    @DisplayName("core-tests B1 'Create': sizes 0..15 pages, including 0, create and close OK")
    void createWholePages() {
        for (int i = 0; i < 16; i++) {
            int vmo = fx.vmo(i * PAGE);
            assertEquals(i * PAGE, fx.size(vmo));
            fx.close(vmo);
        }
    }

    @Test
    @DisplayName("core-tests B1 'SizeAlign': every size in [0, 4 pages) rounds up to whole pages")
    void createRoundsSizeUp() {
        for (long s = 0; s < 4 * PAGE; s++) {
            int vmo = fx.vmo(s);
            assertEquals(roundUp(s), fx.size(vmo), "size " + s);
            fx.close(vmo);
        }
    }

    @Test
    @DisplayName("vmo_create.md: unknown options, or RESIZABLE|UNBOUNDED, give INVALID_ARGS")
    void createBadOptions() {
        for (int options : new int[] {1, zircon_h.ZX_VMO_TRAP_DIRTY(), 1 << 5, 1 << 31,
                RESIZABLE | zircon_h.ZX_VMO_UNBOUNDED()}) {
            assertStatus(INVALID_ARGS, fx.vmoStatus(PAGE, options).status(), "options " + Integer.toHexString(options));
        }
    }

    @Test
    @DisplayName("vmo_create.md: a size that cannot be rounded up to a page gives OUT_OF_RANGE")
    void createTooLarge() {
        assertStatus(OUT_OF_RANGE, fx.vmoStatus(-1L, 0).status(), "UINT64_MAX");
        assertStatus(OUT_OF_RANGE, fx.vmoStatus(-PAGE + 1, 0).status(), "2^64 - page + 1");
    }

    @Test
    @DisplayName("core-tests B6 'CacheOpLargeVmo': a sparse VMO of 2^64 - 64 pages creates OK and has that size")
    void createHugeSparseVmo() {
        long size = -64 * PAGE;
        int vmo = fx.vmo(size);
        assertEquals(size, fx.size(vmo));
        ok(zircon_h.zx_vmo_op_range(vmo, zircon_h.ZX_VMO_OP_CACHE_CLEAN(), 0, size, MemorySegment.NULL, 0));
    }

    @Test
    @DisplayName("core-tests B1 'VmoUnbounded': UNBOUNDED|RESIZABLE with size 0 gives INVALID_ARGS")
    void unboundedResizableIsInvalid() {
        assertStatus(INVALID_ARGS, fx.vmoStatus(0, RESIZABLE | zircon_h.ZX_VMO_UNBOUNDED()).status());
    }

    @Test
    @DisplayName("core-tests B5 'Rights' / rights.h: a new VMO has ZX_DEFAULT_VMO_RIGHTS, plus RESIZE if resizable")
    void defaultRights() {
        assertEquals(zircon_h.ZX_DEFAULT_VMO_RIGHTS(), Info.rights(fx.vmo(PAGE)));
        assertEquals(zircon_h.ZX_DEFAULT_VMO_RIGHTS() | RIGHT_RESIZE, Info.rights(fx.vmo(PAGE, RESIZABLE)));
    }

    // ======= read / write =======

    @Test
    @DisplayName("core-tests B2 'ReadWrite': a new VMO reads zeros; written bytes read back and show in a mapping")
    void readWrite() {
        int len = (int) (4 * PAGE);
        int vmo = fx.vmo(len);
        assertArrayEquals(new byte[len], fx.read(vmo, 0, len));
        byte[] pattern = new byte[len];
        for (int i = 0; i < len; i++) {
            pattern[i] = (byte) (i * 7 + 3);
        }
        fx.write(vmo, 0, pattern);
        assertArrayEquals(pattern, fx.read(vmo, 0, len));
        long addr = fx.map(vmo, RW, len);
        assertArrayEquals(pattern, Zx.mem(addr, len).toArray(ValueLayout.JAVA_BYTE));
    }

    @Test
    @DisplayName("vmo_read.md / vmo_write.md: reads and writes at an offset touch exactly that range")
    void readWriteAtOffset() {
        int vmo = fx.vmo(2 * PAGE);
        byte[] data = {1, 2, 3, 4, 5, 6, 7};
        long offset = PAGE - 3;
        fx.write(vmo, offset, data);
        assertArrayEquals(data, fx.read(vmo, offset, data.length));
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 0}, fx.read(vmo, offset - 1, 9));
    }

    @Test
    @DisplayName("core-tests B2 'ReadWriteBadLen': len SIZE_MAX - page/i gives OUT_OF_RANGE; full length is OK")
    void readWriteBadLen() {
        int vmo = fx.vmo(4 * PAGE);
        MemorySegment buf = fx.buffer(4 * PAGE);
        for (int i = 1; i <= 2; i++) {
            long len = -1L - PAGE / i;
            assertStatus(OUT_OF_RANGE, zircon_h.zx_vmo_read(vmo, buf, 0, len), "read len " + Long.toUnsignedString(len));
            assertStatus(OUT_OF_RANGE, zircon_h.zx_vmo_write(vmo, buf, 0, len), "write len " + Long.toUnsignedString(len));
        }
        ok(zircon_h.zx_vmo_read(vmo, buf, 0, 4 * PAGE));
        ok(zircon_h.zx_vmo_write(vmo, buf, 0, 4 * PAGE));
    }

    @Test
    @DisplayName("core-tests B2 'ReadWriteRange': past the end, at size+1, or a wrapping offset give OUT_OF_RANGE")
    void readWriteRange() {
        long size = 4 * PAGE;
        int vmo = fx.vmo(size);
        MemorySegment buf = fx.buffer(2 * size);
        assertStatus(OUT_OF_RANGE, zircon_h.zx_vmo_read(vmo, buf, 0, 2 * size));
        assertStatus(OUT_OF_RANGE, zircon_h.zx_vmo_write(vmo, buf, 0, 2 * size));
        ok(zircon_h.zx_vmo_read(vmo, buf, size, 0), "0 bytes at offset == size");
        ok(zircon_h.zx_vmo_write(vmo, buf, size, 0), "0 bytes at offset == size");
        assertStatus(OUT_OF_RANGE, zircon_h.zx_vmo_read(vmo, buf, size + 1, 0), "0 bytes at size + 1");
        assertStatus(OUT_OF_RANGE, zircon_h.zx_vmo_write(vmo, buf, size + 1, 0), "0 bytes at size + 1");
        long wrapping = -1L - size / 2;
        assertStatus(OUT_OF_RANGE, zircon_h.zx_vmo_read(vmo, buf, wrapping, size), "wrapping offset");
        assertStatus(OUT_OF_RANGE, zircon_h.zx_vmo_write(vmo, buf, wrapping, size), "wrapping offset");
        assertStatus(OUT_OF_RANGE, zircon_h.zx_vmo_read(vmo, buf, size - 1, 2), "straddling the end");
    }

    @Test
    @DisplayName("core-tests B5 'Rights': READ-only and WRITE-only duplicates; no rights gives ACCESS_DENIED both ways")
    void readWriteRights() {
        int vmo = fx.vmo(PAGE);
        MemorySegment buf = fx.buffer(8);
        ok(zircon_h.zx_vmo_read(vmo, buf, 0, 0), "0-length read");
        ok(zircon_h.zx_vmo_write(vmo, buf, 0, 0), "0-length write");
        int readOnly = fx.duplicate(vmo, RIGHT_READ);
        ok(zircon_h.zx_vmo_read(readOnly, buf, 0, 8));
        assertStatus(ACCESS_DENIED, zircon_h.zx_vmo_write(readOnly, buf, 0, 8));
        int writeOnly = fx.duplicate(vmo, RIGHT_WRITE);
        assertStatus(ACCESS_DENIED, zircon_h.zx_vmo_read(writeOnly, buf, 0, 8));
        ok(zircon_h.zx_vmo_write(writeOnly, buf, 0, 8));
        int none = fx.duplicate(vmo, 0);
        assertStatus(ACCESS_DENIED, zircon_h.zx_vmo_read(none, buf, 0, 8));
        assertStatus(ACCESS_DENIED, zircon_h.zx_vmo_write(none, buf, 0, 8));
    }

    @Test
    @DisplayName("core-tests B5 'Rights': the type check comes before the rights check (WRONG_TYPE); bad handles")
    void readWriteWrongTypeAndBadHandle() {
        MemorySegment buf = fx.buffer(8);
        int vmar = fx.duplicate(fx.vmar(PAGE).handle(), 0);
        assertStatus(WRONG_TYPE, zircon_h.zx_vmo_read(vmar, buf, 0, 8));
        assertStatus(WRONG_TYPE, zircon_h.zx_vmo_write(vmar, buf, 0, 8));
        assertStatus(WRONG_TYPE, zircon_h.zx_vmo_read(Zx.self(), buf, 0, 8));
        assertStatus(BAD_HANDLE, zircon_h.zx_vmo_read(INVALID_HANDLE, buf, 0, 8));
        assertStatus(BAD_HANDLE, zircon_h.zx_vmo_write(INVALID_HANDLE, buf, 0, 8));
    }

    @Test
    @DisplayName("core-tests B2 'ReadWriteInvalidNullBuffer': a null buffer with len 1 gives NOT_FOUND (read)")
    void readIntoNullBuffer() {
        assertStatus(Zx.NOT_FOUND, Isolated.status(IsolatedCases.class, "readIntoNull"));
    }

    @Test
    @DisplayName("core-tests B2 'ReadWriteInvalidNullBuffer': a null buffer with len 1 gives NOT_FOUND (write)")
    void writeFromNullBuffer() {
        assertStatus(Zx.NOT_FOUND, Isolated.status(IsolatedCases.class, "writeFromNull"));
    }

    @Test
    @DisplayName("core-tests B2 'ReadWriteInvalidUserBuffer': a buffer in an unmapped VMAR gives NOT_FOUND")
    void readIntoUnmappedBuffer() {
        assertStatus(Zx.NOT_FOUND, Isolated.status(IsolatedCases.class, "readIntoUnmappedVmar"));
    }

    @Test
    @DisplayName("core-tests B2 'ReadWriteInvalidUserBuffer': a buffer running off its mapping gives NOT_FOUND")
    void writeFromBufferRunningOffMapping() {
        assertStatus(Zx.NOT_FOUND, Isolated.status(IsolatedCases.class, "writeFromBufferRunningOffMapping"));
    }

    @Test
    @DisplayName("core-tests B2 'ReadWriteInvalidKernelBuffer': a buffer at the kernel base gives NOT_FOUND")
    void readIntoKernelAddress() {
        assertStatus(Zx.NOT_FOUND, Isolated.status(IsolatedCases.class, "readIntoKernelAddress"));
    }

    @Test
    @DisplayName("core-tests B2 'ReadWriteInvalidKernelBuffer': a buffer spanning the kernel base gives NOT_FOUND")
    void writeFromBufferSpanningKernelBase() {
        assertStatus(Zx.NOT_FOUND, Isolated.status(IsolatedCases.class, "writeFromBufferSpanningKernelBase"));
    }

    @Test
    @DisplayName("core-tests B2 'ReadWriteInvalidUserBuffer': reading into a buffer running off its mapping gives NOT_FOUND")
    void readIntoBufferRunningOffMapping() {
        assertStatus(Zx.NOT_FOUND, Isolated.status(IsolatedCases.class, "readIntoBufferRunningOffMapping"));
    }

    @Test
    @DisplayName("core-tests B2 'ReadWriteInvalidUserBuffer': the VMO range check comes first (OUT_OF_RANGE)")
    void rangeCheckBeforeBufferCheck() {
        int vmo = fx.vmo(2 * PAGE);
        Fixture.Vmar vmar = fx.vmar(4 * PAGE);
        int other = fx.vmo(PAGE);
        long addr = fx.map(vmar.handle(), RW | Zx.SPECIFIC, 0, other, 0, PAGE);
        // 2 pages + 1 is more than the VMO holds, and also runs off the 1-page mapping.
        assertStatus(OUT_OF_RANGE, zircon_h.zx_vmo_read(vmo, MemorySegment.ofAddress(addr), 0, 2 * PAGE + 1));
        assertStatus(OUT_OF_RANGE, zircon_h.zx_vmo_write(vmo, MemorySegment.ofAddress(addr), 0, 2 * PAGE + 1));
    }

    @Test
    @DisplayName("core-tests B2 'MapRead': reading a VMO into a mapping of that same VMO works")
    void readIntoOwnMapping() {
        int vmo = fx.vmo(2 * PAGE);
        fx.writeLong(vmo, PAGE, 0x5151_5151L);
        long addr = fx.map(vmo, RW, PAGE);
        ok(zircon_h.zx_vmo_read(vmo, MemorySegment.ofAddress(addr), PAGE, PAGE));
        assertEquals(0x5151_5151L, fx.readLong(vmo, 0));
        assertEquals(0x5151_5151L, Zx.mem(addr, 8).get(ValueLayout.JAVA_LONG, 0));
    }

    // ======= size =======

    @Test
    @DisplayName("vmo_get_size.md: needs no rights; BAD_HANDLE and WRONG_TYPE")
    void getSize() {
        int vmo = fx.vmo(3 * PAGE);
        assertEquals(3 * PAGE, fx.size(fx.duplicate(vmo, 0)));
        assertStatus(BAD_HANDLE, zircon_h.zx_vmo_get_size(INVALID_HANDLE, fx.u64()));
        assertStatus(WRONG_TYPE, zircon_h.zx_vmo_get_size(Zx.root(), fx.u64()));
    }

    @Test
    @DisplayName("core-tests B4 'NoResize': a non-resizable VMO gives UNAVAILABLE and keeps its size")
    void setSizeOfNonResizable() {
        int vmo = fx.vmo(4 * PAGE);
        assertEquals(0, Info.rights(vmo) & RIGHT_RESIZE, "no RESIZE right");
        assertStatus(UNAVAILABLE, zircon_h.zx_vmo_set_size(vmo, 8 * PAGE));
        assertStatus(UNAVAILABLE, zircon_h.zx_vmo_set_size(vmo, PAGE));
        assertEquals(4 * PAGE, fx.size(vmo));
    }

    @Test
    @DisplayName("core-tests B4 'Resize': grow by a page, UINT64_MAX gives OUT_OF_RANGE, unaligned rounds up")
    void setSize() {
        int vmo = fx.vmo(4 * PAGE, RESIZABLE);
        assertEquals(4 * PAGE, fx.size(vmo));
        ok(zircon_h.zx_vmo_set_size(vmo, 5 * PAGE));
        assertEquals(5 * PAGE, fx.size(vmo));
        assertStatus(OUT_OF_RANGE, zircon_h.zx_vmo_set_size(vmo, -1L));
        assertEquals(5 * PAGE, fx.size(vmo));
        ok(zircon_h.zx_vmo_set_size(vmo, 6 * PAGE + 1));
        assertEquals(7 * PAGE, fx.size(vmo));
    }

    @Test
    @DisplayName("core-tests B1 'ResizeAlign': set_size(s) for every s in [0, 4 pages) rounds up")
    void setSizeRoundsUp() {
        int vmo = fx.vmo(0, RESIZABLE);
        for (long s = 0; s < 4 * PAGE; s++) {
            ok(zircon_h.zx_vmo_set_size(vmo, s), "set_size " + s);
            assertEquals(roundUp(s), fx.size(vmo), "size " + s);
        }
    }

    @Test
    @DisplayName("vmo_set_size.md: growing again shows zeros, not the old contents")
    void regrowShowsZeros() {
        int vmo = fx.vmo(2 * PAGE, RESIZABLE);
        byte[] ones = new byte[(int) (2 * PAGE)];
        Arrays.fill(ones, (byte) 0xff);
        fx.write(vmo, 0, ones);
        ok(zircon_h.zx_vmo_set_size(vmo, PAGE));
        ok(zircon_h.zx_vmo_set_size(vmo, 2 * PAGE));
        assertArrayEquals(new byte[(int) PAGE], fx.read(vmo, PAGE, (int) PAGE));
        assertEquals(-1L, fx.readLong(vmo, 0), "page 0 keeps its data");
    }

    @Test
    @DisplayName("vmo_set_size.md: an unaligned size zeroes the rest of its last page")
    void unalignedSizeZeroesTail() {
        int vmo = fx.vmo(PAGE, RESIZABLE);
        byte[] ones = new byte[(int) PAGE];
        Arrays.fill(ones, (byte) 0xff);
        fx.write(vmo, 0, ones);
        ok(zircon_h.zx_vmo_set_size(vmo, PAGE / 2));
        assertEquals(PAGE, fx.size(vmo));
        byte[] content = fx.read(vmo, 0, (int) PAGE);
        for (int i = 0; i < PAGE; i++) {
            assertEquals(i < PAGE / 2 ? (byte) 0xff : 0, content[i], "byte " + i);
        }
    }

    @Test
    @DisplayName("core-tests B4 'ResizeRight': a duplicate without RESIZE gives ACCESS_DENIED; without WRITE too")
    void setSizeRights() {
        int vmo = fx.vmo(PAGE, RESIZABLE);
        assertTrue((Info.rights(vmo) & RIGHT_RESIZE) != 0);
        int noResize = fx.duplicate(vmo, Info.rights(vmo) & ~RIGHT_RESIZE);
        assertStatus(ACCESS_DENIED, zircon_h.zx_vmo_set_size(noResize, 2 * PAGE));
        int noWrite = fx.duplicate(vmo, Info.rights(vmo) & ~RIGHT_WRITE);
        assertStatus(ACCESS_DENIED, zircon_h.zx_vmo_set_size(noWrite, 2 * PAGE));
        assertEquals(PAGE, fx.size(vmo));
        ok(zircon_h.zx_vmo_set_size(fx.duplicate(vmo, SAME_RIGHTS), 2 * PAGE));
    }

    @Test
    @DisplayName("vmo_set_size.md: BAD_HANDLE and WRONG_TYPE")
    void setSizeBadHandles() {
        assertStatus(BAD_HANDLE, zircon_h.zx_vmo_set_size(INVALID_HANDLE, PAGE));
        assertStatus(WRONG_TYPE, zircon_h.zx_vmo_set_size(Zx.root(), PAGE));
    }

    @Test
    @DisplayName("core-tests B4 'Resize': resizing while mapped is OK, and the mapping sees the kept page")
    void resizeWhileMapped() {
        int vmo = fx.vmo(4 * PAGE, RESIZABLE);
        long addr = fx.map(Zx.root(), RW | zircon_h.ZX_VM_ALLOW_FAULTS(), 0, vmo, 0, 4 * PAGE);
        Zx.mem(addr, 8).set(ValueLayout.JAVA_LONG, 0, 77);
        ok(zircon_h.zx_vmo_set_size(vmo, PAGE));
        assertEquals(77, Zx.mem(addr, 8).get(ValueLayout.JAVA_LONG, 0));
        assertEquals(77, fx.readLong(vmo, 0));
        ok(zircon_h.zx_vmo_set_size(vmo, 8 * PAGE));
    }
}
