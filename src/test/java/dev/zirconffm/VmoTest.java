package dev.zirconffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(NoLeaks.class)
class VmoTest {

    static final long PAGE = Zircon.pageSize();

    static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Test
    void createRoundsUpToPagesAndStartsZeroed() {
        try (Vmo vmo = Vmo.create(PAGE + 1)) {
            assertEquals(2 * PAGE, vmo.size());
            assertFalse(vmo.isResizable());
            byte[] all = new byte[(int) (2 * PAGE)];
            Arrays.fill(all, (byte) 7);
            vmo.read(all, 0);
            assertArrayEquals(new byte[all.length], all);
        }
    }

    @Test
    void createRefusesBadArgumentsBeforeTheCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vmo.create(-1));
        assertTrue(e.getMessage().contains("size"), e.getMessage());
        NullPointerException n = assertThrows(NullPointerException.class, () -> Vmo.create(PAGE, null));
        assertTrue(n.getMessage().contains("options"));
        Set<VmoOption> withNull = new java.util.HashSet<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> Vmo.create(PAGE, withNull));
    }

    @Test
    void createFailureIsAZxExceptionWithTheArguments() {
        EmulatorFaults.failNthCall("zx_vmo_create", 1, Status.NO_MEMORY);
        try {
            ZxException e = assertThrows(ZxException.class, () -> Vmo.create(3 * PAGE, EnumSet.of(VmoOption.RESIZABLE)));
            assertEquals(Status.NO_MEMORY, e.status());
            assertEquals("zx_vmo_create", e.syscall());
            assertEquals("size=0x" + Long.toHexString(3 * PAGE) + ", options=0x2", e.arguments());
        } finally {
            EmulatorFaults.clear();
        }
    }

    @Test
    void byteArrayWriteThenReadAtOffsets() {
        try (Vmo vmo = Vmo.create(3 * PAGE)) {
            byte[] data = pattern(5000, 1);
            vmo.write(data, PAGE - 10);
            byte[] back = new byte[5000];
            vmo.read(back, PAGE - 10);
            assertArrayEquals(data, back);

            byte[] window = new byte[100];
            vmo.read(window, 20, 50, PAGE - 10 + 7);
            assertArrayEquals(Arrays.copyOfRange(data, 7, 57), Arrays.copyOfRange(window, 20, 70));
            assertArrayEquals(new byte[20], Arrays.copyOfRange(window, 0, 20));

            vmo.write(new byte[]{9, 8, 7, 6, 5}, 1, 3, 0);
            byte[] head = new byte[4];
            vmo.read(head, 0);
            assertArrayEquals(new byte[]{8, 7, 6, 0}, head);
        }
    }

    @Test
    void segmentWriteThenReadNativeAndHeap() {
        try (Vmo vmo = Vmo.create(PAGE); Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(64);
            for (int i = 0; i < 64; i++) {
                src.set(ValueLayout.JAVA_BYTE, i, (byte) (i + 100));
            }
            vmo.write(src, 128);
            long[] longs = new long[8];
            vmo.read(MemorySegment.ofArray(longs), 128);
            assertEquals(src.get(ValueLayout.JAVA_LONG_UNALIGNED, 0), longs[0]);
            MemorySegment dst = arena.allocate(64);
            vmo.read(dst, 128);
            assertEquals(-1, src.mismatch(dst));
            vmo.write(MemorySegment.ofArray(new int[]{0x01020304}), 0);
            byte[] b = new byte[4];
            vmo.read(b, 0);
            assertEquals(0x01020304, MemorySegment.ofArray(b).get(ValueLayout.JAVA_INT_UNALIGNED, 0));
        }
    }

    @Test
    void readAndWriteRefuseBadArguments() {
        try (Vmo vmo = Vmo.create(PAGE); Arena arena = Arena.ofConfined()) {
            assertThrows(NullPointerException.class, () -> vmo.read((byte[]) null, 0));
            assertThrows(NullPointerException.class, () -> vmo.write((MemorySegment) null, 0));
            assertThrows(IllegalArgumentException.class, () -> vmo.read(new byte[1], -1));
            assertThrows(IllegalArgumentException.class, () -> vmo.write(new byte[1], -1));
            assertThrows(IndexOutOfBoundsException.class, () -> vmo.read(new byte[4], 2, 3, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> vmo.write(new byte[4], -1, 1, 0));
            MemorySegment readOnly = arena.allocate(8).asReadOnly();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vmo.read(readOnly, 0));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
            MemorySegment dead;
            try (Arena temp = Arena.ofConfined()) {
                dead = temp.allocate(8);
            }
            assertThrows(IllegalStateException.class, () -> vmo.read(dead, 0));
        }
    }

    @Test
    void readPastTheEndIsOutOfRange() {
        try (Vmo vmo = Vmo.create(PAGE)) {
            ZxException e = assertThrows(ZxException.class, () -> vmo.read(new byte[16], PAGE - 8));
            assertEquals(Status.OUT_OF_RANGE, e.status());
            assertEquals("zx_vmo_read", e.syscall());
            assertTrue(e.getMessage().contains("offset=0x" + Long.toHexString(PAGE - 8)), e.getMessage());
            ZxException w = assertThrows(ZxException.class, () -> vmo.write(new byte[16], PAGE));
            assertEquals(Status.OUT_OF_RANGE, w.status());
        }
    }

    @Test
    void setSizeGrowsAndShrinksAResizableVmo() {
        try (Vmo vmo = Vmo.create(PAGE, EnumSet.of(VmoOption.RESIZABLE))) {
            assertTrue(vmo.isResizable());
            vmo.write(pattern(16, 3), PAGE - 16);
            vmo.setSize(4 * PAGE);
            assertEquals(4 * PAGE, vmo.size());
            vmo.write(pattern(16, 4), 3 * PAGE);
            vmo.setSize(PAGE);
            assertEquals(PAGE, vmo.size());
            assertThrows(ZxException.class, () -> vmo.read(new byte[1], 3 * PAGE));
            byte[] kept = new byte[16];
            vmo.read(kept, PAGE - 16);
            assertArrayEquals(pattern(16, 3), kept);
            vmo.setSize(2 * PAGE);
            byte[] regrown = new byte[16];
            vmo.read(regrown, PAGE);
            assertArrayEquals(new byte[16], regrown);
            assertThrows(IllegalArgumentException.class, () -> vmo.setSize(-1));
        }
    }

    @Test
    void setSizeOfANonResizableVmoFails() {
        try (Vmo vmo = Vmo.create(PAGE)) {
            ZxException e = assertThrows(ZxException.class, () -> vmo.setSize(2 * PAGE));
            assertEquals("zx_vmo_set_size", e.syscall());
            assertEquals(Status.UNAVAILABLE, e.status());
            assertEquals(PAGE, vmo.size());
        }
    }

    @Test
    void opRangeDecommitAndZeroClearData() {
        try (Vmo vmo = Vmo.create(3 * PAGE)) {
            vmo.opRange(VmoOp.COMMIT, 0, 3 * PAGE);
            assertEquals(3 * PAGE, vmo.info().committedBytes());
            vmo.write(pattern((int) (3 * PAGE), 5), 0);
            vmo.opRange(VmoOp.DECOMMIT, PAGE, PAGE);
            vmo.opRange(VmoOp.ZERO, 2 * PAGE, 16);
            byte[] all = new byte[(int) (3 * PAGE)];
            vmo.read(all, 0);
            byte[] expected = pattern((int) (3 * PAGE), 5);
            Arrays.fill(expected, (int) PAGE, (int) (2 * PAGE), (byte) 0);
            Arrays.fill(expected, (int) (2 * PAGE), (int) (2 * PAGE + 16), (byte) 0);
            assertArrayEquals(expected, all);
            ZxException e = assertThrows(ZxException.class, () -> vmo.opRange(VmoOp.COMMIT, 0, 4 * PAGE));
            assertEquals(Status.OUT_OF_RANGE, e.status());
            assertEquals("zx_vmo_op_range", e.syscall());
            assertThrows(NullPointerException.class, () -> vmo.opRange(null, 0, PAGE));
            assertThrows(IllegalArgumentException.class, () -> vmo.opRange(VmoOp.COMMIT, -PAGE, PAGE));
        }
    }

    @Test
    void lockOpsOnADiscardableVmo() {
        try (Vmo vmo = Vmo.create(2 * PAGE, EnumSet.of(VmoOption.DISCARDABLE)); Vmo plain = Vmo.create(PAGE)) {
            vmo.opRange(VmoOp.LOCK, 0, 2 * PAGE);
            vmo.opRange(VmoOp.TRY_LOCK, 0, 2 * PAGE);
            vmo.opRange(VmoOp.UNLOCK, 0, 2 * PAGE);
            vmo.opRange(VmoOp.UNLOCK, 0, 2 * PAGE);
            assertEquals(Status.BAD_STATE, assertThrows(ZxException.class, () -> vmo.opRange(VmoOp.UNLOCK, 0, 2 * PAGE)).status());
            assertTrue(vmo.info().isDiscardable());
            assertEquals(Status.NOT_SUPPORTED, assertThrows(ZxException.class, () -> plain.opRange(VmoOp.LOCK, 0, PAGE)).status());
        }
    }

    @Test
    void snapshotChildKeepsLaterWritesApart() {
        try (Vmo parent = Vmo.create(2 * PAGE)) {
            parent.write(pattern(100, 1), 0);
            try (Vmo child = parent.createChild(EnumSet.of(VmoChildOption.SNAPSHOT), 0, 2 * PAGE)) {
                parent.write(pattern(100, 2), 0);
                child.write(pattern(100, 3), PAGE);
                byte[] b = new byte[100];
                child.read(b, 0);
                assertArrayEquals(pattern(100, 1), b);
                parent.read(b, PAGE);
                assertArrayEquals(new byte[100], b);
                VmoInfo info = child.info();
                assertEquals(parent.koid(), info.parentKoid());
                assertTrue(info.isCowClone());
                assertNotEquals(parent.koid(), child.koid());
            }
        }
    }

    @Test
    void snapshotAtLeastOnWriteNeverLeaksChildWritesToTheParent() {
        try (Vmo parent = Vmo.create(PAGE)) {
            parent.write(pattern(10, 1), 0);
            try (Vmo child = parent.createChild(EnumSet.of(VmoChildOption.SNAPSHOT_AT_LEAST_ON_WRITE), 0, PAGE)) {
                byte[] b = new byte[10];
                child.read(b, 0);
                assertArrayEquals(pattern(10, 1), b);
                child.write(pattern(10, 9), 0);
                parent.read(b, 0);
                assertArrayEquals(pattern(10, 1), b);
            }
        }
    }

    @Test
    void sliceAliasesTheParent() {
        try (Vmo parent = Vmo.create(4 * PAGE)) {
            try (Vmo slice = parent.createChild(EnumSet.of(VmoChildOption.SLICE), PAGE, 2 * PAGE)) {
                assertEquals(2 * PAGE, slice.size());
                slice.write(pattern(8, 4), 0);
                byte[] b = new byte[8];
                parent.read(b, PAGE);
                assertArrayEquals(pattern(8, 4), b);
                parent.write(pattern(8, 5), 2 * PAGE);
                slice.read(b, PAGE);
                assertArrayEquals(pattern(8, 5), b);
            }
        }
    }

    @Test
    void noWriteChildHasNoWriteRight() {
        try (Vmo parent = Vmo.create(PAGE);
             Vmo child = parent.createChild(EnumSet.of(VmoChildOption.SNAPSHOT, VmoChildOption.NO_WRITE), 0, PAGE)) {
            assertFalse(child.rights().contains(Right.WRITE));
            ZxException e = assertThrows(ZxException.class, () -> child.write(new byte[1], 0));
            assertEquals(Status.ACCESS_DENIED, e.status());
        }
    }

    @Test
    void resizableChildCanGrow() {
        try (Vmo parent = Vmo.create(PAGE);
             Vmo child = parent.createChild(EnumSet.of(VmoChildOption.SNAPSHOT, VmoChildOption.RESIZABLE), 0, PAGE)) {
            assertTrue(child.isResizable());
            child.setSize(3 * PAGE);
            assertEquals(3 * PAGE, child.size());
            assertEquals(PAGE, parent.size());
        }
    }

    @Test
    void createChildRefusesBadArguments() {
        try (Vmo parent = Vmo.create(PAGE)) {
            assertThrows(NullPointerException.class, () -> parent.createChild(null, 0, PAGE));
            assertThrows(IllegalArgumentException.class, () -> parent.createChild(Set.of(VmoChildOption.SNAPSHOT), -1, PAGE));
            assertThrows(IllegalArgumentException.class, () -> parent.createChild(Set.of(VmoChildOption.SNAPSHOT), 0, -1));
            ZxException e = assertThrows(ZxException.class,
                    () -> parent.createChild(EnumSet.of(VmoChildOption.SLICE, VmoChildOption.SNAPSHOT), 0, PAGE));
            assertEquals(Status.INVALID_ARGS, e.status());
            assertEquals("zx_vmo_create_child", e.syscall());
        }
    }

    @Test
    void nameRoundTripsAndIsChecked() {
        try (Vmo vmo = Vmo.create(PAGE)) {
            assertEquals("", vmo.name());
            vmo.setName("zircon-ffm test");
            assertEquals("zircon-ffm test", vmo.name());
            assertEquals("zircon-ffm test", vmo.info().name());
            String longest = "x".repeat(31);
            vmo.setName(longest);
            assertEquals(longest, vmo.name());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vmo.setName("x".repeat(32)));
            assertTrue(e.getMessage().contains("name"));
            assertThrows(IllegalArgumentException.class, () -> vmo.setName("a\0b"));
            assertThrows(NullPointerException.class, () -> vmo.setName(null));
            String utf8 = "é".repeat(15); // 30 bytes
            vmo.setName(utf8);
            assertEquals(utf8, vmo.name());
            assertEquals(30, utf8.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void cachePolicyCanBeSetOnAFreshVmo() {
        try (Vmo vmo = Vmo.create(PAGE)) {
            assertSame(CachePolicy.CACHED, vmo.info().cachePolicyEnum());
            vmo.setCachePolicy(CachePolicy.UNCACHED);
            assertSame(CachePolicy.UNCACHED, vmo.info().cachePolicyEnum());
            assertThrows(NullPointerException.class, () -> vmo.setCachePolicy(null));
        }
    }

    @Test
    void replaceAsExecutableAddsExecuteAndClosesTheOldHandle() {
        Vmo vmo = Vmo.create(PAGE);
        vmo.write(pattern(4, 1), 0);
        try (Vmo exec = vmo.replaceAsExecutable()) {
            assertTrue(vmo.isClosed());
            assertThrows(IllegalStateException.class, vmo::size);
            assertTrue(exec.rights().contains(Right.EXECUTE));
            byte[] b = new byte[4];
            exec.read(b, 0);
            assertArrayEquals(pattern(4, 1), b);
        }
    }

    @Test
    void infoReportsTheVmo() {
        try (Vmo vmo = Vmo.create(2 * PAGE, EnumSet.of(VmoOption.RESIZABLE))) {
            vmo.setName("info");
            VmoInfo info = vmo.info();
            assertEquals(vmo.koid(), info.koid());
            assertEquals("info", info.name());
            assertEquals(2 * PAGE, info.sizeBytes());
            assertEquals(0, info.parentKoid());
            assertEquals(0, info.numChildren());
            assertEquals(0, info.numMappings());
            assertTrue(info.isResizable());
            assertTrue(info.isPaged());
            assertFalse(info.isCowClone());
            assertFalse(info.isDiscardable());
            assertEquals(vmo.rights(), info.handleRights());
        }
    }

    @Test
    void everyMethodOfAClosedVmoThrowsIllegalState() {
        Vmo vmo = Vmo.create(PAGE);
        vmo.close();
        vmo.close(); // idempotent
        assertTrue(vmo.isClosed());
        for (Runnable call : new Runnable[]{vmo::size, () -> vmo.setSize(PAGE), () -> vmo.read(new byte[1], 0),
                () -> vmo.write(new byte[1], 0), () -> vmo.read(MemorySegment.ofArray(new byte[1]), 0),
                () -> vmo.write(MemorySegment.ofArray(new byte[1]), 0), () -> vmo.opRange(VmoOp.COMMIT, 0, PAGE),
                () -> vmo.createChild(Set.of(VmoChildOption.SNAPSHOT), 0, PAGE), vmo::name, () -> vmo.setName("x"),
                () -> vmo.setCachePolicy(CachePolicy.CACHED), vmo::replaceAsExecutable, vmo::info, vmo::koid,
                vmo::rights, vmo::basicInfo, vmo::duplicate, () -> vmo.duplicate(Rights.NONE),
                () -> vmo.replace(Rights.NONE)}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }
}
