package dev.zirconffm.reliability;

import dev.zirconffm.MapOption;
import dev.zirconffm.MapOptions;
import dev.zirconffm.Right;
import dev.zirconffm.Rights;
import dev.zirconffm.Status;
import dev.zirconffm.Vmar;
import dev.zirconffm.VmarOption;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model check's address-space operations: map (and the unsafe entry, kept in bounds), access
 * through segments, VMO reads and writes through segments, unmap, protect, allocate, destroy,
 * VMAR handle duplicate / replace / close, and arenas opened and closed (shared ones also from
 * another thread). Predictions follow the refusals {@link Vmar} documents and Fuchsia's
 * vmar_*.md.
 */
final class MapOps {

    private static final int MAX_LIVE_MAPPINGS = 24;
    private static final int MAX_REGIONS = 10;
    private static final int MAX_ARENAS = 6;
    private static final Right[] VMAR_RIGHTS = {Right.READ, Right.WRITE, Right.EXECUTE, Right.OP_CHILDREN,
            Right.DUPLICATE, Right.INSPECT};

    private final Episode e;
    private final World w;
    private final Checker c;
    private final long page;

    MapOps(Episode e) {
        this.e = e;
        this.w = e.w;
        this.c = e.c;
        this.page = e.page;
    }

    void step() {
        int r = e.rnd.nextInt(100);
        if (r < 16) {
            map();
        } else if (r < 32) {
            accessSegment();
        } else if (r < 40) {
            vmoIoThroughSegment();
        } else if (r < 48) {
            unmap();
        } else if (r < 58) {
            protect();
        } else if (r < 63) {
            allocate();
        } else if (r < 66) {
            destroy();
        } else if (r < 74) {
            vmarHandleOp();
        } else {
            arenaOp();
        }
    }

    private static Set<Outcome> none() {
        return new HashSet<>();
    }

    private static Set<Outcome> of(Status s) {
        Set<Outcome> set = none();
        set.add(Outcome.zx(s));
        return set;
    }

    private long liveMappings() {
        return w.mappings.stream().filter(World.Mapping::live).count();
    }

    private World.ArenaModel arenaForMapping() {
        long open = w.arenas.stream().filter(a -> !a.closed).count();
        if (open == 0 || (open < MAX_ARENAS && e.chance(10))) {
            return newArena();
        }
        return e.pickMostlyOpen(w.arenas, a -> !a.closed);
    }

    private World.ArenaModel newArena() {
        boolean shared = e.rnd.nextBoolean();
        World.ArenaModel a = new World.ArenaModel(shared ? Arena.ofShared() : Arena.ofConfined(), shared);
        w.arenas.add(a);
        c.note("new " + (shared ? "shared" : "confined") + " arena #" + w.arenas.indexOf(a));
        return a;
    }

    static int permBits(MapOptions o) {
        return (o.contains(MapOption.PERM_READ) ? World.PERM_R : 0) | (o.contains(MapOption.PERM_WRITE) ? World.PERM_W : 0)
                | (o.contains(MapOption.PERM_EXECUTE) ? World.PERM_X : 0);
    }

    static MapOptions options(int perms) {
        EnumSet<MapOption> set = EnumSet.noneOf(MapOption.class);
        if ((perms & World.PERM_R) != 0) {
            set.add(MapOption.PERM_READ);
        }
        if ((perms & World.PERM_W) != 0) {
            set.add(MapOption.PERM_WRITE);
        }
        if ((perms & World.PERM_X) != 0) {
            set.add(MapOption.PERM_EXECUTE);
        }
        return MapOptions.copyOf(set);
    }

    /** Permissions a mapping may ever have: both handles' READ / WRITE / EXECUTE rights (vmar_map.md). */
    static int ceiling(int vmoRights, int vmarRights) {
        int both = vmoRights & vmarRights;
        return ((both & Right.READ.bit()) != 0 ? World.PERM_R : 0) | ((both & Right.WRITE.bit()) != 0 ? World.PERM_W : 0)
                | ((both & Right.EXECUTE.bit()) != 0 ? World.PERM_X : 0);
    }

    private int randomPerms() {
        int r = e.rnd.nextInt(100);
        if (r < 45) {
            return World.PERM_R;
        } else if (r < 85) {
            return World.PERM_R | World.PERM_W;
        } else if (r < 92) {
            return e.execAllowed ? World.PERM_R | World.PERM_X : World.PERM_R;
        } else if (r < 94) {
            return 0;
        } else if (r < 96) {
            return World.PERM_W;
        }
        return e.execAllowed ? World.PERM_R | World.PERM_W | World.PERM_X : World.PERM_R | World.PERM_W;
    }

    private World.VmarHandle pickVmarHandle(boolean allowRoot) {
        if (w.vmarHandles.stream().noneMatch(x -> !x.closed && x.region == w.top)) {
            // Keep one open handle to the top region in play (others come and go).
            w.vmarHandles.add(new World.VmarHandle(e.duplicateTop(), w.top, e.topRights));
            c.note("new handle to the top region");
        }
        World.VmarHandle h = e.pickMostlyOpen(w.vmarHandles, x -> !x.closed);
        if (h.region.isRoot && !allowRoot) {
            World.VmarHandle other = e.pickMostlyOpen(w.vmarHandles.stream().filter(x -> !x.region.isRoot).toList(),
                    x -> !x.closed);
            return other != null ? other : h;
        }
        return h;
    }

    // --- map ------------------------------------------------------------------------------------

    private void map() {
        if (liveMappings() >= MAX_LIVE_MAPPINGS || w.vmoHandles.isEmpty()) {
            closeSomeArena();
            return;
        }
        World.VmarHandle vh = pickVmarHandle(e.chance(10));
        World.VmoHandle h = e.pickMostlyOpen(w.vmoHandles, x -> !x.closed);
        World.ArenaModel a = arenaForMapping();
        World.Region r = vh.region;
        // The unsafe entry maps resizable VMOs; it is used only in bounds, where the shrink check
        // keeps the mapping from faulting.
        boolean unsafe = h.javaResizable && h.obj.size > 0 && e.chance(85);
        int perms = unsafe ? (e.rnd.nextBoolean() ? World.PERM_R : World.PERM_R | World.PERM_W) : randomPerms();
        int place = r.isRoot ? 0 : e.rnd.nextInt(10); // 0-6 anywhere, 7-8 SPECIFIC, 9 SPECIFIC_OVERWRITE
        boolean specific = place == 7 || place == 8;
        boolean overwrite = place == 9;
        long vmoPages = h.obj.size / page;
        long vmoOffset = (vmoPages > 0 && e.chance(96) ? e.rnd.nextLong(vmoPages) : vmoPages + e.rnd.nextInt(2)) * page
                + (e.chance(4) ? 1 + e.rnd.nextInt(64) : 0);
        // Mostly a mapping that fits the VMO; sometimes one past its end.
        long fit = vmoPages - vmoOffset / page;
        long pages = fit > 0 && e.chance(95) ? 1 + e.rnd.nextLong(fit) : 1 + e.rnd.nextInt(8);
        long bytes = pages * page;
        long length = bytes - (e.chance(20) ? e.rnd.nextInt((int) page) : 0);
        long vmarOffset = specific || overwrite ? e.rnd.nextLong(r.length / page + 1) * page + (e.chance(4) ? 512 : 0) : 0;
        long align = !specific && !overwrite && !r.isRoot && e.chance(10) ? page << (1 + e.rnd.nextInt(4)) : 0;
        if (unsafe && vmoOffset + bytes > h.obj.size) {
            vmoOffset = 0;
            pages = Math.max(1, h.obj.size / page);
            bytes = pages * page;
            length = bytes;
        }
        boolean allowFaultsInSafeMap = !unsafe && e.chance(2);
        MapOptions opts = options(perms);
        if (specific) {
            opts = opts.with(MapOption.SPECIFIC);
        } else if (overwrite) {
            opts = opts.with(MapOption.SPECIFIC_OVERWRITE);
        }
        if (align != 0) {
            opts = opts.aligned(align);
        }
        if (unsafe || allowFaultsInSafeMap) {
            opts = opts.with(MapOption.ALLOW_FAULTS);
        }

        Set<Outcome> s = none();
        // Argument checks the safe entry makes before anything else.
        if (!unsafe && ((perms & World.PERM_R) == 0 || h.javaResizable || allowFaultsInSafeMap)) {
            s.add(Outcome.IAE);
        }
        if (s.isEmpty() && !unsafe && (vmoOffset > h.obj.size || bytes > h.obj.size - vmoOffset)) {
            s.add(Outcome.IAE);
            if (h.closed) {
                s.add(Outcome.ISE); // the size lookup may come first
            }
        }
        long target = r.base + vmarOffset;
        if (s.isEmpty() && (a.closed || h.closed || vh.closed
                || overwrite && (r.isRoot || !w.liveOverlapping(target, target + bytes).isEmpty()))) {
            s.add(Outcome.ISE);
        }
        if (s.isEmpty()) {
            if (!h.has(Right.MAP.bit()) || (perms & ~ceiling(h.rights, vh.rights)) != 0 || (perms & ~r.canMap) != 0) {
                s.add(Outcome.zx(Status.ACCESS_DENIED));
            }
            if (r.destroyed) {
                s.add(Outcome.zx(Status.BAD_STATE));
            }
            if ((specific || overwrite) && !r.canSpecific) {
                s.add(Outcome.zx(Status.ACCESS_DENIED));
            }
            if (vmarOffset % page != 0 || vmoOffset % page != 0
                    || (specific || overwrite) && (vmarOffset >= r.length || bytes > r.length - vmarOffset)) {
                s.add(Outcome.zx(Status.INVALID_ARGS));
            }
            if (specific && !r.isFree(target, target + bytes)) {
                s.add(Outcome.zx(Status.ALREADY_EXISTS));
            }
            long targetEnd = target + bytes;
            if (overwrite && r.subs.stream().anyMatch(x -> x.base < targetEnd && target < x.end())) {
                s.add(Outcome.zx(Status.INVALID_ARGS));
            }
            if (!specific && !overwrite && !r.isRoot && bytes > r.length) {
                s.add(Outcome.zx(Status.INVALID_ARGS)); // larger than the whole region
            } else if (!specific && !overwrite && !r.isRoot && !r.hasRoom(bytes, Math.max(align, page))) {
                s.add(Outcome.zx(Status.NO_RESOURCES));
            }
        }
        long fVmoOffset = vmoOffset;
        long fLength = length;
        MapOptions fOpts = opts;
        String what = (unsafe ? "mapUnsafe" : "map") + "(region " + e.hex(r.base) + (vh.closed ? " closed" : "") + ", vmo "
                + h.obj.koid + (h.closed ? " closed" : "") + ", arena #" + w.arenas.indexOf(a) + (a.closed ? " closed" : "")
                + ", vmarOffset " + e.hex(vmarOffset) + ", vmoOffset " + e.hex(vmoOffset) + ", len " + e.hex(length) + ", " + opts + ")";
        MemorySegment seg = c.expect(what, s, () -> unsafe
                ? vh.api.mapUnsafe(a.arena, vmarOffset, h.api, fVmoOffset, fLength, fOpts)
                : vh.api.map(a.arena, vmarOffset, h.api, fVmoOffset, fLength, fOpts));
        if (seg == null) {
            return;
        }
        long addr = seg.address();
        if (addr % page != 0 || addr < r.base || addr + bytes > r.end() || !r.isFree(addr, addr + bytes)
                || (specific || overwrite) && addr != target || align != 0 && addr % align != 0) {
            throw c.fail("mapped at 0x" + Long.toHexString(addr) + ": not where the model allows", null);
        }
        c.same("segment length", length, seg.byteSize());
        c.same("segment read-only", (perms & World.PERM_W) == 0, seg.isReadOnly());
        c.sameBytes("a new mapping's contents", h.obj.read(vmoOffset, (int) length), seg.toArray(ValueLayout.JAVA_BYTE));
        World.Mapping m = new World.Mapping(seg, r, vh, h.obj, vmoOffset, addr, bytes, (perms & World.PERM_W) != 0,
                ceiling(h.rights, vh.rights), perms, a, page);
        r.maps.add(m);
        w.mappings.add(m);
        a.mappings.add(m);
        h.obj.kernelMappings++;
        vh.pins++;
    }

    // --- segments --------------------------------------------------------------------------------

    private void accessSegment() {
        World.Mapping m = e.pickMostlyOpen(w.mappings, World.Mapping::live);
        if (m == null) {
            map();
            return;
        }
        long size = m.segment.byteSize();
        long off = e.rnd.nextLong(size);
        int len = (int) Math.min(size - off, 1 + e.rnd.nextInt(2048));
        String where = "segment of VMO " + m.obj.koid + " [" + e.hex(m.base) + "+" + e.hex(off) + ", len " + len + ")";
        if (e.rnd.nextBoolean()) {
            Set<Outcome> s = none();
            if (!m.live()) {
                s.add(Outcome.ISE);
            }
            byte[] got = c.expect("get " + where, s, () -> m.segment.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE));
            if (got != null) {
                c.sameBytes("read through a " + where, m.obj.read(m.vmoOffset + off, len), got);
            }
        } else {
            byte[] data = new byte[len];
            e.rnd.nextBytes(data);
            Set<Outcome> s = none();
            if (!m.live()) {
                s.add(Outcome.ISE);
            }
            if (!m.writable) {
                s.add(Outcome.IAE); // the JDK's answer to a write into a read-only segment
            }
            if (c.expect("set " + where, s, () -> {
                MemorySegment.copy(data, 0, m.segment, ValueLayout.JAVA_BYTE, off, len);
                return true;
            }) != null) {
                m.obj.write(m.vmoOffset + off, data);
            }
        }
    }

    /** zx_vmo_read into a segment, or zx_vmo_write from one: the kernel touches mapped memory. */
    private void vmoIoThroughSegment() {
        World.Mapping m = e.pickMostlyOpen(w.mappings, World.Mapping::live);
        World.VmoHandle h = e.pickMostlyOpen(w.vmoHandles, x -> !x.closed);
        if (m == null || h == null) {
            return;
        }
        long segOff = e.rnd.nextLong(m.segment.byteSize());
        long len = Math.min(m.segment.byteSize() - segOff, 1 + e.rnd.nextInt(4096));
        long vmoOff = e.rnd.nextInt(h.obj.size + 1);
        if (m.obj.overlaps(m.vmoOffset + segOff, len, h.obj, vmoOff, len)) {
            return; // copying within the same bytes has no defined result
        }
        boolean readIntoSegment = e.rnd.nextBoolean();
        Set<Outcome> s = none();
        if (readIntoSegment && !m.writable) {
            s.add(Outcome.IAE);
        }
        if (s.isEmpty() && (h.closed || !m.live())) {
            s.add(Outcome.ISE);
        }
        if (s.isEmpty()) {
            if (!h.has((readIntoSegment ? Right.READ : Right.WRITE).bit())) {
                s.add(Outcome.zx(Status.ACCESS_DENIED));
            }
            if (vmoOff + len > h.obj.size) {
                s.add(Outcome.zx(Status.OUT_OF_RANGE));
            }
        }
        String what = (readIntoSegment ? "read(vmo " : "write(vmo ") + h.obj.koid + ", off " + e.hex(vmoOff) + ", segment of VMO "
                + m.obj.koid + " +" + e.hex(segOff) + ", len " + len + ")";
        if (c.expect(what, s, () -> {
            MemorySegment slice = m.segment.asSlice(segOff, len);
            if (readIntoSegment) {
                h.api.read(slice, vmoOff);
            } else {
                h.api.write(slice, vmoOff);
            }
            return true;
        }) == null) {
            return;
        }
        if (readIntoSegment) {
            m.obj.write(m.vmoOffset + segOff, h.obj.read(vmoOff, (int) len));
        } else {
            h.obj.write(vmoOff, m.obj.read(m.vmoOffset + segOff, (int) len));
        }
    }

    // --- unmap, protect, allocate, destroy -------------------------------------------------------

    /** A range to attack: a mapping's (live or dead), a sub-region's, or any in the region. */
    private long[] targetRange(World.Region r) {
        int k = e.rnd.nextInt(10);
        World.Mapping m = e.pick(w.mappings);
        if (k < 4 && m != null) {
            long lo = m.base + (e.rnd.nextBoolean() ? 0 : e.rnd.nextLong(m.length / page) * page);
            long hi = m.end() - (e.rnd.nextBoolean() ? 0 : e.rnd.nextLong((m.end() - lo) / page) * page);
            if (e.chance(20)) {
                lo -= page;
            }
            if (e.chance(20)) {
                hi += page;
            }
            return new long[]{lo, hi - lo};
        }
        World.Region sub = e.pick(r.subs);
        if (k < 6 && sub != null) {
            return new long[]{sub.base, sub.length};
        }
        long span = Math.min(r.length, Episode.TOP_PAGES * page) / page;
        long lo = (r.isRoot ? w.top.base : r.base) + e.rnd.nextLong(span) * page;
        long len = (1 + e.rnd.nextInt(16)) * page;
        if (e.chance(4)) {
            lo += 256; // unaligned
        }
        if (e.chance(4)) {
            lo = r.end(); // outside
        }
        return new long[]{lo, len};
    }

    private void unmap() {
        World.VmarHandle vh = pickVmarHandle(e.chance(10));
        World.Region r = vh.region;
        long[] t = targetRange(r);
        long addr = t[0];
        long len = t[1] - (e.chance(10) ? e.rnd.nextInt((int) page) : 0);
        long end = addr + (len + page - 1) / page * page;
        Set<Outcome> s = none();
        if (vh.closed || !w.liveOverlapping(addr, end).isEmpty() || r.isRoot) {
            s.add(Outcome.ISE);
        }
        if (s.isEmpty()) {
            if (addr % page != 0 || addr < r.base || end > r.end()) {
                s.add(Outcome.zx(Status.INVALID_ARGS));
            }
            if (r.destroyed) {
                s.add(Outcome.zx(Status.BAD_STATE));
            }
            for (World.Region sub : r.subs) {
                boolean touches = sub.base < end && addr < sub.end();
                boolean inside = sub.base >= addr && sub.end() <= end;
                if (touches && (!inside || (vh.rights & Right.OP_CHILDREN.bit()) == 0)) {
                    s.add(Outcome.zx(Status.INVALID_ARGS));
                }
            }
        }
        if (c.expect("unmap(region " + e.hex(r.base) + (vh.closed ? " closed" : "") + ", " + e.hex(addr) + ", len " + e.hex(len) + ")",
                s, () -> {
                    vh.api.unmap(addr, len);
                    return true;
                }) == null) {
            return;
        }
        for (World.Region sub : List.copyOf(r.subs)) {
            if (sub.base >= addr && sub.end() <= end) {
                sub.destroyTree();
            }
        }
        if (r.maps.stream().anyMatch(m -> m.base < end && addr < m.end())) {
            throw c.fail("the model holds a mapping in a range the kernel just unmapped", null);
        }
    }

    private void protect() {
        World.VmarHandle vh = pickVmarHandle(e.chance(15));
        long[] t = targetRange(vh.region);
        boolean xom = e.chance(4);
        int perms = xom ? 0 : randomPerms();
        World.Mapping live = e.pick(w.mappings.stream().filter(World.Mapping::live).toList());
        if (live != null && e.chance(60)) {
            // A change the API allows: within one live mapping, keeping what its segment needs.
            World.VmarHandle own = e.pick(w.vmarHandles.stream().filter(x -> !x.closed && x.region == live.region).toList());
            if (own != null) {
                vh = own;
                long first = e.rnd.nextLong(live.length / page);
                long count = 1 + e.rnd.nextLong(live.length / page - first);
                t = new long[]{live.base + first * page, count * page};
                perms = (live.writable || e.rnd.nextBoolean() ? World.PERM_R | World.PERM_W : World.PERM_R)
                        | (e.chance(10) ? World.PERM_X : 0);
                xom = false;
            }
        }
        World.VmarHandle fvh = vh;
        World.Region r = vh.region;
        long addr = t[0];
        long len = t[1];
        long end = addr + (len + page - 1) / page * page;
        MapOptions opts = xom ? MapOptions.of(MapOption.PERM_READ_IF_XOM_UNSUPPORTED) : options(perms);
        int effective = xom ? World.PERM_R : perms; // x86 has no execute-only mappings
        Set<Outcome> s = none();
        if (vh.closed) {
            s.add(Outcome.ISE);
        }
        for (World.Mapping m : w.liveOverlapping(addr, end)) {
            if ((perms & World.PERM_R) == 0 || m.writable && (perms & World.PERM_W) == 0) {
                s.add(Outcome.ISE); // would downgrade a live segment
            }
        }
        if (r.isRoot && w.mappings.stream().noneMatch(m -> m.live() && m.base <= addr && end <= m.end())) {
            s.add(Outcome.ISE);
        }
        if (s.isEmpty()) {
            kernelProtectRefusals(vh, r, addr, end, effective, s);
        }
        if (c.expect("protect(region " + e.hex(r.base) + (vh.closed ? " closed" : "") + ", " + e.hex(addr) + ", len " + e.hex(len)
                + ", " + opts + ")", s, () -> {
                    fvh.api.protect(addr, len, opts);
                    return true;
                }) == null) {
            return;
        }
        for (long p = addr; p < end; p += page) {
            World.Mapping m = World.mappingAt(r, p);
            m.pagePerms[(int) ((p - m.base) / page)] = effective;
        }
    }

    /** vmar_protect.md's refusals; the walk over the range goes in address order, as the kernel's. */
    private void kernelProtectRefusals(World.VmarHandle vh, World.Region r, long addr, long end, int perms, Set<Outcome> s) {
        int needed = ((perms & World.PERM_R) != 0 ? Right.READ.bit() : 0) | ((perms & World.PERM_W) != 0 ? Right.WRITE.bit() : 0)
                | ((perms & World.PERM_X) != 0 ? Right.EXECUTE.bit() : 0);
        if ((vh.rights & needed) != needed) {
            s.add(Outcome.zx(Status.ACCESS_DENIED));
        }
        if (perms != 0 && (perms & World.PERM_R) == 0 || addr % page != 0) {
            s.add(Outcome.zx(Status.INVALID_ARGS));
        }
        if (r.destroyed) {
            s.add(Outcome.zx(Status.BAD_STATE));
        }
        if (addr < r.base || end > r.end()) {
            s.add(Outcome.zx(Status.INVALID_ARGS));
        }
        if (!s.isEmpty()) {
            return;
        }
        for (long p = addr; p < end; p += page) {
            World.Mapping m = World.mappingAt(r, p);
            if (m == null) {
                s.add(Outcome.zx(Status.NOT_FOUND));
                return;
            }
            if ((perms & ~m.maxPerms) != 0) {
                s.add(Outcome.zx(Status.ACCESS_DENIED));
                return;
            }
            if (m.region != r) {
                if ((vh.rights & Right.OP_CHILDREN.bit()) == 0) {
                    s.add(Outcome.zx(Status.INVALID_ARGS));
                    return;
                }
                if ((perms & ~m.pagePerms[(int) ((p - m.base) / page)]) != 0) {
                    s.add(Outcome.zx(Status.ACCESS_DENIED)); // a sub-region's mappings may only lose permissions
                    return;
                }
            }
        }
    }

    private void allocate() {
        World.VmarHandle vh = pickVmarHandle(false);
        if (vh.region.isRoot || w.regions.stream().filter(x -> !x.destroyed).count() >= MAX_REGIONS) {
            return;
        }
        World.Region r = vh.region;
        long size = (1 + e.rnd.nextInt(64)) * page - (e.chance(5) ? 512 : 0);
        EnumSet<VmarOption> opts = EnumSet.noneOf(VmarOption.class);
        int canMap = 0;
        if (e.chance(80)) {
            opts.add(VmarOption.CAN_MAP_READ);
            canMap |= World.PERM_R;
        }
        if (e.chance(60)) {
            opts.add(VmarOption.CAN_MAP_WRITE);
            canMap |= World.PERM_W;
        }
        if (e.chance(15)) {
            opts.add(VmarOption.CAN_MAP_EXECUTE);
            canMap |= World.PERM_X;
        }
        boolean canSpecific = e.chance(50);
        if (canSpecific) {
            opts.add(VmarOption.CAN_MAP_SPECIFIC);
        }
        int needed = ((canMap & World.PERM_R) != 0 ? Right.READ.bit() : 0) | ((canMap & World.PERM_W) != 0 ? Right.WRITE.bit() : 0)
                | ((canMap & World.PERM_X) != 0 ? Right.EXECUTE.bit() : 0);
        Set<Outcome> s = none();
        if (vh.closed) {
            s.add(Outcome.ISE);
        } else {
            if ((vh.rights & needed) != needed || (canMap & ~r.canMap) != 0) {
                s.add(Outcome.zx(Status.ACCESS_DENIED));
            }
            if (size % page != 0) {
                s.add(Outcome.zx(Status.INVALID_ARGS));
            }
            if (r.destroyed) {
                s.add(Outcome.zx(Status.BAD_STATE));
            }
            if (size > r.length) {
                s.add(Outcome.zx(Status.INVALID_ARGS)); // larger than the whole region
            } else if (!r.hasRoom(size, page)) {
                s.add(Outcome.zx(Status.NO_RESOURCES));
            }
        }
        Vmar v = c.expect("allocate(region " + e.hex(r.base) + (vh.closed ? " closed" : "") + ", " + e.hex(size) + ", " + opts + ")",
                s, () -> vh.api.allocate(size, opts));
        if (v == null) {
            return;
        }
        long base = v.base();
        if (base % page != 0 || base < r.base || base + size > r.end() || !r.isFree(base, base + size)) {
            throw c.fail("allocated at 0x" + Long.toHexString(base) + ": not where the model allows", null);
        }
        World.Region sub = new World.Region(base, size, canMap, canSpecific, r, false);
        r.subs.add(sub);
        w.regions.add(sub);
        int rights = Rights.DEFAULT_VMAR.bits() | needed;
        w.vmarHandles.add(new World.VmarHandle(v, sub, rights));
        c.same("rights of a new region", Rights.fromBits(rights), v.rights());
    }

    private void destroy() {
        World.VmarHandle vh = pickVmarHandle(e.chance(5));
        World.Region r = vh.region;
        if (r == w.top) {
            return; // the teardown destroys it
        }
        Set<Outcome> s = none();
        if (r.isRoot || vh.closed || !w.liveOverlapping(r.base, r.end()).isEmpty()) {
            s.add(Outcome.ISE);
        } else {
            if ((vh.rights & Right.OP_CHILDREN.bit()) == 0) {
                s.add(Outcome.zx(Status.ACCESS_DENIED));
            }
            if (r.destroyed) {
                s.add(Outcome.zx(Status.BAD_STATE));
            }
        }
        if (c.expect("destroy(region " + e.hex(r.base) + (vh.closed ? " closed" : "") + ")", s, () -> {
            vh.api.destroy();
            return true;
        }) != null) {
            r.destroyTree();
        }
    }

    // --- VMAR handles and arenas -----------------------------------------------------------------

    private void vmarHandleOp() {
        World.VmarHandle vh = pickVmarHandle(e.chance(20));
        World.Region r = vh.region;
        boolean processOwned = vh.api == Vmar.root();
        int k = e.rnd.nextInt(3);
        String who = "region " + e.hex(r.base) + (vh.closed ? " closed" : "") + (processOwned ? " (root handle)" : "");
        if (k == 0 && w.vmarHandles.size() < 16) {
            int rights = e.rightsFrom(vh.rights, VMAR_RIGHTS);
            Set<Outcome> s = none();
            if (vh.closed) {
                s.add(Outcome.ISE);
            } else {
                if ((vh.rights & Right.DUPLICATE.bit()) == 0) {
                    s.add(Outcome.zx(Status.ACCESS_DENIED));
                }
                if ((rights & ~vh.rights) != 0) {
                    s.add(Outcome.zx(Status.INVALID_ARGS));
                }
            }
            Vmar v = c.expect("duplicate(" + who + ", " + Rights.fromBits(rights) + ")", s, () -> vh.api.duplicate(Rights.fromBits(rights)));
            if (v != null) {
                w.vmarHandles.add(new World.VmarHandle(v, r, rights));
            }
        } else if (k == 1) {
            int rights = e.rightsFrom(vh.rights, VMAR_RIGHTS);
            Set<Outcome> s = none();
            if (processOwned) {
                s.add(Outcome.UNSUPPORTED);
            } else if (vh.closed || vh.pins > 0) {
                s.add(Outcome.ISE); // live mappings need this handle to unmap
            } else if ((rights & ~vh.rights) != 0) {
                s.add(Outcome.zx(Status.INVALID_ARGS));
            }
            Vmar v = c.expect("replace(" + who + ", " + Rights.fromBits(rights) + ", pins " + vh.pins + ")", s,
                    () -> vh.api.replace(Rights.fromBits(rights)));
            if (!processOwned) {
                vh.closed = true;
                c.same("isClosed after replace", true, vh.api.isClosed());
            }
            if (v != null) {
                w.vmarHandles.add(new World.VmarHandle(v, r, rights));
            }
        } else {
            c.expect("close(" + who + ")", none(), () -> {
                vh.api.close();
                return true;
            });
            if (!processOwned) {
                vh.closed = true;
            }
            c.same("isClosed after close", !processOwned, vh.api.isClosed());
        }
    }

    private void arenaOp() {
        int k = e.rnd.nextInt(10);
        long open = w.arenas.stream().filter(a -> !a.closed).count();
        if (k < 3 && open < MAX_ARENAS) {
            newArena();
            return;
        }
        World.ArenaModel a = e.pickMostlyOpen(w.arenas, x -> !x.closed);
        if (a == null) {
            return;
        }
        String which = (a.shared ? "shared" : "confined") + " arena #" + w.arenas.indexOf(a) + " (" + a.mappings.size() + " mappings)";
        boolean otherThread = k >= 6;
        Set<Outcome> s = none();
        if (otherThread && !a.shared) {
            s.add(Outcome.WRONG_THREAD); // a confined arena stays open
        }
        if (a.closed) {
            s.add(Outcome.ISE);
        }
        if (c.expect((otherThread ? "close from another thread " : "close ") + which, s,
                () -> otherThread ? closeInAnotherThread(a.arena) : close(a.arena)) != null) {
            w.closed(a);
        }
    }

    private void closeSomeArena() {
        World.ArenaModel a = e.pick(w.arenas.stream().filter(x -> !x.closed && !x.mappings.isEmpty()).toList());
        if (a != null) {
            c.expect("close (to make room) arena #" + w.arenas.indexOf(a), none(), () -> close(a.arena));
            w.closed(a);
        }
    }

    private static Boolean close(Arena arena) {
        arena.close();
        return true;
    }

    /** Closes {@code arena} in a new platform thread and rethrows what that close threw. */
    private static Boolean closeInAnotherThread(Arena arena) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                arena.close();
            } catch (Throwable x) {
                thrown.set(x);
            }
        });
        t.join();
        Throwable x = thrown.get();
        if (x instanceof Exception ex) {
            throw ex;
        }
        if (x instanceof Error err) {
            throw err;
        }
        return true;
    }
}
