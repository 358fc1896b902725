package dev.zirconffm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(NoLeaks.class)
class HandleTest {

    static final long PAGE = Zircon.pageSize();

    @Test
    void basicInfoOfANewVmo() {
        try (Vmo vmo = Vmo.create(PAGE)) {
            HandleInfo info = vmo.basicInfo();
            assertSame(ObjectType.VMO, info.type());
            assertNotEquals(0, info.koid());
            assertEquals(info.koid(), vmo.koid());
            assertEquals(Rights.DEFAULT_VMO, info.rights());
            assertEquals(Rights.DEFAULT_VMO, vmo.rights());
            assertEquals(0, info.relatedKoid());
            assertTrue(vmo.toString().contains("koid=" + vmo.koid()), vmo.toString());
        }
    }

    @Test
    void closeClosesTheKernelHandleOnceAndIsIdempotent() {
        HandleCounts before = HandleCounts.now();
        Vmo vmo = Vmo.create(PAGE);
        assertEquals(before.of(ObjectType.VMO) + 1, HandleCounts.now().of(ObjectType.VMO));
        vmo.close();
        assertEquals(before.of(ObjectType.VMO), HandleCounts.now().of(ObjectType.VMO));
        vmo.close();
        assertEquals(before, HandleCounts.now());
        assertTrue(vmo.toString().contains("closed"));
    }

    @Test
    void duplicateWithFewerRightsIsTheSameObject() {
        try (Vmo vmo = Vmo.create(PAGE)) {
            Rights readOnly = Rights.of(Right.READ, Right.MAP, Right.INSPECT, Right.DUPLICATE);
            try (Vmo dup = vmo.duplicate(readOnly); Vmo same = vmo.duplicate()) {
                assertEquals(vmo.koid(), dup.koid());
                assertEquals(readOnly, dup.rights());
                assertEquals(vmo.rights(), same.rights());
                vmo.write(new byte[]{42}, 0);
                byte[] b = new byte[1];
                dup.read(b, 0);
                assertEquals(42, b[0]);
                ZxException e = assertThrows(ZxException.class, () -> dup.write(b, 0));
                assertEquals(Status.ACCESS_DENIED, e.status());
            }
        }
    }

    @Test
    void duplicateCannotWidenRightsOrWorkWithoutDuplicateRight() {
        try (Vmo vmo = Vmo.create(PAGE); Vmo narrow = vmo.duplicate(Rights.of(Right.READ))) {
            ZxException widen = assertThrows(ZxException.class, () -> vmo.duplicate(Rights.of(Right.READ, Right.EXECUTE)));
            assertEquals(Status.INVALID_ARGS, widen.status());
            assertEquals("zx_handle_duplicate", widen.syscall());
            ZxException denied = assertThrows(ZxException.class, narrow::duplicate);
            assertEquals(Status.ACCESS_DENIED, denied.status());
            assertThrows(NullPointerException.class, () -> vmo.duplicate(null));
        }
    }

    @Test
    void replaceGivesANewHandleAndKillsTheOld() {
        HandleCounts before = HandleCounts.now();
        Vmo vmo = Vmo.create(PAGE);
        long koid = vmo.koid();
        try (Vmo replaced = vmo.replace(Rights.of(Right.READ, Right.INSPECT))) {
            assertTrue(vmo.isClosed());
            assertThrows(IllegalStateException.class, vmo::size);
            assertEquals(koid, replaced.koid());
            assertEquals(Rights.of(Right.READ, Right.INSPECT), replaced.rights());
            assertEquals(before.of(ObjectType.VMO) + 1, HandleCounts.now().of(ObjectType.VMO));
            vmo.close(); // closing the dead object must not close the (maybe reused) value again
            assertEquals(before.of(ObjectType.VMO) + 1, HandleCounts.now().of(ObjectType.VMO));
        }
        assertEquals(before, HandleCounts.now());
    }

    @Test
    void failedReplaceStillKillsTheOldHandleWithoutLeaking() {
        HandleCounts before = HandleCounts.now();
        Vmo vmo = Vmo.create(PAGE);
        Vmo narrow = vmo.duplicate(Rights.of(Right.READ));
        ZxException e = assertThrows(ZxException.class, () -> narrow.replace(Rights.of(Right.READ, Right.WRITE)));
        assertEquals(Status.INVALID_ARGS, e.status());
        assertEquals("zx_handle_replace", e.syscall());
        assertTrue(narrow.isClosed());
        narrow.close();
        vmo.close();
        assertEquals(before, HandleCounts.now());
    }

    @Test
    void replaceWithNullRightsKeepsTheHandle() {
        try (Vmo vmo = Vmo.create(PAGE)) {
            assertThrows(NullPointerException.class, () -> vmo.replace(null));
            assertFalse(vmo.isClosed());
            assertEquals(PAGE, vmo.size());
        }
    }

    /**
     * Threads use a VMO while another closes it, over and over. Each failure must be the
     * IllegalStateException of a closed handle: a ZX_ERR_BAD_HANDLE would mean a stale value
     * reached the kernel after close.
     */
    @Test
    void closeRacingWithCallsNeverPassesAStaleValue() throws InterruptedException {
        HandleCounts before = HandleCounts.now();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        AtomicInteger refused = new AtomicInteger();
        for (int round = 0; round < 200 && unexpected.get() == null; round++) {
            Vmo vmo = Vmo.create(PAGE);
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> users = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                users.add(Thread.ofPlatform().start(() -> {
                    byte[] b = new byte[8];
                    try {
                        start.await();
                        for (int i = 0; i < 1000; i++) {
                            vmo.size();
                            vmo.read(b, 0);
                        }
                    } catch (IllegalStateException e) {
                        refused.incrementAndGet();
                    } catch (Throwable t2) {
                        unexpected.compareAndSet(null, t2);
                    }
                }));
            }
            start.countDown();
            Thread.onSpinWait();
            vmo.close();
            for (Thread t : users) {
                t.join();
            }
        }
        assertNull(unexpected.get(), () -> "a call failed other than by IllegalStateException: " + unexpected.get());
        assertTrue(refused.get() > 0, "no call ever saw the handle closed: the race was not exercised");
        assertEquals(before, HandleCounts.now());
    }
}
