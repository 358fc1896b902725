package dev.zirconffm.reliability;

import dev.zirconffm.Vmar;
import dev.zirconffm.Vmo;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The model check's plain-Java picture of the emulated process: VMO contents, handles and their
 * rights, regions, mappings with per-page permissions, and arenas. The API objects under test
 * hang off it; nothing here asks the kernel.
 */
final class World {

    static final int PERM_R = 1;
    static final int PERM_W = 2;
    static final int PERM_X = 4;

    final long page;
    final List<Obj> vmos = new ArrayList<>();
    final List<VmoHandle> vmoHandles = new ArrayList<>();
    final List<Region> regions = new ArrayList<>();
    final List<VmarHandle> vmarHandles = new ArrayList<>();
    final List<Mapping> mappings = new ArrayList<>();
    final List<ArenaModel> arenas = new ArrayList<>();
    Region root;
    Region top;

    World(long page) {
        this.page = page;
    }

    /** Bytes shared by a VMO and its slices (a memfd, in the emulator). */
    static final class Store {
        byte[] bytes;

        Store(int size) {
            bytes = new byte[size];
        }
    }

    /** A VMO: a window {@code [base, base+size)} of a store. */
    static final class Obj {
        final long koid;
        final Store store;
        final int base;
        int size;
        final boolean resizable;
        final boolean slice;
        final Obj parent;
        final long parentKoid;
        final List<Obj> children = new ArrayList<>();
        String name = "";
        int handles;
        int kernelMappings;

        Obj(long koid, Store store, int base, int size, boolean resizable, boolean slice, Obj parent) {
            this.koid = koid;
            this.store = store;
            this.base = base;
            this.size = size;
            this.resizable = resizable;
            this.slice = slice;
            this.parent = parent;
            this.parentKoid = parent == null ? 0 : parent.koid;
        }

        /** Alive while a handle, a mapping or a slice child (which holds its parent) refers to it. */
        boolean alive() {
            if (handles > 0 || kernelMappings > 0) {
                return true;
            }
            for (Obj c : children) {
                if (c.slice && c.alive()) {
                    return true;
                }
            }
            return false;
        }

        long liveChildren() {
            return children.stream().filter(Obj::alive).count();
        }

        byte[] read(long offset, int length) {
            return Arrays.copyOfRange(store.bytes, base + (int) offset, base + (int) offset + length);
        }

        void write(long offset, byte[] data) {
            System.arraycopy(data, 0, store.bytes, base + (int) offset, data.length);
        }

        void zero(long offset, long length) {
            Arrays.fill(store.bytes, base + (int) offset, base + (int) (offset + length), (byte) 0);
        }

        /** True if {@code [offset, offset+length)} of this VMO and of {@code other} share bytes. */
        boolean overlaps(long offset, long length, Obj other, long otherOffset, long otherLength) {
            if (store != other.store) {
                return false;
            }
            long a = base + offset;
            long b = other.base + otherOffset;
            return a < b + otherLength && b < a + length;
        }
    }

    /** A {@link Vmo} handle of the API and what the model expects of it. */
    static final class VmoHandle {
        final Vmo api;
        final Obj obj;
        final int rights;
        final boolean javaResizable;
        boolean closed;

        VmoHandle(Vmo api, Obj obj, int rights, boolean javaResizable) {
            this.api = api;
            this.obj = obj;
            this.rights = rights;
            this.javaResizable = javaResizable;
        }

        boolean has(int right) {
            return (rights & right) == right;
        }
    }

    /** A VMAR: its range, what it may map, and what lies in it. */
    static final class Region {
        final long base;
        final long length;
        final int canMap;
        final boolean canSpecific;
        final Region parent;
        final boolean isRoot;
        final List<Region> subs = new ArrayList<>();
        final List<Mapping> maps = new ArrayList<>();
        boolean destroyed;

        Region(long base, long length, int canMap, boolean canSpecific, Region parent, boolean isRoot) {
            this.base = base;
            this.length = length;
            this.canMap = canMap;
            this.canSpecific = canSpecific;
            this.parent = parent;
            this.isRoot = isRoot;
        }

        long end() {
            return base + length;
        }

        /** The sub-region or mapping directly in this region at {@code addr}, or null. */
        Object childAt(long addr) {
            for (Region s : subs) {
                if (addr >= s.base && addr < s.end()) {
                    return s;
                }
            }
            for (Mapping m : maps) {
                if (addr >= m.base && addr < m.end()) {
                    return m;
                }
            }
            return null;
        }

        /** True if nothing lies directly in this region within {@code [start, end)}. */
        boolean isFree(long start, long end) {
            for (Region s : subs) {
                if (s.base < end && start < s.end()) {
                    return false;
                }
            }
            for (Mapping m : maps) {
                if (m.base < end && start < m.end()) {
                    return false;
                }
            }
            return true;
        }

        /** True if a free range of {@code size} bytes aligned to {@code align} exists (never asked of the root). */
        boolean hasRoom(long size, long align) {
            List<long[]> used = new ArrayList<>();
            subs.forEach(s -> used.add(new long[]{s.base, s.end()}));
            maps.forEach(m -> used.add(new long[]{m.base, m.end()}));
            used.sort((x, y) -> Long.compare(x[0], y[0]));
            long cursor = base;
            for (long[] u : used) {
                if (fits(cursor, u[0], size, align)) {
                    return true;
                }
                cursor = Math.max(cursor, u[1]);
            }
            return fits(cursor, end(), size, align);
        }

        private static boolean fits(long from, long to, long size, long align) {
            long start = (from + align - 1) / align * align;
            return start + size <= to;
        }

        /** Marks this region and everything below it destroyed and takes it out of its parent. */
        void destroyTree() {
            if (parent != null) {
                parent.subs.remove(this);
            }
            markDestroyed();
        }

        private void markDestroyed() {
            destroyed = true;
            for (Region s : subs) {
                s.markDestroyed();
            }
            subs.clear();
        }
    }

    /** A {@link Vmar} handle of the API. */
    static final class VmarHandle {
        final Vmar api;
        final Region region;
        final int rights;
        boolean closed;
        int pins; // live mappings made through it: its kernel handle lives until they go

        VmarHandle(Vmar api, Region region, int rights) {
            this.api = api;
            this.region = region;
            this.rights = rights;
        }

        boolean kernelLive() {
            return !closed || pins > 0;
        }
    }

    /** A mapping made through the API, alive while its arena is open. */
    static final class Mapping {
        final MemorySegment segment;
        final Region region;
        final VmarHandle via;
        final Obj obj;
        final long vmoOffset;
        final long base;
        final long length; // whole pages
        final boolean writable;
        final int maxPerms;
        final int[] pagePerms;
        final ArenaModel arena;

        Mapping(MemorySegment segment, Region region, VmarHandle via, Obj obj, long vmoOffset, long base, long length,
                boolean writable, int maxPerms, int perms, ArenaModel arena, long page) {
            this.segment = segment;
            this.region = region;
            this.via = via;
            this.obj = obj;
            this.vmoOffset = vmoOffset;
            this.base = base;
            this.length = length;
            this.writable = writable;
            this.maxPerms = maxPerms;
            this.pagePerms = new int[(int) (length / page)];
            Arrays.fill(pagePerms, perms);
            this.arena = arena;
        }

        long end() {
            return base + length;
        }

        boolean live() {
            return !arena.closed;
        }
    }

    /** An arena that segments belong to. */
    static final class ArenaModel {
        final Arena arena;
        final boolean shared;
        final List<Mapping> mappings = new ArrayList<>();
        boolean closed;

        ArenaModel(Arena arena, boolean shared) {
            this.arena = arena;
            this.shared = shared;
        }
    }

    /** Live mappings (any region) sharing an address with {@code [start, end)}. */
    List<Mapping> liveOverlapping(long start, long end) {
        List<Mapping> out = new ArrayList<>();
        for (Mapping m : mappings) {
            if (m.live() && m.base < end && start < m.end()) {
                out.add(m);
            }
        }
        return out;
    }

    /** The mapping at {@code addr} in {@code r} or any region below it, or null. */
    static Mapping mappingAt(Region r, long addr) {
        Object c = r.childAt(addr);
        while (c instanceof Region s) {
            c = s.childAt(addr);
        }
        return (Mapping) c;
    }

    /** Unmaps the arena's mappings in the model: the kernel mappings go, pins drop. */
    void closed(ArenaModel a) {
        a.closed = true;
        for (Mapping m : a.mappings) {
            m.region.maps.remove(m);
            m.obj.kernelMappings--;
            m.via.pins--;
        }
    }
}
