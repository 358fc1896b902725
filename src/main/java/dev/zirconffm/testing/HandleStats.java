package dev.zirconffm.testing;

import dev.zirconffm.ObjectType;
import dev.zirconffm.ZxException;
import dev.zirconffm.internal.ZirconLibrary;
import dev.zirconffm.internal.bindings.zircon_h;
import dev.zirconffm.internal.bindings.zx_info_process_handle_stats;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The process's open handles per object type: {@code ZX_INFO_PROCESS_HANDLE_STATS}. */
final class HandleStats {

    private final int[] perType;

    private HandleStats(int[] perType) {
        this.perType = perType;
    }

    /** The counts now. */
    static HandleStats now() {
        ZirconLibrary.ensureLoaded();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(zx_info_process_handle_stats.layout());
            int st = zircon_h.zx_object_get_info(zircon_h.zx_process_self(), zircon_h.ZX_INFO_PROCESS_HANDLE_STATS(),
                    buf, buf.byteSize(), MemorySegment.NULL, MemorySegment.NULL);
            if (st != zircon_h.ZX_OK()) {
                throw new ZxException(st, "zx_object_get_info", "handle=zx_process_self(), topic=ZX_INFO_PROCESS_HANDLE_STATS");
            }
            return new HandleStats(zx_info_process_handle_stats.handle_count(buf).toArray(ValueLayout.JAVA_INT));
        }
    }

    /**
     * The types with more handles open now than in {@code before} plus {@code allowedVmars} more
     * VMAR handles, as "VMO +1, VMAR +2"; "" if none. Fewer handles than before is not a leak (the
     * test may have closed a handle of a shared fixture), so it is not reported.
     */
    String gainedSince(HandleStats before, int allowedVmars) {
        StringBuilder sb = new StringBuilder();
        int vmar = ObjectType.VMAR.value();
        for (int t = 0; t < perType.length; t++) {
            int gained = perType[t] - before.perType[t] - (t == vmar ? allowedVmars : 0);
            if (gained > 0) {
                ObjectType type = ObjectType.of(t);
                sb.append(sb.isEmpty() ? "" : ", ").append(type == ObjectType.UNKNOWN ? "type " + t : type.name())
                        .append(" +").append(gained);
            }
        }
        return sb.toString();
    }
}
