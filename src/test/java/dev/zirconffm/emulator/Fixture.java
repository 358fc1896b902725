package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import static dev.zirconffm.emulator.Zx.OK;
import static dev.zirconffm.emulator.Zx.ok;

/**
 * The objects one test creates, undone when it ends whatever its outcome: mappings unmapped,
 * sub-VMARs destroyed and handles closed, newest first. Tests create through it so that they read
 * as the Fuchsia case they mirror, and so that the leak check in {@link EmulatorTest} holds.
 *
 * <p>Helpers named after a syscall assert {@code ZX_OK}; the {@code ...Status} variants return the
 * status for tests of the error paths (and still track what a successful call created).
 */
final class Fixture implements AutoCloseable {

    /** A VMAR a test allocated: its handle, base address and size. */
    record Vmar(int handle, long base, long size) {
    }

    /** The outcome of {@code zx_vmar_map}: a status and, on success, the mapped address. */
    record Mapping(int status, long addr) {
    }

    /** The outcome of {@code zx_vmar_allocate}: a status and, on success, the new VMAR. */
    record Allocation(int status, Vmar vmar) {
    }

    /** The outcome of a call that makes a handle: a status and, on success, the handle. */
    record NewHandle(int status, int handle) {
    }

    private final Arena arena = Arena.ofShared();
    private final Set<Integer> handles = new HashSet<>();
    private final Deque<Runnable> undo = new ArrayDeque<>();

    // ======= out-parameters =======

    /** A fresh {@code zx_handle_t} (or other 32-bit) out-parameter. */
    MemorySegment u32() {
        return arena.allocate(ValueLayout.JAVA_INT);
    }

    /** A fresh 64-bit ({@code uint64_t}, {@code size_t}, {@code zx_vaddr_t}) out-parameter. */
    MemorySegment u64() {
        return arena.allocate(ValueLayout.JAVA_LONG);
    }

    /** A zeroed native buffer of {@code len} bytes. */
    MemorySegment buffer(long len) {
        return arena.allocate(Math.max(len, 1));
    }

    /** A native copy of {@code bytes}. */
    MemorySegment copy(byte[] bytes) {
        MemorySegment s = buffer(bytes.length);
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return s;
    }

    // ======= handles =======

    /** Takes ownership of {@code handle}: it is closed when the test ends. */
    int track(int handle) {
        handles.add(handle);
        undo.push(() -> {
            if (handles.remove(handle)) {
                zircon_h.zx_handle_close(handle);
            }
        });
        return handle;
    }

    /** Closes a tracked handle now, asserting {@code ZX_OK}. */
    void close(int handle) {
        handles.remove(handle);
        ok(zircon_h.zx_handle_close(handle), "zx_handle_close");
    }

    /** Stops tracking a handle that a syscall consumed (e.g. {@code zx_handle_replace}). */
    void forget(int handle) {
        handles.remove(handle);
    }

    /** Whether the fixture still owns {@code handle}. */
    boolean owns(int handle) {
        return handles.contains(handle);
    }

    /** {@code zx_handle_duplicate}, asserting {@code ZX_OK}. */
    int duplicate(int handle, int rights) {
        NewHandle d = duplicateStatus(handle, rights);
        ok(d.status(), "zx_handle_duplicate");
        return d.handle();
    }

    /** {@code zx_handle_duplicate}, returning its status. */
    NewHandle duplicateStatus(int handle, int rights) {
        MemorySegment out = u32();
        int status = zircon_h.zx_handle_duplicate(handle, rights, out);
        return made(status, out);
    }

    // ======= VMOs =======

    /** {@code zx_vmo_create(size, 0)}, asserting {@code ZX_OK}. */
    int vmo(long size) {
        return vmo(size, 0);
    }

    /** {@code zx_vmo_create(size, options)}, asserting {@code ZX_OK}. */
    int vmo(long size, int options) {
        NewHandle v = vmoStatus(size, options);
        ok(v.status(), "zx_vmo_create(" + size + ", " + options + ")");
        return v.handle();
    }

    /** {@code zx_vmo_create}, returning its status. */
    NewHandle vmoStatus(long size, int options) {
        MemorySegment out = u32();
        return made(zircon_h.zx_vmo_create(size, options, out), out);
    }

    /** {@code zx_vmo_create_child}, asserting {@code ZX_OK}. */
    int child(int vmo, int options, long offset, long size) {
        NewHandle c = childStatus(vmo, options, offset, size);
        ok(c.status(), "zx_vmo_create_child(" + options + ", " + offset + ", " + size + ")");
        return c.handle();
    }

    /** {@code zx_vmo_create_child}, returning its status. */
    NewHandle childStatus(int vmo, int options, long offset, long size) {
        MemorySegment out = u32();
        return made(zircon_h.zx_vmo_create_child(vmo, options, offset, size, out), out);
    }

    /** {@code zx_vmo_get_size}, asserting {@code ZX_OK}. */
    long size(int vmo) {
        MemorySegment out = u64();
        ok(zircon_h.zx_vmo_get_size(vmo, out), "zx_vmo_get_size");
        return out.get(ValueLayout.JAVA_LONG, 0);
    }

    /** {@code zx_vmo_write} of {@code bytes} at {@code offset}, asserting {@code ZX_OK}. */
    void write(int vmo, long offset, byte[] bytes) {
        ok(zircon_h.zx_vmo_write(vmo, copy(bytes), offset, bytes.length), "zx_vmo_write");
    }

    /** {@code zx_vmo_read} of {@code len} bytes at {@code offset}, asserting {@code ZX_OK}. */
    byte[] read(int vmo, long offset, int len) {
        MemorySegment buf = buffer(len);
        ok(zircon_h.zx_vmo_read(vmo, buf, offset, len), "zx_vmo_read");
        return buf.asSlice(0, len).toArray(ValueLayout.JAVA_BYTE);
    }

    /** Writes one 64-bit word with {@code zx_vmo_write}. */
    void writeLong(int vmo, long offset, long value) {
        MemorySegment buf = u64();
        buf.set(ValueLayout.JAVA_LONG, 0, value);
        ok(zircon_h.zx_vmo_write(vmo, buf, offset, 8), "zx_vmo_write");
    }

    /** Reads one 64-bit word with {@code zx_vmo_read}. */
    long readLong(int vmo, long offset) {
        MemorySegment buf = u64();
        ok(zircon_h.zx_vmo_read(vmo, buf, offset, 8), "zx_vmo_read");
        return buf.get(ValueLayout.JAVA_LONG, 0);
    }

    /** An n-page VMO whose page i holds the word i + 1 at its start (core-tests' page tags). */
    int taggedVmo(int pages, int options) {
        int vmo = vmo(pages * Zx.PAGE, options);
        for (int i = 0; i < pages; i++) {
            writeLong(vmo, i * Zx.PAGE, i + 1);
        }
        return vmo;
    }

    // ======= VMARs =======

    /** A sub-VMAR of the root that can map R/W at specific offsets, destroyed at the end. */
    Vmar vmar(long size) {
        return vmar(Zx.root(), Zx.CAN_MAP_RW | Zx.CAN_MAP_SPECIFIC, 0, size);
    }

    /** {@code zx_vmar_allocate}, asserting {@code ZX_OK}. */
    Vmar vmar(int parent, int options, long offset, long size) {
        Allocation a = allocateStatus(parent, options, offset, size);
        ok(a.status(), "zx_vmar_allocate(" + options + ", " + offset + ", " + size + ")");
        return a.vmar();
    }

    /** {@code zx_vmar_allocate}, returning its status; a new VMAR is destroyed at the end. */
    Allocation allocateStatus(int parent, int options, long offset, long size) {
        MemorySegment handle = u32();
        MemorySegment addr = u64();
        int status = zircon_h.zx_vmar_allocate(parent, options, offset, size, handle, addr);
        if (status != OK) {
            return new Allocation(status, null);
        }
        int h = track(handle.get(ValueLayout.JAVA_INT, 0));
        undo.push(() -> {
            if (handles.contains(h)) {
                zircon_h.zx_vmar_destroy(h);
            }
        });
        return new Allocation(status, new Vmar(h, addr.get(ValueLayout.JAVA_LONG, 0), size));
    }

    /** {@code zx_vmar_map}, asserting {@code ZX_OK}; returns the address. */
    long map(int vmar, int options, long vmarOffset, int vmo, long vmoOffset, long len) {
        Mapping m = mapStatus(vmar, options, vmarOffset, vmo, vmoOffset, len);
        ok(m.status(), "zx_vmar_map(" + options + ", " + vmarOffset + ", " + vmoOffset + ", " + len + ")");
        return m.addr();
    }

    /** {@code zx_vmar_map} into the root VMAR of a whole range, asserting {@code ZX_OK}. */
    long map(int vmo, int perms, long len) {
        return map(Zx.root(), perms, 0, vmo, 0, len);
    }

    /** {@code zx_vmar_map}, returning its status; a new mapping is unmapped at the end. */
    Mapping mapStatus(int vmar, int options, long vmarOffset, int vmo, long vmoOffset, long len) {
        MemorySegment addr = u64();
        int status = zircon_h.zx_vmar_map(vmar, options, vmarOffset, vmo, vmoOffset, len, addr);
        if (status != OK) {
            return new Mapping(status, 0);
        }
        long a = addr.get(ValueLayout.JAVA_LONG, 0);
        long rounded = (len + Zx.PAGE - 1) / Zx.PAGE * Zx.PAGE;
        undo.push(() -> zircon_h.zx_vmar_unmap(handles.contains(vmar) ? vmar : Zx.root(), a, rounded));
        return new Mapping(status, a);
    }

    // ======= helpers =======

    private NewHandle made(int status, MemorySegment out) {
        if (status != OK) {
            return new NewHandle(status, Zx.INVALID_HANDLE);
        }
        return new NewHandle(status, track(out.get(ValueLayout.JAVA_INT, 0)));
    }

    /** Unmaps, destroys and closes everything still owned, newest first. */
    @Override
    public void close() {
        try {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
        } finally {
            arena.close();
        }
    }
}
