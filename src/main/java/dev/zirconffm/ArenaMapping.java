package dev.zirconffm;

import dev.zirconffm.internal.FastCalls;
import dev.zirconffm.internal.LiveMapping;
import dev.zirconffm.internal.MappingRegistry;
import dev.zirconffm.internal.RawHandle;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * A live mapping whose segment belongs to an arena: the arena's cleanup action. When the arena
 * closes, it leaves the registry and unmaps, under the registry's lock so that nothing can map
 * into the range in between; then it unpins the VMAR handle it unmaps through.
 */
final class ArenaMapping extends LiveMapping implements Consumer<MemorySegment> {

    private final RawHandle vmar;
    private boolean unmapped; // guarded by the registry's lock

    /** A mapping just made through {@code vmar}, which the caller has pinned for it. */
    ArenaMapping(RawHandle vmar, long base, long length, long vmoKoid, long vmoOffset, long vmarKoid, boolean writable) {
        super(base, length, vmoKoid, vmoOffset, vmarKoid, writable);
        this.vmar = vmar;
    }

    /** The arena's cleanup: unmap now (the segment argument is not used). */
    @Override
    public void accept(MemorySegment ignored) {
        unmap();
    }

    /** Unregisters and unmaps, once; then unpins the VMAR handle. */
    void unmap() {
        MappingRegistry registry = MappingRegistry.global();
        int st;
        registry.lock().lock();
        try {
            if (unmapped) {
                return;
            }
            unmapped = true;
            registry.remove(this);
            st = FastCalls.vmarUnmap(vmar.valueUnchecked(), base, length);
        } finally {
            registry.lock().unlock();
        }
        vmar.unpin();
        if (st != 0) {
            throw new ZxException(st, "zx_vmar_unmap", "handle=" + Args.hex(vmar.valueUnchecked()) + ", addr="
                    + Args.hex(base) + ", len=" + Args.hex(length));
        }
    }
}
