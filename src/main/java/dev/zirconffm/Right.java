package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;

/** One Zircon handle right ({@code ZX_RIGHT_*}); sets of them are {@link Rights}. */
public enum Right {
    /** {@code ZX_RIGHT_DUPLICATE}: the handle may be duplicated. */
    DUPLICATE(zircon_h.ZX_RIGHT_DUPLICATE()),
    /** {@code ZX_RIGHT_TRANSFER}: the handle may be sent over a channel. */
    TRANSFER(zircon_h.ZX_RIGHT_TRANSFER()),
    /** {@code ZX_RIGHT_READ}: read the object's data (a VMO's contents, mapping readable). */
    READ(zircon_h.ZX_RIGHT_READ()),
    /** {@code ZX_RIGHT_WRITE}: write the object's data (a VMO's contents, mapping writable). */
    WRITE(zircon_h.ZX_RIGHT_WRITE()),
    /** {@code ZX_RIGHT_EXECUTE}: map executable. */
    EXECUTE(zircon_h.ZX_RIGHT_EXECUTE()),
    /** {@code ZX_RIGHT_MAP}: map a VMO, or map into a VMAR. */
    MAP(zircon_h.ZX_RIGHT_MAP()),
    /** {@code ZX_RIGHT_GET_PROPERTY}: read properties such as the name. */
    GET_PROPERTY(zircon_h.ZX_RIGHT_GET_PROPERTY()),
    /** {@code ZX_RIGHT_SET_PROPERTY}: set properties such as the name. */
    SET_PROPERTY(zircon_h.ZX_RIGHT_SET_PROPERTY()),
    /** {@code ZX_RIGHT_ENUMERATE}: enumerate children. */
    ENUMERATE(zircon_h.ZX_RIGHT_ENUMERATE()),
    /** {@code ZX_RIGHT_DESTROY}: destroy the object. */
    DESTROY(zircon_h.ZX_RIGHT_DESTROY()),
    /** {@code ZX_RIGHT_SET_POLICY}: set policy. */
    SET_POLICY(zircon_h.ZX_RIGHT_SET_POLICY()),
    /** {@code ZX_RIGHT_GET_POLICY}: read policy. */
    GET_POLICY(zircon_h.ZX_RIGHT_GET_POLICY()),
    /** {@code ZX_RIGHT_SIGNAL}: signal the object. */
    SIGNAL(zircon_h.ZX_RIGHT_SIGNAL()),
    /** {@code ZX_RIGHT_SIGNAL_PEER}: signal the object's peer. */
    SIGNAL_PEER(zircon_h.ZX_RIGHT_SIGNAL_PEER()),
    /** {@code ZX_RIGHT_WAIT}: wait on the object's signals. */
    WAIT(zircon_h.ZX_RIGHT_WAIT()),
    /** {@code ZX_RIGHT_INSPECT}: read information with {@code zx_object_get_info}. */
    INSPECT(zircon_h.ZX_RIGHT_INSPECT()),
    /** {@code ZX_RIGHT_MANAGE_JOB}: manage a job. */
    MANAGE_JOB(zircon_h.ZX_RIGHT_MANAGE_JOB()),
    /** {@code ZX_RIGHT_MANAGE_PROCESS}: manage a process. */
    MANAGE_PROCESS(zircon_h.ZX_RIGHT_MANAGE_PROCESS()),
    /** {@code ZX_RIGHT_MANAGE_THREAD}: manage a thread. */
    MANAGE_THREAD(zircon_h.ZX_RIGHT_MANAGE_THREAD()),
    /** {@code ZX_RIGHT_APPLY_PROFILE}: apply a scheduling profile. */
    APPLY_PROFILE(zircon_h.ZX_RIGHT_APPLY_PROFILE()),
    /** {@code ZX_RIGHT_MANAGE_SOCKET}: manage a socket. */
    MANAGE_SOCKET(zircon_h.ZX_RIGHT_MANAGE_SOCKET()),
    /** {@code ZX_RIGHT_OP_CHILDREN}: a VMAR operation may act on its sub-regions. */
    OP_CHILDREN(zircon_h.ZX_RIGHT_OP_CHILDREN()),
    /** {@code ZX_RIGHT_RESIZE}: resize a VMO. */
    RESIZE(zircon_h.ZX_RIGHT_RESIZE()),
    /** {@code ZX_RIGHT_ATTACH_VMO}: attach a VMO. */
    ATTACH_VMO(zircon_h.ZX_RIGHT_ATTACH_VMO()),
    /** {@code ZX_RIGHT_MANAGE_VMO}: manage a VMO (e.g. change its cache policy). */
    MANAGE_VMO(zircon_h.ZX_RIGHT_MANAGE_VMO());

    private final int bit;

    Right(int bit) {
        this.bit = bit;
    }

    /**
     * The right's bit in a {@code zx_rights_t}.
     *
     * @return the bit
     */
    public int bit() {
        return bit;
    }
}
