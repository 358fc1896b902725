package dev.zirconffm.reliability;

import dev.zirconffm.Right;
import dev.zirconffm.Rights;
import dev.zirconffm.Status;
import dev.zirconffm.Vmo;
import dev.zirconffm.VmoChildOption;
import dev.zirconffm.VmoInfo;
import dev.zirconffm.VmoOp;
import dev.zirconffm.VmoOption;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The model check's VMO and handle operations: create, read, write, size, set size, children,
 * names, info, zeroing, duplicate, replace (also as executable) and close, each on handles with
 * random rights, sometimes closed ones. Predictions follow the API's documented refusals and
 * Fuchsia's syscall docs (vmo_*.md, handle_*.md).
 */
final class VmoOps {

    private static final int MAX_OPEN = 20;
    private static final int MAX_PAGES = 8;
    private static final Right[] VMO_RIGHTS = {Right.READ, Right.WRITE, Right.MAP, Right.DUPLICATE, Right.RESIZE,
            Right.GET_PROPERTY, Right.SET_PROPERTY, Right.INSPECT, Right.EXECUTE};

    private final Episode e;
    private final World w;
    private final Checker c;
    private final long page;

    VmoOps(Episode e) {
        this.e = e;
        this.w = e.w;
        this.c = e.c;
        this.page = e.page;
    }

    void step() {
        long open = w.vmoHandles.stream().filter(h -> !h.closed).count();
        if (open == 0 || (open < MAX_OPEN && e.chance(8))) {
            create();
            return;
        }
        World.VmoHandle h = e.pickMostlyOpen(w.vmoHandles, x -> !x.closed);
        int r = e.rnd.nextInt(100);
        if (r < 20) {
            write(h);
        } else if (r < 40) {
            read(h);
        } else if (r < 44) {
            size(h);
        } else if (r < 50) {
            setSize(h);
        } else if (r < 58) {
            if (open < MAX_OPEN) {
                child(h);
            }
        } else if (r < 65) {
            if (open < MAX_OPEN) {
                duplicate(h);
            }
        } else if (r < 69) {
            replace(h);
        } else if (r < 71) {
            replaceAsExecutable(h);
        } else if (r < 80) {
            close(h);
        } else if (r < 85) {
            name(h);
        } else if (r < 92) {
            info(h);
        } else {
            zero(h);
        }
    }

    private static Set<Outcome> none() {
        return new HashSet<>();
    }

    /** The closed-handle refusal, else nothing yet. */
    private static Set<Outcome> openOrIse(World.VmoHandle h) {
        Set<Outcome> s = none();
        if (h.closed) {
            s.add(Outcome.ISE);
        }
        return s;
    }

    private void create() {
        boolean resizable = e.chance(25);
        long size = (1 + e.rnd.nextInt(MAX_PAGES)) * page - (e.chance(20) ? e.rnd.nextInt((int) page) : 0);
        Vmo v = c.expect("create(" + e.hex(size) + (resizable ? ", RESIZABLE" : "") + ")", none(),
                () -> Vmo.create(size, resizable ? EnumSet.of(VmoOption.RESIZABLE) : Set.of()));
        int rounded = (int) ((size + page - 1) / page * page);
        World.Obj o = new World.Obj(v.koid(), new World.Store(rounded), 0, rounded, resizable, false, null);
        int rights = Rights.DEFAULT_VMO.bits() | (resizable ? Right.RESIZE.bit() : 0);
        adopt(v, o, rights, resizable);
        w.vmos.add(o);
    }

    private World.VmoHandle adopt(Vmo v, World.Obj o, int rights, boolean javaResizable) {
        World.VmoHandle h = new World.VmoHandle(v, o, rights, javaResizable);
        o.handles++;
        w.vmoHandles.add(h);
        return h;
    }

    /** An offset and length, mostly inside the VMO, sometimes past its end. */
    private long[] range(World.Obj o) {
        long off = e.chance(90) ? e.rnd.nextInt(o.size + 1) : o.size + e.rnd.nextInt((int) page);
        long max = Math.max(0, o.size - off);
        long len = e.chance(90) ? (max == 0 ? 0 : e.rnd.nextLong(max + 1)) : max + 1 + e.rnd.nextInt(64);
        return new long[]{off, Math.min(len, 3 * page)};
    }

    /** What zx_vmo_read/zx_vmo_write refuse on {@code r = {offset, length}}: a closed handle, the right, the range. */
    private Set<Outcome> ioRefusals(World.VmoHandle h, long[] r, Right needed) {
        Set<Outcome> s = openOrIse(h);
        if (s.isEmpty()) {
            if (!h.has(needed.bit())) {
                s.add(Outcome.zx(Status.ACCESS_DENIED));
            }
            if (r[0] + r[1] > h.obj.size) {
                s.add(Outcome.zx(Status.OUT_OF_RANGE));
            }
        }
        return s;
    }

    private void write(World.VmoHandle h) {
        long[] r = range(h.obj);
        byte[] data = new byte[(int) r[1]];
        e.rnd.nextBytes(data);
        Set<Outcome> s = ioRefusals(h, r, Right.WRITE);
        boolean ok = c.expect("write(vmo " + h.obj.koid + ", off " + e.hex(r[0]) + ", len " + r[1] + ")", s, () -> {
            h.api.write(data, r[0]);
            return true;
        }) != null;
        if (ok) {
            h.obj.write(r[0], data);
        }
    }

    private void read(World.VmoHandle h) {
        long[] r = range(h.obj);
        byte[] got = new byte[(int) r[1]];
        Set<Outcome> s = ioRefusals(h, r, Right.READ);
        boolean ok = c.expect("read(vmo " + h.obj.koid + ", off " + e.hex(r[0]) + ", len " + r[1] + ")", s, () -> {
            h.api.read(got, r[0]);
            return true;
        }) != null;
        if (ok) {
            c.sameBytes("read of VMO " + h.obj.koid, h.obj.read(r[0], got.length), got);
        }
    }

    private void size(World.VmoHandle h) {
        Long got = c.expect("size(vmo " + h.obj.koid + ")", openOrIse(h), h.api::size);
        if (got != null) {
            c.same("size of VMO " + h.obj.koid, (long) h.obj.size, got);
        }
    }

    private void setSize(World.VmoHandle h) {
        World.Obj o = h.obj;
        long size = e.rnd.nextInt(MAX_PAGES * (int) page + 1);
        long rounded = (size + page - 1) / page * page;
        Set<Outcome> s = openOrIse(h);
        if (s.isEmpty()) {
            for (World.Mapping m : w.mappings) {
                long backedEnd = Math.min(m.vmoOffset + m.length, o.size);
                if (m.live() && m.obj == o && backedEnd > rounded && backedEnd > m.vmoOffset) {
                    s.add(Outcome.ISE); // would cut a live segment
                }
            }
        }
        if (s.isEmpty()) {
            if (!h.has(Right.WRITE.bit()) || (o.resizable && !h.has(Right.RESIZE.bit()))) {
                s.add(Outcome.zx(Status.ACCESS_DENIED));
            }
            if (!o.resizable) {
                s.add(Outcome.zx(Status.UNAVAILABLE));
            }
        }
        boolean ok = c.expect("setSize(vmo " + o.koid + ", " + e.hex(size) + ")", s, () -> {
            h.api.setSize(size);
            return true;
        }) != null;
        if (ok) {
            // Only a resizable VMO gets here, and nothing slices one: its store is its own.
            byte[] bytes = java.util.Arrays.copyOf(o.store.bytes, (int) rounded);
            java.util.Arrays.fill(bytes, (int) Math.min(size, o.size), (int) rounded, (byte) 0);
            o.store.bytes = bytes;
            o.size = (int) rounded;
        }
    }

    private void child(World.VmoHandle h) {
        World.Obj o = h.obj;
        EnumSet<VmoChildOption> opts = EnumSet.noneOf(VmoChildOption.class);
        int kind = e.rnd.nextInt(20);
        if (kind < 8) {
            opts.add(VmoChildOption.SNAPSHOT);
        } else if (kind < 12) {
            opts.add(VmoChildOption.SNAPSHOT_AT_LEAST_ON_WRITE);
        } else if (kind < 19) {
            opts.add(VmoChildOption.SLICE);
        } else if (e.chance(50)) {
            opts.add(VmoChildOption.SNAPSHOT);
            opts.add(VmoChildOption.SLICE);
        }
        if (e.chance(25)) {
            opts.add(VmoChildOption.NO_WRITE);
        }
        if (e.chance(20)) {
            opts.add(VmoChildOption.RESIZABLE);
        }
        boolean slice = opts.contains(VmoChildOption.SLICE);
        boolean snapshot = opts.contains(VmoChildOption.SNAPSHOT) || opts.contains(VmoChildOption.SNAPSHOT_AT_LEAST_ON_WRITE);
        boolean noWrite = opts.contains(VmoChildOption.NO_WRITE);
        boolean resizable = opts.contains(VmoChildOption.RESIZABLE);
        long offset = e.rnd.nextInt(MAX_PAGES) * page + (e.chance(5) ? 1 + e.rnd.nextInt(100) : 0);
        long size = (1 + e.rnd.nextInt(MAX_PAGES)) * page - (e.chance(15) ? 1 + e.rnd.nextInt(100) : 0);
        long rounded = (size + page - 1) / page * page;
        Set<Outcome> s = openOrIse(h);
        if (s.isEmpty()) {
            if (noWrite && resizable) {
                s.add(Outcome.zx(Status.INVALID_ARGS));
            }
            if (!h.has(Right.DUPLICATE.bit() | Right.READ.bit())) {
                s.add(Outcome.zx(Status.ACCESS_DENIED));
            }
            if (!slice && !snapshot || slice && (snapshot || resizable)) {
                s.add(Outcome.zx(Status.INVALID_ARGS)); // no type, two types, or a resizable slice
            }
            if (offset % page != 0) {
                s.add(Outcome.zx(Status.INVALID_ARGS));
            }
            if (slice && offset + rounded > o.size) {
                s.add(Outcome.zx(Status.INVALID_ARGS));
            }
            if (slice && o.resizable) {
                s.add(Outcome.zx(Status.NOT_SUPPORTED));
            }
        }
        Vmo v = c.expect("createChild(vmo " + o.koid + ", " + opts + ", off " + e.hex(offset) + ", size " + e.hex(size) + ")",
                s, () -> h.api.createChild(opts, offset, size));
        if (v == null) {
            return;
        }
        World.Obj child;
        if (slice) {
            child = new World.Obj(v.koid(), o.store, o.base + (int) offset, (int) rounded, false, true, o);
        } else {
            World.Store store = new World.Store((int) rounded);
            if (offset < o.size) {
                int n = (int) Math.min(rounded, o.size - offset);
                System.arraycopy(o.store.bytes, o.base + (int) offset, store.bytes, 0, n);
            }
            child = new World.Obj(v.koid(), store, 0, (int) rounded, resizable, false, o);
        }
        if (h.has(Right.GET_PROPERTY.bit())) {
            child.name = o.name;
        }
        // Fuchsia's vmo_create_child.md: the parent's rights, RESIZE only if resizable, the property
        // rights always; NO_WRITE takes WRITE away; a snapshot gains WRITE and loses EXECUTE.
        int rights = (h.rights & ~Right.RESIZE.bit()) | (resizable ? Right.RESIZE.bit() : 0)
                | Right.GET_PROPERTY.bit() | Right.SET_PROPERTY.bit();
        if (noWrite) {
            rights &= ~Right.WRITE.bit();
        } else if (snapshot) {
            rights = (rights & ~Right.EXECUTE.bit()) | Right.WRITE.bit();
        }
        o.children.add(child);
        w.vmos.add(child);
        World.VmoHandle ch = adopt(v, child, rights, resizable);
        c.same("rights of the child", Rights.fromBits(rights), ch.api.rights());
    }

    private void duplicate(World.VmoHandle h) {
        boolean same = e.chance(30);
        int rights = same ? h.rights : e.rightsFrom(h.rights, VMO_RIGHTS);
        Set<Outcome> s = openOrIse(h);
        if (s.isEmpty()) {
            if (!h.has(Right.DUPLICATE.bit())) {
                s.add(Outcome.zx(Status.ACCESS_DENIED));
            }
            if ((rights & ~h.rights) != 0) {
                s.add(Outcome.zx(Status.INVALID_ARGS));
            }
        }
        Vmo v = c.expect("duplicate(vmo " + h.obj.koid + ", " + (same ? "SAME_RIGHTS" : Rights.fromBits(rights)) + ")", s,
                () -> same ? h.api.duplicate() : h.api.duplicate(Rights.fromBits(rights)));
        if (v != null) {
            adopt(v, h.obj, rights, h.javaResizable);
            c.same("rights of the duplicate", Rights.fromBits(rights), v.rights());
        }
    }

    private void replace(World.VmoHandle h) {
        int rights = e.rightsFrom(h.rights, VMO_RIGHTS);
        Set<Outcome> s = openOrIse(h);
        if (s.isEmpty() && (rights & ~h.rights) != 0) {
            s.add(Outcome.zx(Status.INVALID_ARGS));
        }
        Vmo v = c.expect("replace(vmo " + h.obj.koid + ", " + Rights.fromBits(rights) + ")", s,
                () -> h.api.replace(Rights.fromBits(rights)));
        consumed(h);
        if (v != null) {
            adopt(v, h.obj, rights, h.javaResizable);
        }
    }

    private void replaceAsExecutable(World.VmoHandle h) {
        Vmo v = c.expect("replaceAsExecutable(vmo " + h.obj.koid + ")", openOrIse(h), h.api::replaceAsExecutable);
        consumed(h);
        if (v != null) {
            adopt(v, h.obj, h.rights | Right.EXECUTE.bit(), h.javaResizable);
        }
    }

    /** The kernel took the handle (or it was closed already): the model closes it too. */
    private void consumed(World.VmoHandle h) {
        if (!h.closed) {
            h.closed = true;
            h.obj.handles--;
        }
        c.same("isClosed after a consuming call", true, h.api.isClosed());
    }

    private void close(World.VmoHandle h) {
        c.expect("close(vmo " + h.obj.koid + ")", none(), () -> {
            h.api.close();
            return true;
        });
        consumed(h);
    }

    private void name(World.VmoHandle h) {
        if (e.chance(50)) {
            String name = "n" + e.rnd.nextInt(1000);
            Set<Outcome> s = openOrIse(h);
            if (s.isEmpty() && !h.has(Right.SET_PROPERTY.bit())) {
                s.add(Outcome.zx(Status.ACCESS_DENIED));
            }
            if (c.expect("setName(vmo " + h.obj.koid + ", " + name + ")", s, () -> {
                h.api.setName(name);
                return true;
            }) != null) {
                h.obj.name = name;
            }
        } else {
            Set<Outcome> s = openOrIse(h);
            if (s.isEmpty() && !h.has(Right.GET_PROPERTY.bit())) {
                s.add(Outcome.zx(Status.ACCESS_DENIED));
            }
            String got = c.expect("name(vmo " + h.obj.koid + ")", s, h.api::name);
            if (got != null) {
                c.same("name of VMO " + h.obj.koid, h.obj.name, got);
            }
        }
    }

    private void info(World.VmoHandle h) {
        // ZX_INFO_VMO needs no right (Fuchsia's object_get_info; the emulator follows it).
        Set<Outcome> s = openOrIse(h);
        VmoInfo info = c.expect("info(vmo " + h.obj.koid + ")", s, h.api::info);
        if (info == null) {
            return;
        }
        World.Obj o = h.obj;
        c.same("info koid", o.koid, info.koid());
        c.same("info size of VMO " + o.koid, (long) o.size, info.sizeBytes());
        c.same("info parent of VMO " + o.koid, o.parentKoid, info.parentKoid());
        c.same("info children of VMO " + o.koid, o.liveChildren(), info.numChildren());
        c.same("info rights", Rights.fromBits(h.rights), info.handleRights());
        c.same("info name of VMO " + o.koid, o.name, info.name());
        c.same("info resizable of VMO " + o.koid, o.resizable, info.isResizable());
    }

    private void zero(World.VmoHandle h) {
        long[] r = range(h.obj);
        Set<Outcome> s = ioRefusals(h, r, Right.WRITE);
        if (c.expect("opRange(ZERO, vmo " + h.obj.koid + ", off " + e.hex(r[0]) + ", len " + r[1] + ")", s, () -> {
            h.api.opRange(VmoOp.ZERO, r[0], r[1]);
            return true;
        }) != null) {
            h.obj.zero(r[0], r[1]);
        }
    }
}
