package dev.zirconffm;

import dev.zirconffm.internal.ZirconLibrary;
import dev.zirconffm.internal.bindings.zircon_h;
import dev.zirconffm.internal.bindings.zx_info_process_handle_stats;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/** The process's open handles per object type, read from {@code ZX_INFO_PROCESS_HANDLE_STATS}. */
record HandleCounts(int[] perType) {

    static HandleCounts now() {
        ZirconLibrary.ensureLoaded();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(zx_info_process_handle_stats.layout());
            int st = zircon_h.zx_object_get_info(zircon_h.zx_process_self(), zircon_h.ZX_INFO_PROCESS_HANDLE_STATS(),
                    buf, buf.byteSize(), MemorySegment.NULL, MemorySegment.NULL);
            if (st != zircon_h.ZX_OK()) {
                throw new ZxException(st, "zx_object_get_info", "ZX_INFO_PROCESS_HANDLE_STATS");
            }
            return new HandleCounts(zx_info_process_handle_stats.handle_count(buf).toArray(ValueLayout.JAVA_INT));
        }
    }

    int total() {
        return Arrays.stream(perType).sum();
    }

    int of(ObjectType type) {
        return perType[type.value()];
    }

    /** "VMO +1, VMAR -2" for the types whose count differs from {@code before}; "" if none. */
    String diff(HandleCounts before) {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < perType.length; t++) {
            int d = perType[t] - before.perType[t];
            if (d != 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(ObjectType.of(t)).append(d > 0 ? " +" : " ").append(d);
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandleCounts h && Arrays.equals(h.perType, perType);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(perType);
    }
}
