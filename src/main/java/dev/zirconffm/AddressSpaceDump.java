package dev.zirconffm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A readable tree of a VMAR's layout, like Fuchsia's {@code vmaps}: the region itself, then its
 * sub-regions and mappings, depth-first in address order, each indented under its parent. Built
 * from {@code ZX_INFO_VMAR_MAPS} ({@link Vmar#maps()}).
 *
 * <pre>{@code
 * System.out.print(AddressSpaceDump.of(vmar));
 * }</pre>
 * prints, for a region holding one VMO mapped twice and an empty sub-region:
 * <pre>
 * vmar   0x00007eefe9109000-0x00007eefe9119000    64 KiB      'useralloc'
 *   map  0x00007eefe910c000-0x00007eefe9110000    16 KiB  rw- 'demo-vmo' vmo koid 1026 offset 0x0
 *   map  0x00007eefe9110000-0x00007eefe9114000    16 KiB  r-- 'demo-vmo' vmo koid 1026 offset 0x0
 *   vmar 0x00007eefe9115000-0x00007eefe9117000     8 KiB      'useralloc'
 * </pre>
 * Columns: kind ({@code vmar} or {@code map}), {@code [base, end)} in hex, size, permissions
 * ({@code r}ead, {@code w}rite, e{@code x}ecute; mappings only), the name (a region's, or the
 * mapped VMO's), and for a mapping the VMO's koid and the offset in the VMO that {@code base} maps.
 * The dump is a snapshot: later changes to the region do not show.
 */
public final class AddressSpaceDump {

    private static final long KIB = 1024;

    private final List<MapsEntry> entries;

    private AddressSpaceDump(List<MapsEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The layout of {@code vmar} now: {@link Vmar#maps()}.
     *
     * @param vmar the region to dump
     * @return its dump
     * @throws NullPointerException  if {@code vmar} is null
     * @throws IllegalStateException if the handle is closed
     * @throws ZxException           as {@link Vmar#maps()}
     */
    public static AddressSpaceDump of(Vmar vmar) {
        return new AddressSpaceDump(Objects.requireNonNull(vmar, "vmar").maps());
    }

    /**
     * A dump of entries already read, e.g. a saved {@link Vmar#maps()}. Each entry's
     * {@link MapsEntry#depth()} sets its indentation.
     *
     * @param entries the entries, depth-first in address order
     * @return their dump
     * @throws NullPointerException if {@code entries} or an element is null
     */
    public static AddressSpaceDump of(List<MapsEntry> entries) {
        return new AddressSpaceDump(entries);
    }

    /**
     * The entries the dump shows.
     *
     * @return the entries, unmodifiable
     */
    public List<MapsEntry> entries() {
        return entries;
    }

    /**
     * One line per entry, without line separators.
     *
     * @return the lines, unmodifiable
     */
    public List<String> lines() {
        long maxDepth = 0;
        for (MapsEntry e : entries) {
            maxDepth = Math.max(maxDepth, e.depth());
        }
        int kindWidth = (int) Math.min(maxDepth, 64) * 2 + "vmar".length();
        List<String> lines = new ArrayList<>(entries.size());
        for (MapsEntry e : entries) {
            lines.add(line(e, kindWidth));
        }
        return List.copyOf(lines);
    }

    /**
     * The tree: {@link #lines()}, each ended by a newline ({@code "\n"}).
     *
     * @return the tree
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (String line : lines()) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    private static String line(MapsEntry e, int kindWidth) {
        String indent = "  ".repeat((int) Math.min(e.depth(), 64));
        String kind = indent + (e instanceof MapsEntry.Mapping ? "map" : "vmar");
        String head = String.format("%-" + kindWidth + "s 0x%016x-0x%016x %9s  ", kind, e.base(), e.base() + e.size(),
                size(e.size()));
        return switch (e) {
            case MapsEntry.Region r -> head + "    '" + r.name() + "'";
            case MapsEntry.Mapping m -> head + permissions(m.permissions()) + " '" + m.name() + "' vmo koid "
                    + m.vmoKoid() + " offset 0x" + Long.toHexString(m.vmoOffset());
        };
    }

    /** "rw-": read, write, execute. */
    static String permissions(MapOptions p) {
        return (p.contains(MapOption.PERM_READ) ? "r" : "-") + (p.contains(MapOption.PERM_WRITE) ? "w" : "-")
                + (p.contains(MapOption.PERM_EXECUTE) ? "x" : "-");
    }

    /** The size in the largest binary unit that divides it exactly: "16 KiB", "3 MiB", "100 B". */
    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int unit = 0;
        long n = bytes;
        while (unit < units.length - 1 && n != 0 && Long.remainderUnsigned(n, KIB) == 0) {
            n = Long.divideUnsigned(n, KIB);
            unit++;
        }
        return Long.toUnsignedString(n) + " " + units[unit];
    }
}
