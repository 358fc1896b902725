package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import dev.zirconffm.internal.bindings.zx_info_handle_basic;
import dev.zirconffm.internal.bindings.zx_info_maps;
import dev.zirconffm.internal.bindings.zx_info_process_handle_stats;
import dev.zirconffm.internal.bindings.zx_info_vmar;
import dev.zirconffm.internal.bindings.zx_info_vmo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.zirconffm.emulator.Zx.ACCESS_DENIED;
import static dev.zirconffm.emulator.Zx.BAD_HANDLE;
import static dev.zirconffm.emulator.Zx.BAD_STATE;
import static dev.zirconffm.emulator.Zx.BUFFER_TOO_SMALL;
import static dev.zirconffm.emulator.Zx.CAN_MAP_RW;
import static dev.zirconffm.emulator.Zx.CAN_MAP_SPECIFIC;
import static dev.zirconffm.emulator.Zx.INVALID_HANDLE;
import static dev.zirconffm.emulator.Zx.NOT_SUPPORTED;
import static dev.zirconffm.emulator.Zx.OK;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.R;
import static dev.zirconffm.emulator.Zx.RIGHT_INSPECT;
import static dev.zirconffm.emulator.Zx.RIGHT_READ;
import static dev.zirconffm.emulator.Zx.RW;
import static dev.zirconffm.emulator.Zx.SPECIFIC;
import static dev.zirconffm.emulator.Zx.WRONG_TYPE;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zx_object_get_info} topics, record counts and errors (object_get_info.md, core-tests B1 'Info'). */
class ObjectInfoTest extends EmulatorTest {

    private static final int HANDLE_VALID = zircon_h.ZX_INFO_HANDLE_VALID();
    private static final int HANDLE_BASIC = zircon_h.ZX_INFO_HANDLE_BASIC();
    private static final int VMO = zircon_h.ZX_INFO_VMO();
    private static final int VMAR = zircon_h.ZX_INFO_VMAR();
    private static final int VMAR_MAPS = zircon_h.ZX_INFO_VMAR_MAPS();
    private static final int PROCESS_MAPS = zircon_h.ZX_INFO_PROCESS_MAPS();
    private static final int HANDLE_STATS = zircon_h.ZX_INFO_PROCESS_HANDLE_STATS();
    private static final int MAPPING = zircon_h.ZX_INFO_MAPS_TYPE_MAPPING();
    private static final int TYPE_VMAR = zircon_h.ZX_INFO_MAPS_TYPE_VMAR();

    /** The status, actual and avail of one {@code zx_object_get_info} call. */
    private record Result(int status, long actual, long avail) {
    }

    /** Calls get_info with a buffer of {@code size} bytes; actual and avail start at a marker value. */
    private Result info(int handle, int topic, long size) {
        MemorySegment actual = fx.u64();
        MemorySegment avail = fx.u64();
        actual.set(ValueLayout.JAVA_LONG, 0, 0xdead);
        avail.set(ValueLayout.JAVA_LONG, 0, 0xdead);
        MemorySegment buf = size == 0 ? MemorySegment.NULL : fx.buffer(size);
        int status = zircon_h.zx_object_get_info(handle, topic, buf, size, actual, avail);
        return new Result(status, actual.get(ValueLayout.JAVA_LONG, 0), avail.get(ValueLayout.JAVA_LONG, 0));
    }

    @Test
    @DisplayName("object_get_info.md ZX_INFO_HANDLE_VALID: OK for a valid handle with a null buffer; BAD_HANDLE otherwise")
    void handleValid() {
        int vmo = fx.vmo(PAGE);
        assertStatus(OK, zircon_h.zx_object_get_info(vmo, HANDLE_VALID, MemorySegment.NULL, 0,
                MemorySegment.NULL, MemorySegment.NULL));
        assertStatus(OK, zircon_h.zx_object_get_info(fx.duplicate(vmo, 0), HANDLE_VALID, MemorySegment.NULL, 0,
                MemorySegment.NULL, MemorySegment.NULL), "needs no rights");
        fx.close(vmo);
        assertStatus(BAD_HANDLE, zircon_h.zx_object_get_info(vmo, HANDLE_VALID, MemorySegment.NULL, 0,
                MemorySegment.NULL, MemorySegment.NULL));
        assertStatus(BAD_HANDLE, zircon_h.zx_object_get_info(INVALID_HANDLE, HANDLE_VALID, MemorySegment.NULL, 0,
                MemorySegment.NULL, MemorySegment.NULL));
    }

    @Test
    @DisplayName("object_get_info.md ZX_INFO_HANDLE_BASIC: koid, rights, type; related_koid 0; actual = avail = 1")
    void handleBasic() {
        int vmo = fx.vmo(PAGE);
        Result r = info(vmo, HANDLE_BASIC, zx_info_handle_basic.sizeof());
        assertEquals(new Result(OK, 1, 1), r);
        Info.Basic b = Info.basic(vmo);
        assertTrue(Long.compareUnsigned(b.koid(), zircon_h.ZX_KOID_KERNEL()) > 0, "a user object's koid");
        assertEquals(zircon_h.ZX_OBJ_TYPE_VMO(), b.type());
        assertEquals(0, b.relatedKoid());
        assertEquals(zircon_h.ZX_OBJ_TYPE_VMAR(), Info.basic(fx.vmar(PAGE).handle()).type());
        assertEquals(zircon_h.ZX_OBJ_TYPE_PROCESS(), Info.basic(Zx.self()).type());
        assertEquals(0, Info.basic(fx.duplicate(vmo, 0)).rights(), "needs no rights");
    }

    @Test
    @DisplayName("object_get_info.md: a fixed-size topic with too small a buffer gives BUFFER_TOO_SMALL, actual 0, avail 1")
    void bufferTooSmall() {
        int vmo = fx.vmo(PAGE);
        int vmar = fx.vmar(PAGE).handle();
        assertEquals(new Result(BUFFER_TOO_SMALL, 0, 1), info(vmo, HANDLE_BASIC, zx_info_handle_basic.sizeof() - 1));
        assertEquals(new Result(BUFFER_TOO_SMALL, 0, 1), info(vmo, VMO, zx_info_vmo.sizeof() - 1));
        assertEquals(new Result(BUFFER_TOO_SMALL, 0, 1), info(vmar, VMAR, zx_info_vmar.sizeof() - 1));
        assertEquals(new Result(BUFFER_TOO_SMALL, 0, 1),
                info(Zx.self(), HANDLE_STATS, zx_info_process_handle_stats.sizeof() - 1));
        assertEquals(new Result(BUFFER_TOO_SMALL, 0, 1), info(vmo, HANDLE_BASIC, 0));
    }

    @Test
    @DisplayName("object_get_info.md: koids are unique per object, never reused, and shared by duplicates")
    void koidsAreUnique() {
        Set<Long> koids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            assertTrue(koids.add(Info.koid(fx.vmo(PAGE))), "a repeated koid");
        }
        int vmo = fx.vmo(PAGE);
        assertEquals(Info.koid(vmo), Info.koid(fx.duplicate(vmo, Zx.SAME_RIGHTS)));
        assertNotEquals(Info.koid(Zx.self()), Info.koid(Zx.root()));
        // Koids are never reused, even after their objects are gone.
        long gone = Info.koid(vmo);
        fx.close(vmo);
        for (int i = 0; i < 20; i++) {
            assertNotEquals(gone, Info.koid(fx.vmo(PAGE)));
        }
    }

    @Test
    @DisplayName("core-tests B1 'Info': ZX_INFO_VMO of a 4-page VMO: size, flags PAGED|VIA_HANDLE, CACHED, koid, handle rights")
    void vmoInfo() {
        int vmo = fx.vmo(4 * PAGE);
        Info.Vmo v = Info.vmo(vmo);
        assertEquals(Info.koid(vmo), v.koid());
        assertEquals(4 * PAGE, v.sizeBytes());
        assertEquals(zircon_h.ZX_INFO_VMO_TYPE_PAGED() | zircon_h.ZX_INFO_VMO_VIA_HANDLE(), v.flags());
        assertEquals(zircon_h.ZX_CACHE_POLICY_CACHED(), v.cachePolicy());
        assertEquals(Info.rights(vmo), v.handleRights());
        assertEquals(0, v.parentKoid());
        assertEquals(0, v.numChildren());
        assertEquals(0, v.numMappings());
        assertEquals("", v.name());
        assertEquals(new Result(OK, 1, 1), info(vmo, VMO, zx_info_vmo.sizeof()));
    }

    @Test
    @DisplayName("core-tests B1 'Info': a RESIZABLE VMO set UNCACHED: flags add RESIZABLE, UNCACHED, handle_rights as the handle's")
    void resizableUncachedVmoInfo() {
        int vmo = fx.vmo(8 * PAGE, zircon_h.ZX_VMO_RESIZABLE());
        ok(zircon_h.zx_vmo_set_cache_policy(vmo, zircon_h.ZX_CACHE_POLICY_UNCACHED()));
        int dup = fx.duplicate(vmo, RIGHT_READ | RIGHT_INSPECT);
        Info.Vmo v = Info.vmo(dup);
        assertEquals(zircon_h.ZX_INFO_VMO_TYPE_PAGED() | zircon_h.ZX_INFO_VMO_VIA_HANDLE()
                | zircon_h.ZX_INFO_VMO_RESIZABLE(), v.flags());
        assertEquals(zircon_h.ZX_CACHE_POLICY_UNCACHED(), v.cachePolicy());
        assertEquals(RIGHT_READ | RIGHT_INSPECT, v.handleRights(), "the rights of the handle queried");
    }

    @Test
    @DisplayName("core-tests B1 'V1Info', 'V2Info', 'V3Info': the older ZX_INFO_VMO topics fill the leading fields")
    void olderVmoTopics() {
        int vmo = fx.vmo(2 * PAGE);
        Info.Vmo v = Info.vmo(vmo);
        // Sizes of zx_info_vmo_v1/v2/v3: the current record up to cache_policy, committed_change_events
        // and populated_bytes.
        long v1 = zx_info_vmo.cache_policy$offset() + 4;
        long v2 = zx_info_vmo.committed_change_events$offset() + 8;
        long v3 = zx_info_vmo.populated_bytes$offset() + 8;
        int[] topics = {zircon_h.ZX_INFO_VMO_V1(), zircon_h.ZX_INFO_VMO_V2(), zircon_h.ZX_INFO_VMO_V3()};
        long[] sizes = {v1, v2, v3};
        for (int i = 0; i < 3; i++) {
            MemorySegment buf = fx.buffer(zx_info_vmo.sizeof());
            MemorySegment actual = fx.u64();
            ok(zircon_h.zx_object_get_info(vmo, topics[i], buf, sizes[i], actual, MemorySegment.NULL), "V" + (i + 1));
            assertEquals(1, actual.get(ValueLayout.JAVA_LONG, 0));
            assertEquals(v.koid(), zx_info_vmo.koid(buf));
            assertEquals(v.sizeBytes(), zx_info_vmo.size_bytes(buf));
            assertEquals(v.flags(), zx_info_vmo.flags(buf));
            assertEquals(v.handleRights(), zx_info_vmo.handle_rights(buf));
            assertStatus(BUFFER_TOO_SMALL, zircon_h.zx_object_get_info(vmo, topics[i], buf, sizes[i] - 1,
                    MemorySegment.NULL, MemorySegment.NULL), "V" + (i + 1) + " short");
        }
    }

    @Test
    @DisplayName("object_get_info.md ZX_INFO_VMO: needs no rights; WRONG_TYPE on a VMAR; BAD_HANDLE")
    void vmoInfoErrors() {
        int vmo = fx.vmo(PAGE);
        assertEquals(new Result(OK, 1, 1), info(fx.duplicate(vmo, 0), VMO, zx_info_vmo.sizeof()));
        assertStatus(WRONG_TYPE, info(fx.vmar(PAGE).handle(), VMO, zx_info_vmo.sizeof()).status());
        assertStatus(BAD_HANDLE, info(INVALID_HANDLE, VMO, zx_info_vmo.sizeof()).status());
    }

    @Test
    @DisplayName("object_get_info.md ZX_INFO_VMAR: base and len; needs INSPECT; WRONG_TYPE on a VMO; BAD_HANDLE")
    void vmarInfo() {
        Fixture.Vmar region = fx.vmar(6 * PAGE);
        assertEquals(new Info.Vmar(region.base(), 6 * PAGE), Info.vmar(region.handle()));
        int noInspect = fx.duplicate(region.handle(), Info.rights(region.handle()) & ~RIGHT_INSPECT);
        assertStatus(ACCESS_DENIED, info(noInspect, VMAR, zx_info_vmar.sizeof()).status());
        assertStatus(WRONG_TYPE, info(fx.vmo(PAGE), VMAR, zx_info_vmar.sizeof()).status());
        assertStatus(BAD_HANDLE, info(INVALID_HANDLE, VMAR, zx_info_vmar.sizeof()).status());
    }

    /** A region holding two mappings and a child region with one mapping. */
    private record Tree(Fixture.Vmar region, Fixture.Vmar child, int vmo, long first, long second, long inChild) {
    }

    private Tree tree() {
        Fixture.Vmar region = fx.vmar(16 * PAGE);
        int vmo = fx.vmo(4 * PAGE);
        long first = fx.map(region.handle(), RW | SPECIFIC, 0, vmo, 0, 2 * PAGE);
        Fixture.Vmar child = fx.vmar(region.handle(), CAN_MAP_RW | CAN_MAP_SPECIFIC | SPECIFIC, 4 * PAGE, 4 * PAGE);
        long inChild = fx.map(child.handle(), R | SPECIFIC, PAGE, vmo, PAGE, PAGE);
        long second = fx.map(region.handle(), RW | SPECIFIC, 10 * PAGE, vmo, 2 * PAGE, 2 * PAGE);
        return new Tree(region, child, vmo, first, second, inChild);
    }

    @Test
    @DisplayName("object_get_info.md ZX_INFO_VMAR_MAPS: a depth-first pre-order walk from the VMAR itself at depth 0")
    void vmarMaps() {
        Tree t = tree();
        List<Info.Map> maps = Info.maps(t.region().handle(), VMAR_MAPS);
        assertEquals(5, maps.size(), maps.toString());
        Info.Map root = maps.get(0);
        assertEquals(TYPE_VMAR, root.type());
        assertEquals(0, root.depth());
        assertEquals(t.region().base(), root.base());
        assertEquals(16 * PAGE, root.size());
        long koid = Info.koid(t.vmo());
        assertMapping(maps.get(1), t.first(), 2 * PAGE, 1, RW, koid, 0);
        Info.Map child = maps.get(2);
        assertEquals(TYPE_VMAR, child.type());
        assertEquals(1, child.depth());
        assertEquals(t.child().base(), child.base());
        assertEquals(4 * PAGE, child.size());
        assertMapping(maps.get(3), t.inChild(), PAGE, 2, R, koid, PAGE);
        assertMapping(maps.get(4), t.second(), 2 * PAGE, 1, RW, koid, 2 * PAGE);
    }

    private static void assertMapping(Info.Map m, long base, long size, long depth, int perms, long koid, long offset) {
        assertEquals(MAPPING, m.type(), m.toString());
        assertEquals(base, m.base(), m.toString());
        assertEquals(size, m.size(), m.toString());
        assertEquals(depth, m.depth(), m.toString());
        assertEquals(perms, m.mmuFlags() & (RW | Zx.X), m.toString());
        assertEquals(koid, m.vmoKoid(), m.toString());
        assertEquals(offset, m.vmoOffset(), m.toString());
    }

    @Test
    @DisplayName("object_get_info.md: a list topic with a short buffer is OK, with actual < avail")
    void listTopicsReportActualAndAvail() {
        Tree t = tree();
        long entry = zx_info_maps.sizeof();
        assertEquals(new Result(OK, 0, 5), info(t.region().handle(), VMAR_MAPS, 0));
        assertEquals(new Result(OK, 2, 5), info(t.region().handle(), VMAR_MAPS, 2 * entry + entry / 2));
        assertEquals(new Result(OK, 5, 5), info(t.region().handle(), VMAR_MAPS, 8 * entry));
        Result all = info(Zx.self(), PROCESS_MAPS, 0);
        assertStatus(OK, all.status());
        assertEquals(0, all.actual());
        assertTrue(all.avail() >= 7, "aspace, root VMAR and this test's 5 entries: " + all.avail());
    }

    @Test
    @DisplayName("object_get_info.md ZX_INFO_VMAR_MAPS: needs INSPECT; WRONG_TYPE on a VMO")
    void vmarMapsErrors() {
        Fixture.Vmar region = fx.vmar(PAGE);
        int noInspect = fx.duplicate(region.handle(), Info.rights(region.handle()) & ~RIGHT_INSPECT);
        assertStatus(ACCESS_DENIED, info(noInspect, VMAR_MAPS, zx_info_maps.sizeof()).status());
        assertStatus(WRONG_TYPE, info(fx.vmo(PAGE), VMAR_MAPS, zx_info_maps.sizeof()).status());
    }

    @Test
    @DisplayName("kernel VmAddressRegion::EnumerateChildren: a destroyed VMAR keeps its ZX_INFO_VMAR range, but ZX_INFO_VMAR_MAPS is BAD_STATE")
    void destroyedVmarInfo() {
        Fixture.Vmar region = fx.vmar(4 * PAGE);
        ok(zircon_h.zx_vmar_destroy(region.handle()));
        assertEquals(new Info.Vmar(region.base(), 4 * PAGE), Info.vmar(region.handle()));
        assertStatus(BAD_STATE, info(region.handle(), VMAR_MAPS, zx_info_maps.sizeof()).status());
    }

    @Test
    @DisplayName("object_get_info.md ZX_INFO_PROCESS_MAPS: the aspace at depth 0, the root VMAR at 1, then this test's mappings")
    void processMaps() {
        Tree t = tree();
        List<Info.Map> maps = Info.maps(Zx.self(), PROCESS_MAPS);
        assertEquals(zircon_h.ZX_INFO_MAPS_TYPE_ASPACE(), maps.get(0).type());
        assertEquals(0, maps.get(0).depth());
        assertEquals(TYPE_VMAR, maps.get(1).type());
        assertEquals(1, maps.get(1).depth());
        Info.Vmar root = Info.vmar(Zx.root());
        assertEquals(root.base(), maps.get(1).base());
        assertEquals(root.len(), maps.get(1).size());
        for (int i = 1; i < maps.size(); i++) {
            assertTrue(maps.get(i - 1).base() <= maps.get(i).base(), "bases ascend in pre-order");
        }
        long koid = Info.koid(t.vmo());
        List<Info.Map> ours = maps.stream().filter(m -> m.isMapping() && m.vmoKoid() == koid).toList();
        assertEquals(3, ours.size(), ours.toString());
        long regionDepth = maps.stream().filter(m -> m.base() == t.region().base() && m.type() == TYPE_VMAR)
                .findFirst().orElseThrow().depth();
        assertMapping(ours.get(0), t.first(), 2 * PAGE, regionDepth + 1, RW, koid, 0);
        assertMapping(ours.get(1), t.inChild(), PAGE, regionDepth + 2, R, koid, PAGE);
        assertMapping(ours.get(2), t.second(), 2 * PAGE, regionDepth + 1, RW, koid, 2 * PAGE);
    }

    @Test
    @DisplayName("object_get_info.md ZX_INFO_PROCESS_MAPS / PROCESS_HANDLE_STATS: WRONG_TYPE on a VMO; BAD_HANDLE")
    void processTopicErrors() {
        int vmo = fx.vmo(PAGE);
        assertStatus(WRONG_TYPE, info(vmo, PROCESS_MAPS, zx_info_maps.sizeof()).status());
        assertStatus(WRONG_TYPE, info(vmo, HANDLE_STATS, zx_info_process_handle_stats.sizeof()).status());
        assertStatus(BAD_HANDLE, info(INVALID_HANDLE, PROCESS_MAPS, zx_info_maps.sizeof()).status());
        assertStatus(BAD_HANDLE, info(INVALID_HANDLE, HANDLE_STATS, zx_info_process_handle_stats.sizeof()).status());
    }

    @Test
    @DisplayName("object_get_info.md ZX_INFO_PROCESS_HANDLE_STATS: live handles counted by type")
    void handleStats() {
        int[] before = Info.handleCounts();
        assertTrue(before[zircon_h.ZX_OBJ_TYPE_PROCESS()] >= 1, "the process handle itself");
        assertTrue(before[zircon_h.ZX_OBJ_TYPE_VMAR()] >= 1, "the root VMAR handle");
        int vmo = fx.vmo(PAGE);
        fx.duplicate(vmo, Zx.SAME_RIGHTS);
        fx.vmar(PAGE);
        int[] after = Info.handleCounts();
        assertEquals(before[zircon_h.ZX_OBJ_TYPE_VMO()] + 2, after[zircon_h.ZX_OBJ_TYPE_VMO()]);
        assertEquals(before[zircon_h.ZX_OBJ_TYPE_VMAR()] + 1, after[zircon_h.ZX_OBJ_TYPE_VMAR()]);
        assertEquals(new Result(OK, 1, 1), info(Zx.self(), HANDLE_STATS, zx_info_process_handle_stats.sizeof()));
    }

    @Test
    @DisplayName("object_get_info.md: an unknown topic gives NOT_SUPPORTED")
    void unknownTopic() {
        int vmo = fx.vmo(PAGE);
        for (int topic : new int[] {zircon_h.ZX_INFO_NONE(), 0x7ff, 0x7000_0017}) {
            assertStatus(NOT_SUPPORTED, info(vmo, topic, 256).status(), "topic " + Integer.toHexString(topic));
        }
    }
    @Test
    @DisplayName("object_get_info.md: a buffer pointer that cannot be written gives INVALID_ARGS; run in a child JVM")
    void unwritableBuffer() {
        assertStatus(Zx.INVALID_ARGS, Isolated.status(IsolatedCases.class, "handleBasicIntoUnmappedBuffer"));
    }

    @Test
    @DisplayName("object_get_info.md ZX_INFO_PROCESS_MAPS: a mapping entry carries its VMO's name")
    void mappingEntryNamesItsVmo() {
        int vmo = fx.vmo(PAGE);
        byte[] name = "mapped-vmo".getBytes(StandardCharsets.US_ASCII);
        ok(zircon_h.zx_object_set_property(vmo, zircon_h.ZX_PROP_NAME(), fx.copy(name), name.length));
        long addr = fx.map(vmo, R, PAGE);
        List<Info.Map> maps = Info.mappingsIn(Zx.self(), PROCESS_MAPS, addr, PAGE);
        assertEquals(1, maps.size(), maps.toString());
        assertEquals("mapped-vmo", maps.get(0).name());
    }
}
