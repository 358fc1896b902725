package dev.zirconffm.reliability;

import dev.zirconffm.Right;
import dev.zirconffm.Rights;
import dev.zirconffm.Vmar;
import dev.zirconffm.VmarOption;
import dev.zirconffm.internal.MappingRegistry;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One seeded run of the model check: a fresh region under the root, {@code ops} random
 * operations drawn from {@link VmoOps} and {@link MapOps}, each checked against {@link World}
 * as it happens, periodic {@link Audit}s of the kernel's own view, and a teardown that must leave
 * no handle and no mapping behind.
 */
final class Episode {

    static final int TOP_PAGES = 512;

    final long page;
    final Random rnd;
    final World w;
    final Checker c = new Checker();
    final boolean execAllowed;
    private final VmoOps vmoOps;
    private final MapOps mapOps;
    private final Audit audit;
    private Vmar topKeeper;
    int topRights;

    Episode(long seed, long page, boolean execAllowed) {
        this.page = page;
        this.rnd = new Random(seed);
        this.w = new World(page);
        this.execAllowed = execAllowed;
        this.vmoOps = new VmoOps(this);
        this.mapOps = new MapOps(this);
        this.audit = new Audit(this);
    }

    /** Runs {@code ops} operations; throws {@link Checker.Mismatch} at the first disagreement. */
    void run(long ops) {
        int vmos = KernelProbe.vmoHandles();
        int vmars = KernelProbe.vmarHandles();
        int registered = MappingRegistry.global().size();
        long rootChildren = KernelProbe.rootChildren();
        audit.baseline(vmos, vmars, registered);
        setUp();
        while (c.ops < ops) {
            c.ops++;
            step();
            if (c.ops % 64 == 0) {
                audit.run();
            }
        }
        audit.run();
        tearDown();
        c.note("teardown");
        c.same("VMO handles after teardown", vmos, KernelProbe.vmoHandles());
        c.same("VMAR handles after teardown", vmars, KernelProbe.vmarHandles());
        c.same("registered mappings after teardown", registered, MappingRegistry.global().size());
        c.same("root VMAR children after teardown", rootChildren, KernelProbe.rootChildren());
    }

    private void setUp() {
        Vmar rootApi = Vmar.root();
        w.root = new World.Region(rootApi.base(), rootApi.length(), World.PERM_R | World.PERM_W | World.PERM_X,
                true, null, true);
        w.regions.add(w.root);
        w.vmarHandles.add(new World.VmarHandle(rootApi, w.root, rootApi.rights().bits()));
        EnumSet<VmarOption> opts = EnumSet.of(VmarOption.CAN_MAP_READ, VmarOption.CAN_MAP_WRITE, VmarOption.CAN_MAP_SPECIFIC);
        int canMap = World.PERM_R | World.PERM_W;
        if (execAllowed && rnd.nextBoolean()) {
            opts.add(VmarOption.CAN_MAP_EXECUTE);
            canMap |= World.PERM_X;
        }
        Vmar topApi = rootApi.allocate(TOP_PAGES * page, opts);
        w.top = new World.Region(topApi.base(), topApi.length(), canMap, true, w.root, false);
        w.root.subs.add(w.top);
        w.regions.add(w.top);
        w.vmarHandles.add(new World.VmarHandle(topApi, w.top, topApi.rights().bits()));
        topKeeper = topApi.duplicate(); // outside the model's lists: no operation closes it
        topRights = topApi.rights().bits();
        c.note("setup: top region [0x" + Long.toHexString(w.top.base) + ", +0x" + Long.toHexString(w.top.length)
                + ") can map " + opts);
    }

    private void step() {
        int r = rnd.nextInt(100);
        if (r < 45) {
            vmoOps.step();
        } else {
            mapOps.step();
        }
        prune();
    }

    /** Forgets closed objects beyond a few kept for misuse, so that lists stay short. */
    private void prune() {
        trim(w.vmoHandles, h -> h.closed, 6);
        trim(w.vmarHandles, h -> h.closed && h.pins == 0, 4);
        // Handles to destroyed regions only ever get BAD_STATE: keep two for that, close the rest.
        List<World.VmarHandle> stale = w.vmarHandles.stream().filter(h -> h.region.destroyed && !h.closed && h.pins == 0).toList();
        for (int i = 2; i < stale.size(); i++) {
            World.VmarHandle h = stale.get(i);
            h.api.close();
            h.closed = true;
            w.vmarHandles.remove(h);
        }
        trim(w.arenas, a -> a.closed, 3);
        trim(w.mappings, m -> !m.live(), 6);
    }

    private static <T> void trim(List<T> list, Predicate<T> dead, int keep) {
        int n = 0;
        for (T t : list) {
            if (dead.test(t)) {
                n++;
            }
        }
        for (int i = 0; n > keep && i < list.size(); ) {
            if (dead.test(list.get(i))) {
                list.remove(i);
                n--;
            } else {
                i++;
            }
        }
    }

    /** Closes every arena (unmapping everything), every handle, and destroys the top region. */
    private void tearDown() {
        for (World.ArenaModel a : new ArrayList<>(w.arenas)) {
            if (!a.closed) {
                a.arena.close();
                w.closed(a);
            }
        }
        for (World.VmoHandle h : w.vmoHandles) {
            h.api.close();
        }
        if (!w.top.destroyed) {
            topKeeper.destroy();
        }
        topKeeper.close();
        for (World.VmarHandle h : w.vmarHandles) {
            h.api.close();
        }
    }

    /** A new handle to the top region, with its first handle's rights. */
    Vmar duplicateTop() {
        return topKeeper.duplicate();
    }

    /** The top region's layout, read through the keeper handle. */
    List<dev.zirconffm.MapsEntry> topMaps() {
        return topKeeper.maps();
    }

    // --- shared helpers for the op classes -------------------------------------------------------

    <T> T pick(List<T> list) {
        return list.isEmpty() ? null : list.get(rnd.nextInt(list.size()));
    }

    /** Mostly an open element, sometimes a closed one (for misuse), or null if none. */
    <T> T pickMostlyOpen(List<T> list, Predicate<T> open) {
        List<T> pool = new ArrayList<>();
        boolean wantOpen = rnd.nextInt(20) != 0;
        for (T t : list) {
            if (open.test(t) == wantOpen) {
                pool.add(t);
            }
        }
        if (pool.isEmpty()) {
            return pick(list);
        }
        return pick(pool);
    }

    boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    /** Rights for a duplicate or replace: a random subset of {@code held}, sometimes with one it lacks. */
    int rightsFrom(int held, Right... candidates) {
        int bits = held;
        for (Right r : candidates) {
            if (chance(8)) {
                bits &= ~r.bit();
            }
        }
        if (chance(12)) {
            Right extra = candidates[rnd.nextInt(candidates.length)];
            bits |= extra.bit();
        }
        return bits;
    }

    static Rights rights(int bits) {
        return Rights.fromBits(bits);
    }

    String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
