package dev.zirconffm;

import dev.zirconffm.internal.FastCalls;
import dev.zirconffm.internal.LiveMapping;
import dev.zirconffm.internal.MappingRegistry;
import dev.zirconffm.internal.RawHandle;
import dev.zirconffm.internal.Scratch;
import dev.zirconffm.internal.bindings.zircon_h;
import dev.zirconffm.internal.bindings.zx_info_vmo;
import dev.zirconffm.internal.bindings.zx_vmo_lock_state;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * A virtual memory object: pages of memory that can be read, written, resized (if created
 * resizable), cloned into children and mapped into a {@link Vmar}.
 *
 * <p>Reads and writes take {@link MemorySegment}s or {@code byte[]}s; arrays go to the kernel
 * without a staging copy. {@link #size()}, {@link #read} and {@link #write} allocate nothing.
 */
public final class Vmo extends Handle {

    private static final int OK = zircon_h.ZX_OK();

    private final boolean resizable;
    private final boolean discardable;
    // The size of a non-resizable VMO never changes: fetched once for the mapping checks.
    private volatile long fixedSize = -1;

    private Vmo(int value, boolean resizable, boolean discardable) {
        super(new RawHandle(value, false, "Vmo"));
        this.resizable = resizable;
        this.discardable = discardable;
    }

    /**
     * Creates a VMO of {@code size} bytes (rounded up to whole pages by the kernel), zero-filled:
     * {@code zx_vmo_create(size, 0)}.
     *
     * @param size the size in bytes
     * @return the new VMO
     * @throws IllegalArgumentException if {@code size} is negative
     * @throws ZxException              {@code ZX_ERR_OUT_OF_RANGE} if too large, {@code ZX_ERR_NO_MEMORY}
     */
    public static Vmo create(long size) {
        return create(size, Set.of());
    }

    /**
     * Creates a VMO of {@code size} bytes with {@code options}: {@code zx_vmo_create}.
     *
     * @param size the size in bytes
     * @param options the options
     * @return the new VMO
     * @throws IllegalArgumentException if {@code size} is negative
     * @throws NullPointerException     if {@code options} or an element is null
     * @throws ZxException              {@code ZX_ERR_OUT_OF_RANGE} if too large, {@code ZX_ERR_INVALID_ARGS}
     *                                  for an invalid combination, {@code ZX_ERR_NO_MEMORY}
     */
    public static Vmo create(long size, Set<VmoOption> options) {
        Args.requireNonNegative(size, "size");
        int bits = VmoOption.bits(options);
        MemorySegment out = Scratch.get();
        int st = zircon_h.zx_vmo_create(size, bits, out);
        if (st != OK) {
            throw new ZxException(st, "zx_vmo_create", "size=" + Args.hex(size) + ", options=" + Args.hex(bits));
        }
        return new Vmo(out.get(ValueLayout.JAVA_INT, 0), options.contains(VmoOption.RESIZABLE),
                options.contains(VmoOption.DISCARDABLE));
    }

    /**
     * True if the VMO was created resizable (or as a resizable child).
     *
     * @return true if resizable
     */
    public boolean isResizable() {
        return resizable;
    }

    /**
     * The VMO's size in bytes: {@code zx_vmo_get_size}. Allocates nothing.
     *
     * @return the size in bytes
     * @throws IllegalStateException if the handle is closed
     * @throws ZxException           {@code ZX_ERR_BAD_HANDLE} (not expected)
     */
    public long size() {
        MemorySegment out = Scratch.get();
        int h = raw.acquire();
        try {
            int st = FastCalls.vmoGetSize(h, out);
            if (st != OK) {
                throw new ZxException(st, "zx_vmo_get_size", "handle=" + Args.hex(h));
            }
            return out.get(ValueLayout.JAVA_LONG, 0);
        } finally {
            raw.release();
        }
    }

    /**
     * Resizes a resizable VMO: {@code zx_vmo_set_size}. Shrinking is refused while a live mapping
     * made through this API (through any handle to this VMO) would lose pages: its segment could
     * still be accessed, and would fault.
     *
     * @param size the size in bytes
     * @throws IllegalArgumentException if {@code size} is negative
     * @throws IllegalStateException    if the handle is closed, or shrinking would cut a live mapping
     *                                  (the message names it)
     * @throws ZxException              {@code ZX_ERR_UNAVAILABLE} if not resizable,
     *                                  {@code ZX_ERR_ACCESS_DENIED} without {@link Right#WRITE} or
     *                                  {@link Right#RESIZE}, {@code ZX_ERR_OUT_OF_RANGE}, {@code ZX_ERR_NO_MEMORY}
     */
    public void setSize(long size) {
        Args.requireNonNegative(size, "size");
        long koid = koid();
        MappingRegistry registry = MappingRegistry.global();
        registry.lock().lock();
        try {
            long current = size();
            LiveMapping cut = registry.firstCutByShrink(koid, current, Args.roundUpToPage(size, "size"));
            if (cut != null) {
                throw new IllegalStateException("refusing to shrink VMO koid " + koid + " from " + Args.hex(current)
                        + " to " + Args.hex(size) + " bytes: it would cut the " + cut
                        + "; close the segment's arena first");
            }
            int h = raw.acquire();
            try {
                int st = zircon_h.zx_vmo_set_size(h, size);
                if (st != OK) {
                    throw new ZxException(st, "zx_vmo_set_size", "handle=" + Args.hex(h) + ", size=" + Args.hex(size));
                }
            } finally {
                raw.release();
            }
        } finally {
            registry.lock().unlock();
        }
    }

    /**
     * Reads {@code dst.byteSize()} bytes at {@code vmoOffset} into {@code dst}: {@code zx_vmo_read}.
     * {@code dst} may be a heap segment. Allocates nothing.
     *
     * @param dst where the bytes go
     * @param vmoOffset the offset in the VMO
     * @throws NullPointerException     if {@code dst} is null
     * @throws IllegalArgumentException if {@code vmoOffset} is negative or {@code dst} is read-only
     * @throws IllegalStateException    if the handle is closed or {@code dst}'s scope is not alive
     * @throws ZxException              {@code ZX_ERR_OUT_OF_RANGE} past the VMO's end,
     *                                  {@code ZX_ERR_ACCESS_DENIED} without {@link Right#READ},
     *                                  {@code ZX_ERR_BAD_STATE} for a discarded VMO
     */
    public void read(MemorySegment dst, long vmoOffset) {
        Objects.requireNonNull(dst, "dst");
        Args.requireNonNegative(vmoOffset, "vmoOffset");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("dst is a read-only segment");
        }
        MemorySegment buffer = dst;
        int h = raw.acquire();
        try {
            int st = FastCalls.vmoRead(h, buffer, vmoOffset, buffer.byteSize());
            if (st != OK) {
                throw ioFailure(st, "zx_vmo_read", h, vmoOffset, buffer.byteSize());
            }
        } finally {
            raw.release();
        }
    }

    /**
     * Reads {@code dst.length} bytes at {@code vmoOffset} into {@code dst}, without a staging copy:
     * {@code zx_vmo_read}. Allocates nothing.
     *
     * @param dst where the bytes go
     * @param vmoOffset the offset in the VMO
     * @throws NullPointerException     if {@code dst} is null
     * @throws IllegalArgumentException if {@code vmoOffset} is negative
     * @throws IllegalStateException    if the handle is closed
     * @throws ZxException              as {@link #read(MemorySegment, long)}
     */
    public void read(byte[] dst, long vmoOffset) {
        read(dst, 0, Objects.requireNonNull(dst, "dst").length, vmoOffset);
    }

    /**
     * Reads {@code length} bytes at {@code vmoOffset} into {@code dst[dstOffset...]}, without a
     * staging copy: {@code zx_vmo_read}. Allocates nothing.
     *
     * @param dst where the bytes go
     * @param dstOffset the first index written in {@code dst}
     * @param length the number of bytes
     * @param vmoOffset the offset in the VMO
     * @throws NullPointerException      if {@code dst} is null
     * @throws IndexOutOfBoundsException if the range is outside {@code dst}
     * @throws IllegalArgumentException  if {@code vmoOffset} is negative
     * @throws IllegalStateException     if the handle is closed
     * @throws ZxException               as {@link #read(MemorySegment, long)}
     */
    public void read(byte[] dst, int dstOffset, int length, long vmoOffset) {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        Args.requireNonNegative(vmoOffset, "vmoOffset");
        MemorySegment buffer = MemorySegment.ofArray(dst).asSlice(dstOffset, length);
        int h = raw.acquire();
        try {
            int st = FastCalls.vmoRead(h, buffer, vmoOffset, length);
            if (st != OK) {
                throw ioFailure(st, "zx_vmo_read", h, vmoOffset, length);
            }
        } finally {
            raw.release();
        }
    }

    /**
     * Writes all of {@code src} at {@code vmoOffset}: {@code zx_vmo_write}. {@code src} may be a
     * heap segment. Allocates nothing.
     *
     * @param src the bytes to write
     * @param vmoOffset the offset in the VMO
     * @throws NullPointerException     if {@code src} is null
     * @throws IllegalArgumentException if {@code vmoOffset} is negative
     * @throws IllegalStateException    if the handle is closed or {@code src}'s scope is not alive
     * @throws ZxException              {@code ZX_ERR_OUT_OF_RANGE} past the VMO's end,
     *                                  {@code ZX_ERR_ACCESS_DENIED} without {@link Right#WRITE},
     *                                  {@code ZX_ERR_BAD_STATE} for a discarded VMO
     */
    public void write(MemorySegment src, long vmoOffset) {
        Objects.requireNonNull(src, "src");
        Args.requireNonNegative(vmoOffset, "vmoOffset");
        int h = raw.acquire();
        try {
            int st = FastCalls.vmoWrite(h, src, vmoOffset, src.byteSize());
            if (st != OK) {
                throw ioFailure(st, "zx_vmo_write", h, vmoOffset, src.byteSize());
            }
        } finally {
            raw.release();
        }
    }

    /**
     * Writes all of {@code src} at {@code vmoOffset}, without a staging copy: {@code zx_vmo_write}.
     *
     * @param src the bytes to write
     * @param vmoOffset the offset in the VMO
     * @throws NullPointerException     if {@code src} is null
     * @throws IllegalArgumentException if {@code vmoOffset} is negative
     * @throws IllegalStateException    if the handle is closed
     * @throws ZxException              as {@link #write(MemorySegment, long)}
     */
    public void write(byte[] src, long vmoOffset) {
        write(src, 0, Objects.requireNonNull(src, "src").length, vmoOffset);
    }

    /**
     * Writes {@code src[srcOffset..srcOffset+length)} at {@code vmoOffset}, without a staging copy:
     * {@code zx_vmo_write}. Allocates nothing.
     *
     * @param src the bytes to write
     * @param srcOffset the first index read from {@code src}
     * @param length the number of bytes
     * @param vmoOffset the offset in the VMO
     * @throws NullPointerException      if {@code src} is null
     * @throws IndexOutOfBoundsException if the range is outside {@code src}
     * @throws IllegalArgumentException  if {@code vmoOffset} is negative
     * @throws IllegalStateException     if the handle is closed
     * @throws ZxException               as {@link #write(MemorySegment, long)}
     */
    public void write(byte[] src, int srcOffset, int length, long vmoOffset) {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        Args.requireNonNegative(vmoOffset, "vmoOffset");
        MemorySegment buffer = MemorySegment.ofArray(src).asSlice(srcOffset, length);
        int h = raw.acquire();
        try {
            int st = FastCalls.vmoWrite(h, buffer, vmoOffset, length);
            if (st != OK) {
                throw ioFailure(st, "zx_vmo_write", h, vmoOffset, length);
            }
        } finally {
            raw.release();
        }
    }

    /**
     * Performs {@code op} on {@code [offset, offset+size)}: {@code zx_vmo_op_range}. For
     * {@link VmoOp#LOCK} the lock state the kernel returns is discarded.
     *
     * @param op the operation
     * @param offset the offset in bytes
     * @param size the size in bytes
     * @throws NullPointerException     if {@code op} is null
     * @throws IllegalArgumentException if {@code offset} or {@code size} is negative
     * @throws IllegalStateException    if the handle is closed
     * @throws ZxException              {@code ZX_ERR_OUT_OF_RANGE} past the end, {@code ZX_ERR_ACCESS_DENIED}
     *                                  without the right the op needs, {@code ZX_ERR_NOT_SUPPORTED} for an op
     *                                  this VMO does not support, {@code ZX_ERR_INVALID_ARGS},
     *                                  {@code ZX_ERR_NO_MEMORY}
     */
    public void opRange(VmoOp op, long offset, long size) {
        Objects.requireNonNull(op, "op");
        Args.requireNonNegative(offset, "offset");
        Args.requireNonNegative(size, "size");
        MemorySegment buffer = op.needsLockStateBuffer()
                ? Scratch.get().asSlice(0, zx_vmo_lock_state.sizeof()) : MemorySegment.NULL;
        int h = raw.acquire();
        try {
            int st = zircon_h.zx_vmo_op_range(h, op.value(), offset, size, buffer, buffer.byteSize());
            if (st != OK) {
                throw new ZxException(st, "zx_vmo_op_range", "handle=" + Args.hex(h) + ", op=" + op + ", offset="
                        + Args.hex(offset) + ", size=" + Args.hex(size));
            }
        } finally {
            raw.release();
        }
    }

    /**
     * Creates a child VMO of {@code size} bytes starting at {@code offset} of this one:
     * {@code zx_vmo_create_child}. Give exactly one of {@link VmoChildOption#SNAPSHOT},
     * {@link VmoChildOption#SNAPSHOT_AT_LEAST_ON_WRITE} or {@link VmoChildOption#SLICE}, plus
     * optionally {@link VmoChildOption#NO_WRITE} and {@link VmoChildOption#RESIZABLE}.
     *
     * @param options the options
     * @param offset the offset in bytes
     * @param size the size in bytes
     * @return the child VMO
     * @throws NullPointerException     if {@code options} or an element is null
     * @throws IllegalArgumentException if {@code offset} or {@code size} is negative
     * @throws IllegalStateException    if the handle is closed
     * @throws ZxException              {@code ZX_ERR_INVALID_ARGS} for a bad option combination or an
     *                                  unaligned slice, {@code ZX_ERR_ACCESS_DENIED} without
     *                                  {@link Right#DUPLICATE} and {@link Right#READ},
     *                                  {@code ZX_ERR_NOT_SUPPORTED} (e.g. a slice of a resizable VMO),
     *                                  {@code ZX_ERR_OUT_OF_RANGE}, {@code ZX_ERR_NO_MEMORY}
     */
    public Vmo createChild(Set<VmoChildOption> options, long offset, long size) {
        int bits = VmoChildOption.bits(options);
        Args.requireNonNegative(offset, "offset");
        Args.requireNonNegative(size, "size");
        MemorySegment out = Scratch.get();
        int h = raw.acquire();
        try {
            int st = zircon_h.zx_vmo_create_child(h, bits, offset, size, out);
            if (st != OK) {
                throw new ZxException(st, "zx_vmo_create_child", "handle=" + Args.hex(h) + ", options=" + Args.hex(bits)
                        + ", offset=" + Args.hex(offset) + ", size=" + Args.hex(size));
            }
        } finally {
            raw.release();
        }
        return new Vmo(out.get(ValueLayout.JAVA_INT, 0), options.contains(VmoChildOption.RESIZABLE), false);
    }

    /**
     * The VMO's name: {@code zx_object_get_property(ZX_PROP_NAME)}.
     *
     * @return the name
     * @throws IllegalStateException if the handle is closed
     * @throws ZxException           {@code ZX_ERR_ACCESS_DENIED} without {@link Right#GET_PROPERTY}
     */
    public String name() {
        int max = (int) zircon_h.ZX_MAX_NAME_LEN();
        MemorySegment buf = Scratch.get().asSlice(0, max);
        int h = raw.acquire();
        try {
            int st = zircon_h.zx_object_get_property(h, zircon_h.ZX_PROP_NAME(), buf, max);
            if (st != OK) {
                throw new ZxException(st, "zx_object_get_property", "handle=" + Args.hex(h) + ", property=ZX_PROP_NAME");
            }
        } finally {
            raw.release();
        }
        return cString(buf);
    }

    /**
     * Sets the VMO's name: {@code zx_object_set_property(ZX_PROP_NAME)}.
     *
     * @param name the new name
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if {@code name} has a NUL or is longer than 31 bytes in UTF-8
     * @throws IllegalStateException    if the handle is closed
     * @throws ZxException              {@code ZX_ERR_ACCESS_DENIED} without {@link Right#SET_PROPERTY}
     */
    public void setName(String name) {
        Objects.requireNonNull(name, "name");
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        int max = (int) zircon_h.ZX_MAX_NAME_LEN() - 1;
        if (bytes.length > max || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("name must have no NUL and at most " + max + " UTF-8 bytes: \"" + name + "\"");
        }
        MemorySegment buf = Scratch.get().asSlice(0, max + 1).fill((byte) 0);
        MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
        int h = raw.acquire();
        try {
            int st = zircon_h.zx_object_set_property(h, zircon_h.ZX_PROP_NAME(), buf, bytes.length);
            if (st != OK) {
                throw new ZxException(st, "zx_object_set_property", "handle=" + Args.hex(h) + ", property=ZX_PROP_NAME, value=\""
                        + name + "\"");
            }
        } finally {
            raw.release();
        }
    }

    /**
     * Sets the cache policy: {@code zx_vmo_set_cache_policy}.
     *
     * @param policy the new policy
     * @throws NullPointerException  if {@code policy} is null
     * @throws IllegalStateException if the handle is closed
     * @throws ZxException           {@code ZX_ERR_ACCESS_DENIED} without {@link Right#MAP}/{@link Right#MANAGE_VMO},
     *                               {@code ZX_ERR_BAD_STATE} if the VMO is mapped, has pages or children,
     *                               {@code ZX_ERR_NOT_SUPPORTED}
     */
    public void setCachePolicy(CachePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        int h = raw.acquire();
        try {
            int st = zircon_h.zx_vmo_set_cache_policy(h, policy.value());
            if (st != OK) {
                throw new ZxException(st, "zx_vmo_set_cache_policy", "handle=" + Args.hex(h) + ", cache_policy=" + policy);
            }
        } finally {
            raw.release();
        }
    }

    /**
     * Replaces this handle by one that also has {@link Right#EXECUTE}:
     * {@code zx_vmo_replace_as_executable(handle, ZX_HANDLE_INVALID)}. This object is closed
     * afterwards, whether the call succeeds or fails.
     *
     * @return the new, executable handle
     * @throws IllegalStateException if the handle is closed
     * @throws ZxException           {@code ZX_ERR_ACCESS_DENIED} if the process may not make executable
     *                               VMOs, {@code ZX_ERR_BAD_HANDLE}
     */
    public Vmo replaceAsExecutable() {
        MemorySegment out = Scratch.get();
        int h = raw.takeForConsume();
        int st = zircon_h.zx_vmo_replace_as_executable(h, zircon_h.ZX_HANDLE_INVALID(), out);
        if (st != OK) {
            throw new ZxException(st, "zx_vmo_replace_as_executable", "handle=" + Args.hex(h) + ", vmex=ZX_HANDLE_INVALID");
        }
        return new Vmo(out.get(ValueLayout.JAVA_INT, 0), resizable, discardable);
    }

    /**
     * What the kernel reports about this VMO: {@code zx_object_get_info(ZX_INFO_VMO)}.
     *
     * @return the VMO's information
     * @throws IllegalStateException if the handle is closed
     * @throws ZxException           {@code ZX_ERR_ACCESS_DENIED} without {@link Right#INSPECT}
     */
    public VmoInfo info() {
        MemorySegment buf = Scratch.get().asSlice(0, zx_info_vmo.sizeof());
        int h = raw.acquire();
        try {
            int st = zircon_h.zx_object_get_info(h, zircon_h.ZX_INFO_VMO(), buf, buf.byteSize(),
                    MemorySegment.NULL, MemorySegment.NULL);
            if (st != OK) {
                throw new ZxException(st, "zx_object_get_info", "handle=" + Args.hex(h) + ", topic=ZX_INFO_VMO");
            }
        } finally {
            raw.release();
        }
        return new VmoInfo(zx_info_vmo.koid(buf), cString(zx_info_vmo.name(buf)), zx_info_vmo.size_bytes(buf),
                zx_info_vmo.parent_koid(buf), zx_info_vmo.num_children(buf), zx_info_vmo.num_mappings(buf),
                zx_info_vmo.share_count(buf), zx_info_vmo.flags(buf), zx_info_vmo.committed_bytes(buf),
                zx_info_vmo.populated_bytes(buf), Rights.fromKernel(zx_info_vmo.handle_rights(buf)),
                zx_info_vmo.cache_policy(buf));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if this handle is closed
     * @throws ZxException           {@code ZX_ERR_ACCESS_DENIED} without {@link Right#DUPLICATE}
     */
    @Override
    public Vmo duplicate() {
        return new Vmo(duplicateValue(zircon_h.ZX_RIGHT_SAME_RIGHTS()), resizable, discardable);
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
    public Vmo duplicate(Rights rights) {
        return new Vmo(duplicateValue(rightsBits(rights)), resizable, discardable);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException  if {@code rights} is null (this handle stays open)
     * @throws IllegalStateException if this handle is closed
     * @throws ZxException           {@code ZX_ERR_INVALID_ARGS} if {@code rights} is not a subset
     */
    @Override
    public Vmo replace(Rights rights) {
        return new Vmo(replaceValue(rightsBits(rights)), resizable, discardable);
    }

    // --- for Vmar.map ----------------------------------------------------------------------------

    boolean isDiscardable() {
        return discardable;
    }

    /** The size for the mapping check; cached when the VMO cannot be resized. */
    long sizeForMapping() {
        long s = fixedSize;
        if (s < 0) {
            s = size();
            if (!resizable) {
                fixedSize = s;
            }
        }
        return s;
    }

    private ZxException ioFailure(int st, String syscall, int h, long vmoOffset, long length) {
        return new ZxException(st, syscall, "handle=" + Args.hex(h) + ", offset=" + Args.hex(vmoOffset)
                + ", buffer_size=" + Args.hex(length));
    }

    static String cString(MemorySegment bytes) {
        int n = 0;
        while (n < bytes.byteSize() && bytes.get(ValueLayout.JAVA_BYTE, n) != 0) {
            n++;
        }
        byte[] b = bytes.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        return new String(b, StandardCharsets.UTF_8);
    }
}
