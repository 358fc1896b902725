package dev.zirconffm;

import dev.zirconffm.internal.FastCalls;
import dev.zirconffm.internal.LiveMapping;
import dev.zirconffm.internal.MappingRegistry;
import dev.zirconffm.internal.RawHandle;
import dev.zirconffm.internal.Scratch;
import dev.zirconffm.internal.bindings.zircon_h;
import dev.zirconffm.internal.bindings.zx_info_maps;
import dev.zirconffm.internal.bindings.zx_info_maps_mapping;
import dev.zirconffm.internal.bindings.zx_info_vmar;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A virtual memory address region: a range of the address space where VMOs are mapped and
 * sub-regions allocated.
 *
 * <p>{@link #map} returns a {@link MemorySegment} whose scope is the caller's {@link Arena}:
 * closing the arena unmaps. While a segment is live, no call of this API removes, shrinks or
 * downgrades the memory under it: {@link #unmap}, {@link #protect} to fewer permissions,
 * {@link MapOption#SPECIFIC_OVERWRITE} over it, {@link #destroy} of a region holding it and
 * {@link Vmo#setSize} below it all throw {@link IllegalStateException} naming the mapping.
 *
 * <p>The {@link #root()} region also holds the JVM's own memory, which this API does not know.
 * Through it, {@link #unmap}, {@link #destroy}, {@link MapOption#SPECIFIC_OVERWRITE}, and
 * {@link #protect} or content-changing {@link #opRange} outside one live mapping made through
 * this API are refused. Allocate a child region to have a range of your own.
 */
public final class Vmar extends Handle {

    private static final int OK = zircon_h.ZX_OK();
    private static final int PERM_READ = zircon_h.ZX_VM_PERM_READ();
    private static final int PERM_WRITE = zircon_h.ZX_VM_PERM_WRITE();
    private static final int SPECIFIC_OVERWRITE = zircon_h.ZX_VM_SPECIFIC_OVERWRITE();
    private static final int REQUIRE_NON_RESIZABLE = zircon_h.ZX_VM_REQUIRE_NON_RESIZABLE();

    // True if every byte of the region was given out by this API (a region allocated through it);
    // false for the root, which also holds memory the JVM owns.
    private final boolean ownRange;
    // Base and length never change: fetched once.
    private volatile VmarInfo geometry;

    private Vmar(RawHandle raw, boolean ownRange, VmarInfo geometry) {
        super(raw);
        this.ownRange = ownRange;
        this.geometry = geometry;
    }

    private static final class Root {
        static final Vmar INSTANCE = new Vmar(new RawHandle(zircon_h.zx_vmar_root_self(), true, "Vmar"), false, null);
    }

    /**
     * The process's root VMAR ({@code zx_vmar_root_self}). The handle belongs to the process: this
     * API never closes it, and {@link #close()} on it does nothing.
     *
     * @return the root VMAR
     */
    public static Vmar root() {
        return Root.INSTANCE;
    }

    /**
     * Allocates a child region of {@code size} bytes anywhere in this one: {@code zx_vmar_allocate}.
     *
     * @param options its flags, e.g. {@code EnumSet.of(CAN_MAP_READ, CAN_MAP_WRITE)}
     * @param size the size in bytes
     * @return the new child region
     * @throws NullPointerException     if {@code options} or an element is null
     * @throws IllegalArgumentException if {@code size} is negative
     * @throws IllegalStateException    if the handle is closed
     * @throws ZxException              as {@link #allocate(long, long, Set, long)}
     */
    public Vmar allocate(long size, Set<VmarOption> options) {
        return allocate(0, size, options, 0);
    }

    /**
     * Allocates a child region: {@code zx_vmar_allocate(handle, options | align, offset, size)}.
     *
     * @param offset    the offset in this region for {@link VmarOption#SPECIFIC} or
     *                  {@link VmarOption#OFFSET_IS_UPPER_LIMIT}; else 0
     * @param size      the child's length in bytes
     * @param options   its flags
     * @param alignment 0, or the child's alignment: a power of two from 1 KiB to 4 GiB
     * @return the new child region
     * @throws NullPointerException     if {@code options} or an element is null
     * @throws IllegalArgumentException if {@code offset} or {@code size} is negative, or the
     *                                  alignment is not valid
     * @throws IllegalStateException    if the handle is closed
     * @throws ZxException              {@code ZX_ERR_INVALID_ARGS} (bad offset, size or flags),
     *                                  {@code ZX_ERR_ACCESS_DENIED} (flags beyond this region's or
     *                                  the handle's), {@code ZX_ERR_ALREADY_EXISTS} (SPECIFIC over
     *                                  something), {@code ZX_ERR_NO_RESOURCES} (no room),
     *                                  {@code ZX_ERR_BAD_STATE} (destroyed), {@code ZX_ERR_NO_MEMORY}
     */
    public Vmar allocate(long offset, long size, Set<VmarOption> options, long alignment) {
        int bits = VmarOption.bits(options) | Args.alignmentBits(alignment);
        Args.requireNonNegative(offset, "offset");
        Args.requireNonNegative(size, "size");
        MemorySegment out = Scratch.get();
        MemorySegment childHandle = out.asSlice(0, 4);
        MemorySegment childAddr = out.asSlice(8, 8);
        int h = raw.acquire();
        try {
            int st = zircon_h.zx_vmar_allocate(h, bits, offset, size, childHandle, childAddr);
            if (st != OK) {
                throw new ZxException(st, "zx_vmar_allocate", "handle=" + Args.hex(h) + ", options=" + Args.hex(bits)
                        + ", offset=" + Args.hex(offset) + ", size=" + Args.hex(size));
            }
        } finally {
            raw.release();
        }
        int child = out.get(ValueLayout.JAVA_INT, 0);
        long base = out.get(ValueLayout.JAVA_LONG, 8);
        return new Vmar(new RawHandle(child, false, "Vmar"), true, new VmarInfo(base, Args.roundUpToPage(size, "size")));
    }

    /**
     * The region's base and length: {@code zx_object_get_info(ZX_INFO_VMAR)}. A destroyed
     * region still reports the range it had.
     *
     * @return its base and length
     * @throws IllegalStateException if the handle is closed
     * @throws ZxException           {@code ZX_ERR_ACCESS_DENIED} without {@link Right#INSPECT}
     */
    public VmarInfo info() {
        MemorySegment buf = Scratch.get().asSlice(0, zx_info_vmar.sizeof());
        int h = raw.acquire();
        try {
            int st = zircon_h.zx_object_get_info(h, zircon_h.ZX_INFO_VMAR(), buf, buf.byteSize(),
                    MemorySegment.NULL, MemorySegment.NULL);
            if (st != OK) {
                throw new ZxException(st, "zx_object_get_info", "handle=" + Args.hex(h) + ", topic=ZX_INFO_VMAR");
            }
        } finally {
            raw.release();
        }
        VmarInfo info = new VmarInfo(zx_info_vmar.base(buf), zx_info_vmar.len(buf));
        geometry = info;
        return info;
    }

    /**
     * The region's first address (from {@link #info()}, fetched once).
     *
     * @return the first address
     */
    public long base() {
        return geometry().base();
    }

    /**
     * The region's length in bytes (from {@link #info()}, fetched once).
     *
     * @return the length in bytes
     */
    public long length() {
        return geometry().length();
    }

    /**
     * Maps {@code length} bytes of {@code vmo} from {@code vmoOffset}, anywhere in this region, and
     * returns them as a segment of {@code arena}: closing the arena unmaps. Same as
     * {@link #map(Arena, long, Vmo, long, long, MapOptions) map(arena, 0, vmo, vmoOffset, length, options)}.
     *
     * @param arena the arena the segment belongs to
     * @param vmo the VMO to map
     * @param vmoOffset the offset in the VMO
     * @param length the number of bytes
     * @param options the options
     * @return the mapped memory, a segment of {@code arena}
     */
    public MemorySegment map(Arena arena, Vmo vmo, long vmoOffset, long length, MapOptions options) {
        return map(arena, 0, vmo, vmoOffset, length, options);
    }

    /**
     * Maps {@code length} bytes of {@code vmo} from {@code vmoOffset} and returns them as a
     * segment of {@code arena}: {@code zx_vmar_map(handle, options | ZX_VM_REQUIRE_NON_RESIZABLE,
     * vmarOffset, vmo, vmoOffset, length)}. Closing the arena unmaps ({@code zx_vmar_unmap}).
     * Shared, confined, automatic and global arenas all work.
     *
     * <p>The segment is read-only unless {@link MapOption#PERM_WRITE} is given. The mapping can
     * never fault: {@link MapOption#PERM_READ} is required, unsafe flags are refused, the mapping
     * must lie within the VMO, and resizable or discardable VMOs are refused (use
     * {@link #mapUnsafe}). While the segment is live, the API refuses anything that would unmap,
     * shrink or downgrade it.
     *
     * @param arena      the arena the segment belongs to
     * @param vmarOffset the offset in this region for {@link MapOption#SPECIFIC},
     *                   {@link MapOption#SPECIFIC_OVERWRITE} or {@link MapOption#OFFSET_IS_UPPER_LIMIT}; else 0
     * @param vmo        the VMO to map
     * @param vmoOffset  the offset in the VMO (page-aligned)
     * @param length     the length of the segment; the mapping covers whole pages
     * @param options    permissions and flags
     * @return the mapped memory, a segment of {@code arena}
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if an offset is negative, {@code length} is not positive,
     *                                  {@link MapOption#PERM_READ} is missing, an unsafe flag is
     *                                  given, the VMO is resizable or discardable, or the mapping
     *                                  would extend past the VMO's end
     * @throws IllegalStateException    if a handle is closed, the arena is not alive (or closes
     *                                  meanwhile: then the mapping is undone), or
     *                                  {@link MapOption#SPECIFIC_OVERWRITE} would replace a live
     *                                  mapping or is used in the root region
     * @throws WrongThreadException     if {@code arena} is confined to another thread (the mapping is undone)
     * @throws ZxException              {@code ZX_ERR_ACCESS_DENIED} (permissions beyond the region's
     *                                  or a handle's rights), {@code ZX_ERR_ALREADY_EXISTS} (SPECIFIC
     *                                  over something), {@code ZX_ERR_NO_RESOURCES} (no room),
     *                                  {@code ZX_ERR_INVALID_ARGS} (unaligned offset, bad flags),
     *                                  {@code ZX_ERR_BAD_STATE} (destroyed region),
     *                                  {@code ZX_ERR_NOT_SUPPORTED}, {@code ZX_ERR_NO_MEMORY}
     */
    public MemorySegment map(Arena arena, long vmarOffset, Vmo vmo, long vmoOffset, long length, MapOptions options) {
        checkMapArguments(arena, vmarOffset, vmo, vmoOffset, length, options);
        if (options.hasUnsafe()) {
            throw new IllegalArgumentException("options: " + options.firstUnsafe() + " can make the mapping fault;"
                    + " only mapUnsafe accepts it");
        }
        if ((options.bits() & PERM_READ) == 0) {
            throw new IllegalArgumentException("options: PERM_READ is required (a segment over unreadable pages"
                    + " would fault); got " + options);
        }
        if (vmo.isResizable() || vmo.isDiscardable()) {
            throw new IllegalArgumentException("vmo: a " + (vmo.isResizable() ? "resizable" : "discardable")
                    + " VMO can shrink or lose its pages under the mapping; only mapUnsafe maps it");
        }
        long pages = Args.roundUpToPage(length, "length");
        long vmoSize = vmo.sizeForMapping();
        if (vmoOffset > vmoSize || pages > vmoSize - vmoOffset) {
            throw new IllegalArgumentException("mapping [vmoOffset " + Args.hex(vmoOffset) + ", +" + Args.hex(pages)
                    + ") extends past the end of the VMO (size " + Args.hex(vmoSize) + ")");
        }
        return mapChecked(arena, vmarOffset, vmo, vmoOffset, length, pages, options.bits() | REQUIRE_NON_RESIZABLE);
    }

    /**
     * Like {@link #map(Arena, long, Vmo, long, long, MapOptions)} without the checks that keep the
     * mapping from faulting: <strong>unsafe</strong>. It accepts every {@link MapOption} (including
     * {@link MapOption#ALLOW_FAULTS}), mappings without {@link MapOption#PERM_READ}, mappings past
     * the VMO's end, and resizable or discardable VMOs (add {@link MapOption#ALLOW_FAULTS}, as the
     * kernel requires). An access to a page that is not readable, not writable, past the VMO's end
     * or discarded <strong>crashes the JVM</strong>. It does not add
     * {@link MapOption#REQUIRE_NON_RESIZABLE}. The mapping is still registered: the API refuses to
     * unmap, downgrade, overwrite or shrink under it while its segment is live.
     *
     * @param arena the arena the segment belongs to
     * @param vmarOffset the offset in this region (see the options)
     * @param vmo the VMO to map
     * @param vmoOffset the offset in the VMO
     * @param length the number of bytes
     * @param options the options
     * @return the mapped memory, a segment of {@code arena}
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if an offset is negative or {@code length} is not positive
     * @throws IllegalStateException    as {@link #map(Arena, long, Vmo, long, long, MapOptions)}
     * @throws ZxException              as {@link #map(Arena, long, Vmo, long, long, MapOptions)}, and
     *                                  {@code ZX_ERR_BUFFER_TOO_SMALL} past the end without ALLOW_FAULTS
     */
    public MemorySegment mapUnsafe(Arena arena, long vmarOffset, Vmo vmo, long vmoOffset, long length,
                                   MapOptions options) {
        checkMapArguments(arena, vmarOffset, vmo, vmoOffset, length, options);
        return mapChecked(arena, vmarOffset, vmo, vmoOffset, length, Args.roundUpToPage(length, "length"),
                options.bits());
    }

    private static void checkMapArguments(Arena arena, long vmarOffset, Vmo vmo, long vmoOffset, long length,
                                          MapOptions options) {
        Objects.requireNonNull(arena, "arena");
        Objects.requireNonNull(vmo, "vmo");
        Objects.requireNonNull(options, "options");
        Args.requireNonNegative(vmarOffset, "vmarOffset");
        Args.requireNonNegative(vmoOffset, "vmoOffset");
        Args.requirePositive(length, "length");
    }

    // The JDK's FileChannel.map order: check the arena, map, attach the cleanup, undo if it failed.
    // reinterpret is restricted: sound here because the registry keeps the pages mapped while the
    // segment's scope is alive.
    // Kept small so that it inlines into the caller: then, for an arena local to the caller, C2
    // can drop the JDK's arena objects (session, cleanup node, segments) altogether.
    @SuppressWarnings("restricted")
    private MemorySegment mapChecked(Arena arena, long vmarOffset, Vmo vmo, long vmoOffset, long length, long pages,
                                     int bits) {
        if (!arena.scope().isAlive()) {
            throw new IllegalStateException("arena is closed");
        }
        ArenaMapping mapping = mapAndRegister(vmarOffset, vmo, vmoOffset, length, pages, bits);
        MemorySegment segment;
        try {
            segment = MemorySegment.ofAddress(mapping.base).reinterpret(length, arena, mapping);
        } catch (RuntimeException | Error e) {
            mapping.unmap(); // the arena closed meanwhile, or is confined to another thread
            throw e;
        }
        return mapping.writable ? segment : segment.asReadOnly();
    }

    // zx_vmar_map under the registry's lock, and the mapping registered (its cleanup not yet attached).
    private ArenaMapping mapAndRegister(long vmarOffset, Vmo vmo, long vmoOffset, long length, long pages, int bits) {
        boolean overwrite = (bits & SPECIFIC_OVERWRITE) != 0;
        long vmoKoid = vmo.koid();
        long vmarKoid = koid();
        long overwriteStart = overwrite ? Args.end(base(), vmarOffset, "vmarOffset") : 0;
        MemorySegment out = Scratch.get();
        ArenaMapping mapping;
        MappingRegistry registry = MappingRegistry.global();
        // Pinned at once: the cleanup unmaps through this handle, so its value must stay valid
        // until then (one atomic step instead of acquire, pin and release).
        int h = raw.pinIfOpen();
        boolean mapped = false;
        try {
            int v = vmo.raw.acquire();
            try {
                registry.lock().lock();
                try {
                    if (overwrite) {
                        requireOwnRange("map with SPECIFIC_OVERWRITE");
                        refuseLive(registry, overwriteStart, Args.end(overwriteStart, pages, "vmarOffset + length"),
                                "map with SPECIFIC_OVERWRITE over");
                    }
                    int st = FastCalls.vmarMap(h, bits, vmarOffset, v, vmoOffset, length, out);
                    if (st != OK) {
                        throw new ZxException(st, "zx_vmar_map", "handle=" + Args.hex(h) + ", options=" + Args.hex(bits)
                                + ", vmar_offset=" + Args.hex(vmarOffset) + ", vmo=" + Args.hex(v) + ", vmo_offset="
                                + Args.hex(vmoOffset) + ", len=" + Args.hex(length));
                    }
                    long address = out.get(ValueLayout.JAVA_LONG, 0);
                    mapping = new ArenaMapping(raw, address, pages, vmoKoid, vmoOffset, vmarKoid, (bits & PERM_WRITE) != 0);
                    registry.add(mapping);
                    mapped = true;
                } finally {
                    registry.lock().unlock();
                }
            } finally {
                vmo.raw.release();
            }
        } finally {
            if (!mapped) {
                raw.unpin();
            }
        }
        return mapping;
    }

    /**
     * Unmaps {@code [address, address+length)} (rounded up to whole pages): {@code zx_vmar_unmap}.
     * Sub-regions wholly inside the range are destroyed.
     *
     * @param address the first address
     * @param length the number of bytes
     * @throws IllegalArgumentException if {@code length} is not positive or the range wraps
     * @throws IllegalStateException    if the handle is closed, the range touches a live mapping
     *                                  made through this API (the message names it), or this is the
     *                                  root region
     * @throws ZxException              {@code ZX_ERR_INVALID_ARGS} (unaligned, outside the region, or
     *                                  cutting a sub-region), {@code ZX_ERR_BAD_STATE} (destroyed)
     */
    public void unmap(long address, long length) {
        Args.requirePositive(length, "length");
        long end = Args.end(address, Args.roundUpToPage(length, "length"), "address + length");
        MappingRegistry registry = MappingRegistry.global();
        int h = raw.acquire();
        try {
            registry.lock().lock();
            try {
                refuseLive(registry, address, end, "unmap");
                requireOwnRange("unmap");
                int st = zircon_h.zx_vmar_unmap(h, address, length);
                if (st != OK) {
                    throw new ZxException(st, "zx_vmar_unmap", "handle=" + Args.hex(h) + ", addr=" + Args.hex(address)
                            + ", len=" + Args.hex(length));
                }
            } finally {
                registry.lock().unlock();
            }
        } finally {
            raw.release();
        }
    }

    /**
     * Sets the permissions of {@code [address, address+length)}: {@code zx_vmar_protect}. Reducing
     * them under a live segment is refused: {@link MapOption#PERM_READ} must stay, and so must
     * {@link MapOption#PERM_WRITE} under a writable segment. Raising them is allowed (a read-only
     * segment stays read-only).
     *
     * @param permissions only {@code PERM_*} flags
     * @param address the first address
     * @param length the number of bytes
     * @throws NullPointerException     if {@code permissions} is null
     * @throws IllegalArgumentException if {@code length} is not positive, the range wraps, or
     *                                  {@code permissions} has a flag other than a permission
     * @throws IllegalStateException    if the handle is closed, the change would downgrade a live
     *                                  mapping (the message names it), or, in the root region, the
     *                                  range is not inside one live mapping made through this API
     * @throws ZxException              {@code ZX_ERR_ACCESS_DENIED} (beyond the region's or the VMO
     *                                  handle's rights), {@code ZX_ERR_NOT_FOUND} (a hole in the
     *                                  range), {@code ZX_ERR_INVALID_ARGS}, {@code ZX_ERR_BAD_STATE}
     */
    public void protect(long address, long length, MapOptions permissions) {
        Objects.requireNonNull(permissions, "permissions");
        if (!permissions.onlyPermissions()) {
            throw new IllegalArgumentException("permissions: only PERM_* flags are allowed, got " + permissions);
        }
        Args.requirePositive(length, "length");
        long end = Args.end(address, Args.roundUpToPage(length, "length"), "address + length");
        int bits = permissions.bits();
        MappingRegistry registry = MappingRegistry.global();
        int h = raw.acquire();
        try {
            registry.lock().lock();
            try {
                for (LiveMapping m = registry.firstOverlap(address, end); m != null; m = registry.nextOverlap(m, address, end)) {
                    if ((bits & PERM_READ) == 0 || (m.writable && (bits & PERM_WRITE) == 0)) {
                        throw new IllegalStateException("refusing to protect [" + Args.hex(address) + ", " + Args.hex(end)
                                + ") to " + permissions + ": it would downgrade the " + m + "; close the segment's arena first");
                    }
                }
                if (!ownRange && registry.containing(address, end) == null) {
                    throw new IllegalStateException("refusing to protect [" + Args.hex(address) + ", " + Args.hex(end)
                            + ") in the root VMAR: it is not inside one live mapping made through this API, and the"
                            + " root also holds the JVM's memory");
                }
                int st = zircon_h.zx_vmar_protect(h, bits, address, length);
                if (st != OK) {
                    throw new ZxException(st, "zx_vmar_protect", "handle=" + Args.hex(h) + ", options=" + Args.hex(bits)
                            + ", addr=" + Args.hex(address) + ", len=" + Args.hex(length));
                }
            } finally {
                registry.lock().unlock();
            }
        } finally {
            raw.release();
        }
    }

    /**
     * Destroys the region: unmaps everything in it and destroys its sub-regions
     * ({@code zx_vmar_destroy}). The handle stays open; later operations fail with
     * {@code ZX_ERR_BAD_STATE}.
     *
     * @throws IllegalStateException if the handle is closed, the region (or a sub-region) holds a
     *                               live mapping made through this API (the message names it), or
     *                               this is the root region
     * @throws ZxException           {@code ZX_ERR_ACCESS_DENIED} without {@link Right#OP_CHILDREN},
     *                               {@code ZX_ERR_BAD_STATE} if already destroyed
     */
    public void destroy() {
        requireOwnRange("destroy");
        VmarInfo g = geometry();
        MappingRegistry registry = MappingRegistry.global();
        int h = raw.acquire();
        try {
            registry.lock().lock();
            try {
                refuseLive(registry, g.base(), g.base() + g.length(), "destroy the VMAR holding");
                int st = zircon_h.zx_vmar_destroy(h);
                if (st != OK) {
                    throw new ZxException(st, "zx_vmar_destroy", "handle=" + Args.hex(h));
                }
            } finally {
                registry.lock().unlock();
            }
        } finally {
            raw.release();
        }
    }

    /**
     * Performs {@code op} on the mappings in {@code [address, address+length)}:
     * {@code zx_vmar_op_range}. In the root region, {@link VmarOp#DECOMMIT} and {@link VmarOp#ZERO}
     * must stay inside one live mapping made through this API.
     *
     * @param op the operation
     * @param address the first address
     * @param length the number of bytes
     * @throws NullPointerException     if {@code op} is null
     * @throws IllegalArgumentException if {@code length} is not positive or the range wraps
     * @throws IllegalStateException    if the handle is closed, or a content-changing op in the
     *                                  root region is outside the API's mappings
     * @throws ZxException              {@code ZX_ERR_INVALID_ARGS}, {@code ZX_ERR_BAD_STATE} (an unmapped
     *                                  page in the range), {@code ZX_ERR_ACCESS_DENIED} (not writable),
     *                                  {@code ZX_ERR_NOT_SUPPORTED}
     */
    public void opRange(VmarOp op, long address, long length) {
        Objects.requireNonNull(op, "op");
        Args.requirePositive(length, "length");
        long end = Args.end(address, Args.roundUpToPage(length, "length"), "address + length");
        MappingRegistry registry = MappingRegistry.global();
        int h = raw.acquire();
        try {
            registry.lock().lock();
            try {
                if (!ownRange && op.changesContents() && registry.containing(address, end) == null) {
                    throw new IllegalStateException("refusing " + op + " on [" + Args.hex(address) + ", " + Args.hex(end)
                            + ") in the root VMAR: it is not inside one live mapping made through this API, and the"
                            + " root also holds the JVM's memory");
                }
                int st = zircon_h.zx_vmar_op_range(h, op.value(), address, length, MemorySegment.NULL, 0);
                if (st != OK) {
                    throw new ZxException(st, "zx_vmar_op_range", "handle=" + Args.hex(h) + ", op=" + op + ", address="
                            + Args.hex(address) + ", size=" + Args.hex(length));
                }
            } finally {
                registry.lock().unlock();
            }
        } finally {
            raw.release();
        }
    }

    /**
     * The region's layout: itself, its sub-regions and its mappings, depth-first in address order:
     * {@code zx_object_get_info(ZX_INFO_VMAR_MAPS)}.
     *
     * @return the entries, unmodifiable
     * @throws IllegalStateException if the handle is closed
     * @throws ZxException           {@code ZX_ERR_ACCESS_DENIED} without {@link Right#INSPECT},
     *                               {@code ZX_ERR_BAD_STATE} if destroyed, {@code ZX_ERR_NO_MEMORY}
     */
    public List<MapsEntry> maps() {
        long entrySize = zx_info_maps.sizeof();
        int capacity = 16;
        MemorySegment counts = Scratch.get().asSlice(0, 16);
        for (;;) {
            try (Arena temp = Arena.ofConfined()) {
                MemorySegment buf = temp.allocate(zx_info_maps.layout(), capacity);
                int h = raw.acquire();
                try {
                    int st = zircon_h.zx_object_get_info(h, zircon_h.ZX_INFO_VMAR_MAPS(), buf, buf.byteSize(),
                            counts.asSlice(0, 8), counts.asSlice(8, 8));
                    if (st != OK) {
                        throw new ZxException(st, "zx_object_get_info", "handle=" + Args.hex(h)
                                + ", topic=ZX_INFO_VMAR_MAPS, buffer_size=" + Args.hex(buf.byteSize()));
                    }
                } finally {
                    raw.release();
                }
                long actual = counts.get(ValueLayout.JAVA_LONG, 0);
                long avail = counts.get(ValueLayout.JAVA_LONG, 8);
                if (avail > actual) {
                    capacity = (int) Math.min(Integer.MAX_VALUE / entrySize, avail + avail / 4 + 4);
                    continue; // the layout grew between calls, or the buffer was short: retry bigger
                }
                List<MapsEntry> entries = new ArrayList<>((int) actual);
                for (long i = 0; i < actual; i++) {
                    entries.add(entry(buf.asSlice(i * entrySize, entrySize)));
                }
                return Collections.unmodifiableList(entries);
            }
        }
    }

    private static MapsEntry entry(MemorySegment e) {
        String name = Vmo.cString(zx_info_maps.name(e));
        long base = zx_info_maps.base(e);
        long size = zx_info_maps.size(e);
        long depth = zx_info_maps.depth(e);
        if (zx_info_maps.type(e) == zircon_h.ZX_INFO_MAPS_TYPE_MAPPING()) {
            MemorySegment m = zx_info_maps.u(e);
            return new MapsEntry.Mapping(name, base, size, depth,
                    MapOptions.permissionsFromKernel(zx_info_maps_mapping.mmu_flags(m)),
                    zx_info_maps_mapping.vmo_koid(m), zx_info_maps_mapping.vmo_offset(m),
                    zx_info_maps_mapping.committed_bytes(m), zx_info_maps_mapping.populated_bytes(m));
        }
        return new MapsEntry.Region(name, base, size, depth);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if this handle is closed
     * @throws ZxException           {@code ZX_ERR_ACCESS_DENIED} without {@link Right#DUPLICATE}
     */
    @Override
    public Vmar duplicate() {
        return new Vmar(new RawHandle(duplicateValue(zircon_h.ZX_RIGHT_SAME_RIGHTS()), false, "Vmar"), ownRange, geometry);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException  if {@code rights} is null
     * @throws IllegalStateException if this handle is closed
     * @throws ZxException           {@code ZX_ERR_ACCESS_DENIED} without {@link Right#DUPLICATE},
     *                               {@code ZX_ERR_INVALID_ARGS} if {@code rights} is not a subset
     */
    @Override
    public Vmar duplicate(Rights rights) {
        return new Vmar(new RawHandle(duplicateValue(rightsBits(rights)), false, "Vmar"), ownRange, geometry);
    }

    /**
     * {@inheritDoc} Refused for the {@link #root()} handle, which belongs to the process. Live
     * mappings made through this handle need it to unmap themselves, so with any of them live the
     * replace is refused and this handle is closed (the mappings keep working and unmap as usual).
     *
     * @throws NullPointerException          if {@code rights} is null (this handle stays open)
     * @throws UnsupportedOperationException for the root handle
     * @throws IllegalStateException         if this handle is closed, or mappings made through it are live
     * @throws ZxException                   {@code ZX_ERR_INVALID_ARGS} if {@code rights} is not a subset
     */
    @Override
    public Vmar replace(Rights rights) {
        int bits = rightsBits(rights);
        VmarInfo g = geometry;
        return new Vmar(new RawHandle(replaceValue(bits), false, "Vmar"), ownRange, g);
    }

    private VmarInfo geometry() {
        VmarInfo g = geometry;
        return g != null ? g : info();
    }

    private void requireOwnRange(String operation) {
        if (!ownRange) {
            throw new IllegalStateException("refusing to " + operation + " in the root VMAR: it also holds the JVM's"
                    + " own memory, which this API cannot see; allocate a child VMAR and work there");
        }
    }

    private static void refuseLive(MappingRegistry registry, long start, long end, String operation) {
        LiveMapping live = registry.firstOverlap(start, end);
        if (live != null) {
            throw new IllegalStateException("refusing to " + operation + " [" + Args.hex(start) + ", " + Args.hex(end)
                    + "): it holds the " + live + ", whose segment may still be accessed; close its arena first");
        }
    }
}
