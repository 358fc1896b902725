package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import dev.zirconffm.internal.bindings.zx_info_handle_basic;
import dev.zirconffm.internal.bindings.zx_info_maps;
import dev.zirconffm.internal.bindings.zx_info_maps_mapping;
import dev.zirconffm.internal.bindings.zx_info_process_handle_stats;
import dev.zirconffm.internal.bindings.zx_info_vmar;
import dev.zirconffm.internal.bindings.zx_info_vmo;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static dev.zirconffm.emulator.Zx.ok;

/**
 * {@code zx_object_get_info} records read into plain Java values, asserting {@code ZX_OK}. The
 * error paths of the syscall itself are tested in {@link ObjectInfoTest}.
 */
final class Info {

    /** {@code zx_info_handle_basic_t}. */
    record Basic(long koid, int rights, int type, long relatedKoid) {
    }

    /** The fields of {@code zx_info_vmo_t} the tests check. */
    record Vmo(long koid, String name, long sizeBytes, long parentKoid, long numChildren,
               long numMappings, int flags, long committedBytes, int handleRights, int cachePolicy) {
    }

    /** {@code zx_info_vmar_t}. */
    record Vmar(long base, long len) {
    }

    /** One {@code zx_info_maps_t} entry; the mapping fields are 0 unless it is a mapping. */
    record Map(String name, long base, long size, long depth, int type, int mmuFlags, long vmoKoid,
               long vmoOffset) {
        /** The end of the range, exclusive. */
        long end() {
            return base + size;
        }

        boolean isMapping() {
            return type == zircon_h.ZX_INFO_MAPS_TYPE_MAPPING();
        }
    }

    private Info() {
    }

    /** {@code ZX_INFO_HANDLE_BASIC} of {@code handle}. */
    static Basic basic(int handle) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment b = zx_info_handle_basic.allocate(arena);
            ok(zircon_h.zx_object_get_info(handle, zircon_h.ZX_INFO_HANDLE_BASIC(), b,
                    zx_info_handle_basic.sizeof(), MemorySegment.NULL, MemorySegment.NULL), "ZX_INFO_HANDLE_BASIC");
            return new Basic(zx_info_handle_basic.koid(b), zx_info_handle_basic.rights(b),
                    zx_info_handle_basic.type(b), zx_info_handle_basic.related_koid(b));
        }
    }

    /** The rights of {@code handle}. */
    static int rights(int handle) {
        return basic(handle).rights();
    }

    /** The koid of the object behind {@code handle}. */
    static long koid(int handle) {
        return basic(handle).koid();
    }

    /** Whether {@code handle} is valid, by {@code ZX_INFO_HANDLE_VALID}. */
    static boolean valid(int handle) {
        return zircon_h.zx_object_get_info(handle, zircon_h.ZX_INFO_HANDLE_VALID(), MemorySegment.NULL, 0,
                MemorySegment.NULL, MemorySegment.NULL) == Zx.OK;
    }

    /** {@code ZX_INFO_VMO} of {@code vmo}. */
    static Vmo vmo(int vmo) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = zx_info_vmo.allocate(arena);
            ok(zircon_h.zx_object_get_info(vmo, zircon_h.ZX_INFO_VMO(), v, zx_info_vmo.sizeof(),
                    MemorySegment.NULL, MemorySegment.NULL), "ZX_INFO_VMO");
            return new Vmo(zx_info_vmo.koid(v), zx_info_vmo.name(v).getString(0), zx_info_vmo.size_bytes(v),
                    zx_info_vmo.parent_koid(v), zx_info_vmo.num_children(v), zx_info_vmo.num_mappings(v),
                    zx_info_vmo.flags(v), zx_info_vmo.committed_bytes(v), zx_info_vmo.handle_rights(v),
                    zx_info_vmo.cache_policy(v));
        }
    }

    /** {@code ZX_INFO_VMAR} of {@code vmar}. */
    static Vmar vmar(int vmar) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = zx_info_vmar.allocate(arena);
            ok(zircon_h.zx_object_get_info(vmar, zircon_h.ZX_INFO_VMAR(), v, zx_info_vmar.sizeof(),
                    MemorySegment.NULL, MemorySegment.NULL), "ZX_INFO_VMAR");
            return new Vmar(zx_info_vmar.base(v), zx_info_vmar.len(v));
        }
    }

    /** All {@code ZX_INFO_VMAR_MAPS} or {@code ZX_INFO_PROCESS_MAPS} entries of {@code handle}. */
    static List<Map> maps(int handle, int topic) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actual = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment avail = arena.allocate(ValueLayout.JAVA_LONG);
            ok(zircon_h.zx_object_get_info(handle, topic, MemorySegment.NULL, 0, actual, avail), "maps: count");
            // Room for entries added since the count; the loop re-reads if there are more.
            for (long room = avail.get(ValueLayout.JAVA_LONG, 0) + 8; ; room *= 2) {
                MemorySegment buf = zx_info_maps.allocateArray(room, arena);
                ok(zircon_h.zx_object_get_info(handle, topic, buf, buf.byteSize(), actual, avail), "maps");
                long n = actual.get(ValueLayout.JAVA_LONG, 0);
                if (n == avail.get(ValueLayout.JAVA_LONG, 0)) {
                    List<Map> out = new ArrayList<>();
                    for (long i = 0; i < n; i++) {
                        out.add(entry(zx_info_maps.asSlice(buf, i)));
                    }
                    return out;
                }
            }
        }
    }

    /** The mapping entries of {@code handle}'s maps that overlap [{@code base}, {@code base + len}). */
    static List<Map> mappingsIn(int handle, int topic, long base, long len) {
        return maps(handle, topic).stream()
                .filter(m -> m.isMapping() && m.base() < base + len && m.end() > base)
                .toList();
    }

    /** {@code ZX_INFO_PROCESS_HANDLE_STATS} of this process: live handles by object type. */
    static int[] handleCounts() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = zx_info_process_handle_stats.allocate(arena);
            ok(zircon_h.zx_object_get_info(Zx.self(), zircon_h.ZX_INFO_PROCESS_HANDLE_STATS(), s,
                    zx_info_process_handle_stats.sizeof(), MemorySegment.NULL, MemorySegment.NULL),
                    "ZX_INFO_PROCESS_HANDLE_STATS");
            return zx_info_process_handle_stats.handle_count(s).toArray(ValueLayout.JAVA_INT);
        }
    }

    private static Map entry(MemorySegment e) {
        int type = zx_info_maps.type(e);
        MemorySegment mapping = zx_info_maps.u.mapping(zx_info_maps.u(e));
        boolean isMapping = type == zircon_h.ZX_INFO_MAPS_TYPE_MAPPING();
        return new Map(zx_info_maps.name(e).getString(0), zx_info_maps.base(e), zx_info_maps.size(e),
                zx_info_maps.depth(e), type,
                isMapping ? zx_info_maps_mapping.mmu_flags(mapping) : 0,
                isMapping ? zx_info_maps_mapping.vmo_koid(mapping) : 0,
                isMapping ? zx_info_maps_mapping.vmo_offset(mapping) : 0);
    }
}
