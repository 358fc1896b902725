package dev.zirconffm.reliability;

import dev.zirconffm.MapOption;
import dev.zirconffm.MapOptions;
import dev.zirconffm.MapsEntry;
import dev.zirconffm.Vmar;
import dev.zirconffm.VmarOption;
import dev.zirconffm.Vmo;
import dev.zirconffm.VmoOption;
import dev.zirconffm.Zircon;
import dev.zirconffm.internal.MappingRegistry;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumSet;
import java.util.List;

/**
 * What one fault-injection case works on, made fresh for each case so that no wrapper has cached
 * a koid or a size (each case then makes every syscall its operation can make): a region with a
 * read-write and a read-only mapping, an empty sub-region, VMOs with known contents, and spare
 * handles for the calls that consume theirs.
 */
final class FaultFixture implements AutoCloseable {

    static final long PAGE = Zircon.pageSize();

    final Vmar region = Vmar.root().allocate(32 * PAGE,
            EnumSet.of(VmarOption.CAN_MAP_READ, VmarOption.CAN_MAP_WRITE, VmarOption.CAN_MAP_SPECIFIC));
    final Vmar sub = region.allocate(16 * PAGE, 4 * PAGE, EnumSet.of(VmarOption.CAN_MAP_READ, VmarOption.SPECIFIC), 0);
    final Vmar spareRegion = sub.duplicate();
    final Vmo vmo = Vmo.create(4 * PAGE);
    final Vmo resizable = Vmo.create(2 * PAGE, EnumSet.of(VmoOption.RESIZABLE));
    final Vmo spare = vmo.duplicate();
    final Vmo unmapped = Vmo.create(PAGE);
    final Arena arena = Arena.ofConfined();
    final MemorySegment readWrite;
    final MemorySegment readOnly;

    FaultFixture() {
        byte[] pattern = new byte[(int) (4 * PAGE)];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 31 + 7);
        }
        vmo.write(pattern, 0);
        resizable.write(new byte[]{5, 6, 7}, 0);
        vmo.setName("fixture");
        readWrite = region.map(arena, 0, vmo, 0, PAGE, MapOptions.READ_WRITE.with(MapOption.SPECIFIC));
        // Three read-only pages of a read-write VMO: protecting the middle one splits the mapping.
        readOnly = region.map(arena, 8 * PAGE, vmo, PAGE, 3 * PAGE, MapOptions.READ.with(MapOption.SPECIFIC));
    }

    /** Everything a failed call must leave as it was. */
    record Snapshot(int vmoHandles, int vmarHandles, int registered, long rootChildren, List<String> layout,
                    String vmoBytes, String resizableBytes, long resizableSize, String name, long children, int cachePolicy,
                    String segmentBytes) {
    }

    Snapshot snapshot() {
        return new Snapshot(KernelProbe.vmoHandles(), KernelProbe.vmarHandles(), MappingRegistry.global().size(),
                KernelProbe.rootChildren(), layout(), bytes(vmo, 4 * PAGE), bytes(resizable, resizable.size()),
                resizable.size(), vmo.name(), vmo.info().numChildren(), resizable.info().cachePolicy(),
                hash(readWrite.toArray(ValueLayout.JAVA_BYTE)) + "/" + hash(readOnly.toArray(ValueLayout.JAVA_BYTE)));
    }

    /** The region's entries without the page counts (reads through the segments may change those). */
    private List<String> layout() {
        return region.maps().stream().map(e -> e instanceof MapsEntry.Mapping m
                ? "mapping " + m.base() + "+" + m.size() + " depth " + m.depth() + " " + m.permissions() + " vmo " + m.vmoKoid()
                  + "@" + m.vmoOffset()
                : "region " + e.base() + "+" + e.size() + " depth " + e.depth()).toList();
    }

    private static String bytes(Vmo v, long size) {
        byte[] b = new byte[(int) size];
        v.read(b, 0);
        return hash(b);
    }

    private static String hash(byte[] b) {
        return Integer.toHexString(java.util.Arrays.hashCode(b)) + ":" + b.length;
    }

    @Override
    public void close() {
        KernelProbe.clearFailures();
        arena.close();
        for (AutoCloseable c : new AutoCloseable[]{spare, unmapped, resizable, vmo, spareRegion, sub}) {
            try {
                c.close();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        region.destroy();
        region.close();
    }
}
