package dev.zirconffm.reliability;

import dev.zirconffm.MapsEntry;
import dev.zirconffm.Vmar;
import dev.zirconffm.internal.MappingRegistry;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares the model with what the kernel and the API's registry say, behind the API: open
 * handles per type, registered mappings, and the top region's layout page by page (which VMO and
 * offset and which permissions each mapped page has, and which sub-regions exist).
 */
final class Audit {

    private final Episode e;
    private final World w;
    private final Checker c;
    private int vmos;
    private int vmars;
    private int registered;

    Audit(Episode e) {
        this.e = e;
        this.w = e.w;
        this.c = e.c;
    }

    void baseline(int vmoHandles, int vmarHandles, int registeredMappings) {
        vmos = vmoHandles;
        vmars = vmarHandles;
        registered = registeredMappings;
    }

    void run() {
        c.note("audit");
        long openVmos = w.vmoHandles.stream().filter(h -> !h.closed).count();
        c.same("open VMO handles", vmos + openVmos, (long) KernelProbe.vmoHandles());
        // The root's handle belongs to the process (in the baseline); the top region's keeper is one more.
        long liveVmars = w.vmarHandles.stream().filter(h -> h.api != Vmar.root() && h.kernelLive()).count();
        c.same("open VMAR handles", vmars + 1 + liveVmars, (long) KernelProbe.vmarHandles());
        long live = w.mappings.stream().filter(World.Mapping::live).count();
        c.same("registered mappings", registered + live, (long) MappingRegistry.global().size());
        layout(e.topMaps());
    }

    private void layout(List<MapsEntry> entries) {
        long page = e.page;
        long mappedPages = 0;
        Set<String> regions = new HashSet<>();
        for (MapsEntry entry : entries) {
            if (entry instanceof MapsEntry.Region r) {
                if (r.depth() > 0) {
                    regions.add(e.hex(r.base()) + "+" + e.hex(r.size()));
                }
                continue;
            }
            MapsEntry.Mapping m = (MapsEntry.Mapping) entry;
            int perms = MapOps.permBits(m.permissions());
            for (long p = m.base(); p < m.base() + m.size(); p += page) {
                World.Mapping model = World.mappingAt(w.top, p);
                String where = "page 0x" + Long.toHexString(p);
                if (model == null) {
                    throw c.fail(where + " is mapped (VMO koid " + m.vmoKoid() + ") but the model has nothing there", null);
                }
                c.same(where + " VMO", model.obj.koid, m.vmoKoid());
                c.same(where + " VMO offset", model.vmoOffset + (p - model.base), m.vmoOffset() + (p - m.base()));
                c.same(where + " permissions", model.pagePerms[(int) ((p - model.base) / page)], perms);
                mappedPages++;
            }
        }
        c.same("mapped pages in the top region", modelPages(w.top), mappedPages);
        Set<String> expected = new HashSet<>();
        collectRegions(w.top, expected);
        c.same("sub-regions of the top region", expected, regions);
    }

    private long modelPages(World.Region r) {
        long n = 0;
        for (World.Mapping m : r.maps) {
            n += m.length / e.page;
        }
        for (World.Region s : r.subs) {
            n += modelPages(s);
        }
        return n;
    }

    private void collectRegions(World.Region r, Set<String> out) {
        for (World.Region s : r.subs) {
            out.add(e.hex(s.base) + "+" + e.hex(s.length));
            collectRegions(s, out);
        }
    }
}
