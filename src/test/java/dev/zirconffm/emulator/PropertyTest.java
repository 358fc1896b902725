package dev.zirconffm.emulator;

import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import static dev.zirconffm.emulator.Zx.ACCESS_DENIED;
import static dev.zirconffm.emulator.Zx.BAD_HANDLE;
import static dev.zirconffm.emulator.Zx.BUFFER_TOO_SMALL;
import static dev.zirconffm.emulator.Zx.INVALID_ARGS;
import static dev.zirconffm.emulator.Zx.INVALID_HANDLE;
import static dev.zirconffm.emulator.Zx.NOT_SUPPORTED;
import static dev.zirconffm.emulator.Zx.PAGE;
import static dev.zirconffm.emulator.Zx.RIGHT_GET_PROPERTY;
import static dev.zirconffm.emulator.Zx.RIGHT_READ;
import static dev.zirconffm.emulator.Zx.RIGHT_SET_PROPERTY;
import static dev.zirconffm.emulator.Zx.RIGHT_WRITE;
import static dev.zirconffm.emulator.Zx.WRONG_TYPE;
import static dev.zirconffm.emulator.Zx.assertStatus;
import static dev.zirconffm.emulator.Zx.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code zx_object_get_property} / {@code zx_object_set_property}: {@code ZX_PROP_NAME} and
 * {@code ZX_PROP_VMO_CONTENT_SIZE} (object_get_property.md, core-tests B5 'Rights', B4 'ContentSize').
 */
class PropertyTest extends EmulatorTest {

    private static final int NAME = zircon_h.ZX_PROP_NAME();
    private static final int CONTENT_SIZE = zircon_h.ZX_PROP_VMO_CONTENT_SIZE();
    private static final int MAX_NAME_LEN = (int) zircon_h.ZX_MAX_NAME_LEN();

    private int setName(int handle, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        return zircon_h.zx_object_set_property(handle, NAME, fx.copy(bytes), bytes.length);
    }

    private String name(int handle) {
        MemorySegment buf = fx.buffer(MAX_NAME_LEN);
        ok(zircon_h.zx_object_get_property(handle, NAME, buf, MAX_NAME_LEN), "get ZX_PROP_NAME");
        return buf.getString(0, StandardCharsets.US_ASCII);
    }

    private long contentSize(int vmo) {
        MemorySegment out = fx.u64();
        ok(zircon_h.zx_object_get_property(vmo, CONTENT_SIZE, out, 8), "get ZX_PROP_VMO_CONTENT_SIZE");
        return out.get(ValueLayout.JAVA_LONG, 0);
    }

    private int setContentSize(int vmo, long size) {
        MemorySegment in = fx.u64();
        in.set(ValueLayout.JAVA_LONG, 0, size);
        return zircon_h.zx_object_set_property(vmo, CONTENT_SIZE, in, 8);
    }

    @Test
    @DisplayName("core-tests B5 'Rights': an 8-char name sent without its NUL reads back; ZX_INFO_VMO shows it")
    void nameRoundTrip() {
        int vmo = fx.vmo(PAGE);
        assertEquals("", name(vmo), "a new VMO has an empty name");
        ok(setName(vmo, "abcdefgh"));
        assertEquals("abcdefgh", name(vmo));
        assertEquals("abcdefgh", Info.vmo(vmo).name());
        ok(setName(vmo, "xy"));
        assertEquals("xy", name(vmo), "a shorter name replaces the whole old one");
    }

    @Test
    @DisplayName("object_set_property.md: a name longer than ZX_MAX_NAME_LEN - 1 is truncated")
    void longNameIsTruncated() {
        int vmo = fx.vmo(PAGE);
        String longName = "0123456789abcdefghijklmnopqrstuvwxyz";
        ok(setName(vmo, longName));
        assertEquals(longName.substring(0, MAX_NAME_LEN - 1), name(vmo));
    }

    @Test
    @DisplayName("object_get_property.md: a buffer smaller than ZX_MAX_NAME_LEN gives BUFFER_TOO_SMALL")
    void nameBufferTooSmall() {
        int vmo = fx.vmo(PAGE);
        assertStatus(BUFFER_TOO_SMALL, zircon_h.zx_object_get_property(vmo, NAME, fx.buffer(MAX_NAME_LEN), MAX_NAME_LEN - 1));
    }

    @Test
    @DisplayName("object_get_property.md / object_set_property.md: GET_PROPERTY and SET_PROPERTY rights")
    void propertyRights() {
        int vmo = fx.vmo(PAGE);
        int noGet = fx.duplicate(vmo, RIGHT_SET_PROPERTY);
        int noSet = fx.duplicate(vmo, RIGHT_GET_PROPERTY);
        assertStatus(ACCESS_DENIED, zircon_h.zx_object_get_property(noGet, NAME, fx.buffer(MAX_NAME_LEN), MAX_NAME_LEN));
        assertStatus(ACCESS_DENIED, setName(noSet, "nope"));
        ok(setName(noGet, "yes"));
        assertEquals("yes", name(noSet));
    }

    @Test
    @DisplayName("object_get_property.md / object_set_property.md: an unknown property gives NOT_SUPPORTED")
    void unknownProperty() {
        int vmo = fx.vmo(PAGE);
        MemorySegment buf = fx.buffer(64);
        assertStatus(NOT_SUPPORTED, zircon_h.zx_object_get_property(vmo, 0x7fff, buf, 64));
        assertStatus(NOT_SUPPORTED, zircon_h.zx_object_set_property(vmo, 0x7fff, buf, 64));
    }

    @Test
    @DisplayName("object_get_property.md / object_set_property.md: an invalid handle gives BAD_HANDLE")
    void propertyBadHandle() {
        MemorySegment buf = fx.buffer(64);
        assertStatus(BAD_HANDLE, zircon_h.zx_object_get_property(INVALID_HANDLE, NAME, buf, MAX_NAME_LEN));
        assertStatus(BAD_HANDLE, zircon_h.zx_object_set_property(INVALID_HANDLE, NAME, buf, 3));
    }

    @Test
    @DisplayName("object_get_property.md: a null value gives INVALID_ARGS (get)")
    void getPropertyNullValue() {
        assertStatus(INVALID_ARGS, Isolated.status(IsolatedCases.class, "getNameIntoNull"));
    }

    @Test
    @DisplayName("object_set_property.md: a null value gives INVALID_ARGS (set)")
    void setPropertyNullValue() {
        assertStatus(INVALID_ARGS, Isolated.status(IsolatedCases.class, "setNameFromNull"));
    }

    @Test
    @DisplayName("core-tests B9.3 (legacy vmo-clone): a snapshot child inherits its parent's name")
    void snapshotInheritsName() {
        int vmo = fx.vmo(PAGE);
        ok(setName(vmo, "parent-name"));
        int child = fx.child(vmo, zircon_h.ZX_VMO_CHILD_SNAPSHOT(), 0, PAGE);
        assertEquals("parent-name", name(child));
    }

    @Test
    @DisplayName("core-tests B4 'ContentSize': starts at the creation size, exact; set values read back, even beyond the size")
    void contentSize() {
        long len = 4 * PAGE;
        int vmo = fx.vmo(len, zircon_h.ZX_VMO_RESIZABLE());
        assertEquals(len, contentSize(vmo));
        ok(setContentSize(vmo, len / 3));
        assertEquals(len / 3, contentSize(vmo));
        ok(setContentSize(vmo, len + 15643));
        assertEquals(len + 15643, contentSize(vmo));
        ok(zircon_h.zx_vmo_set_size(vmo, 5461));
        assertEquals(5461, contentSize(vmo), "set_size sets the content size exactly");
        assertEquals(42, contentSize(fx.vmo(42)), "an unaligned creation size is the content size");
    }

    @Test
    @DisplayName("core-tests B4 'ContentSize' (newest): READ|WRITE|SET_PROPERTY can set it; READ|SET_PROPERTY gives ACCESS_DENIED")
    void contentSizeRights() {
        int vmo = fx.vmo(PAGE);
        ok(setContentSize(fx.duplicate(vmo, RIGHT_READ | RIGHT_WRITE | RIGHT_SET_PROPERTY), 10));
        assertStatus(ACCESS_DENIED, setContentSize(fx.duplicate(vmo, RIGHT_READ | RIGHT_SET_PROPERTY), 20));
        assertEquals(10, contentSize(vmo));
    }

    @Test
    @DisplayName("object_get_property.md: ZX_PROP_VMO_CONTENT_SIZE needs 8 bytes (BUFFER_TOO_SMALL) and a VMO (WRONG_TYPE)")
    void contentSizeErrors() {
        int vmo = fx.vmo(PAGE);
        assertStatus(BUFFER_TOO_SMALL, zircon_h.zx_object_get_property(vmo, CONTENT_SIZE, fx.u64(), 4));
        assertStatus(BUFFER_TOO_SMALL, zircon_h.zx_object_set_property(vmo, CONTENT_SIZE, fx.u64(), 4));
        // A process handle carries GET_PROPERTY (a VMAR handle does not, and would give ACCESS_DENIED).
        assertStatus(WRONG_TYPE, zircon_h.zx_object_get_property(Zx.self(), CONTENT_SIZE, fx.u64(), 8));
    }
}
