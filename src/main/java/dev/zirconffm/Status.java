package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;

import java.util.HashMap;
import java.util.Map;

/**
 * A Zircon status code ({@code zx_status_t}): {@link #OK} or one of the {@code ZX_ERR_*} errors.
 *
 * <p>Each constant carries the kernel's numeric value, read from the generated bindings, so it
 * matches the ABI by construction. A value the kernel returns that this enum does not know maps
 * to {@link #UNKNOWN} through {@link #of(int)}; the raw value is kept by the exception that reports it.
 */
public enum Status {
    /** {@code ZX_OK}: success. */
    OK(zircon_h.ZX_OK()),
    /** {@code ZX_ERR_INTERNAL}: the system encountered an unexpected error. */
    INTERNAL(zircon_h.ZX_ERR_INTERNAL()),
    /** {@code ZX_ERR_NOT_SUPPORTED}: the operation is not implemented, supported or enabled. */
    NOT_SUPPORTED(zircon_h.ZX_ERR_NOT_SUPPORTED()),
    /** {@code ZX_ERR_NO_RESOURCES}: the system was not able to allocate some resource. */
    NO_RESOURCES(zircon_h.ZX_ERR_NO_RESOURCES()),
    /** {@code ZX_ERR_NO_MEMORY}: the system was not able to allocate memory. */
    NO_MEMORY(zircon_h.ZX_ERR_NO_MEMORY()),
    /** {@code ZX_ERR_INTERNAL_INTR_RETRY}: the syscall was interrupted and should be retried. */
    INTERNAL_INTR_RETRY(zircon_h.ZX_ERR_INTERNAL_INTR_RETRY()),
    /** {@code ZX_ERR_INVALID_ARGS}: an argument is invalid. */
    INVALID_ARGS(zircon_h.ZX_ERR_INVALID_ARGS()),
    /** {@code ZX_ERR_BAD_HANDLE}: a handle argument does not refer to a handle. */
    BAD_HANDLE(zircon_h.ZX_ERR_BAD_HANDLE()),
    /** {@code ZX_ERR_WRONG_TYPE}: the subject of the operation is the wrong type. */
    WRONG_TYPE(zircon_h.ZX_ERR_WRONG_TYPE()),
    /** {@code ZX_ERR_BAD_SYSCALL}: the syscall number is invalid. */
    BAD_SYSCALL(zircon_h.ZX_ERR_BAD_SYSCALL()),
    /** {@code ZX_ERR_OUT_OF_RANGE}: an argument is outside the valid range. */
    OUT_OF_RANGE(zircon_h.ZX_ERR_OUT_OF_RANGE()),
    /** {@code ZX_ERR_BUFFER_TOO_SMALL}: a caller-provided buffer is too small. */
    BUFFER_TOO_SMALL(zircon_h.ZX_ERR_BUFFER_TOO_SMALL()),
    /** {@code ZX_ERR_BAD_STATE}: the operation failed because the current state forbids it. */
    BAD_STATE(zircon_h.ZX_ERR_BAD_STATE()),
    /** {@code ZX_ERR_TIMED_OUT}: the time limit was reached before the operation completed. */
    TIMED_OUT(zircon_h.ZX_ERR_TIMED_OUT()),
    /** {@code ZX_ERR_SHOULD_WAIT}: the operation cannot be performed now; try again later. */
    SHOULD_WAIT(zircon_h.ZX_ERR_SHOULD_WAIT()),
    /** {@code ZX_ERR_CANCELED}: the operation was canceled. */
    CANCELED(zircon_h.ZX_ERR_CANCELED()),
    /** {@code ZX_ERR_PEER_CLOSED}: the other side of a paired object was closed. */
    PEER_CLOSED(zircon_h.ZX_ERR_PEER_CLOSED()),
    /** {@code ZX_ERR_NOT_FOUND}: the requested entity was not found. */
    NOT_FOUND(zircon_h.ZX_ERR_NOT_FOUND()),
    /** {@code ZX_ERR_ALREADY_EXISTS}: an object with the same identity already exists. */
    ALREADY_EXISTS(zircon_h.ZX_ERR_ALREADY_EXISTS()),
    /** {@code ZX_ERR_ALREADY_BOUND}: the object is already bound. */
    ALREADY_BOUND(zircon_h.ZX_ERR_ALREADY_BOUND()),
    /** {@code ZX_ERR_UNAVAILABLE}: the resource is unavailable, or the operation is not allowed. */
    UNAVAILABLE(zircon_h.ZX_ERR_UNAVAILABLE()),
    /** {@code ZX_ERR_ACCESS_DENIED}: the caller lacks a right the operation needs. */
    ACCESS_DENIED(zircon_h.ZX_ERR_ACCESS_DENIED()),
    /** {@code ZX_ERR_IO}: an input/output error. */
    IO(zircon_h.ZX_ERR_IO()),
    /** {@code ZX_ERR_IO_REFUSED}: the peer refused the input/output operation. */
    IO_REFUSED(zircon_h.ZX_ERR_IO_REFUSED()),
    /** {@code ZX_ERR_IO_DATA_INTEGRITY}: data failed an integrity check. */
    IO_DATA_INTEGRITY(zircon_h.ZX_ERR_IO_DATA_INTEGRITY()),
    /** {@code ZX_ERR_IO_DATA_LOSS}: data was lost. */
    IO_DATA_LOSS(zircon_h.ZX_ERR_IO_DATA_LOSS()),
    /** {@code ZX_ERR_IO_NOT_PRESENT}: the device is no longer present. */
    IO_NOT_PRESENT(zircon_h.ZX_ERR_IO_NOT_PRESENT()),
    /** {@code ZX_ERR_IO_OVERRUN}: more data was received than the buffer could hold. */
    IO_OVERRUN(zircon_h.ZX_ERR_IO_OVERRUN()),
    /** {@code ZX_ERR_IO_MISSED_DEADLINE}: a deadline was missed. */
    IO_MISSED_DEADLINE(zircon_h.ZX_ERR_IO_MISSED_DEADLINE()),
    /** {@code ZX_ERR_IO_INVALID}: the data is invalid. */
    IO_INVALID(zircon_h.ZX_ERR_IO_INVALID()),
    /** {@code ZX_ERR_BAD_PATH}: a path name is invalid. */
    BAD_PATH(zircon_h.ZX_ERR_BAD_PATH()),
    /** {@code ZX_ERR_NOT_DIR}: the object is not a directory. */
    NOT_DIR(zircon_h.ZX_ERR_NOT_DIR()),
    /** {@code ZX_ERR_NOT_FILE}: the object is not a regular file. */
    NOT_FILE(zircon_h.ZX_ERR_NOT_FILE()),
    /** {@code ZX_ERR_FILE_BIG}: a file grew beyond a limit. */
    FILE_BIG(zircon_h.ZX_ERR_FILE_BIG()),
    /** {@code ZX_ERR_NO_SPACE}: the filesystem or device is full. */
    NO_SPACE(zircon_h.ZX_ERR_NO_SPACE()),
    /** {@code ZX_ERR_NOT_EMPTY}: the directory is not empty. */
    NOT_EMPTY(zircon_h.ZX_ERR_NOT_EMPTY()),
    /** {@code ZX_ERR_STOP}: flow control: stop the iteration. */
    STOP(zircon_h.ZX_ERR_STOP()),
    /** {@code ZX_ERR_NEXT}: flow control: move to the next item. */
    NEXT(zircon_h.ZX_ERR_NEXT()),
    /** {@code ZX_ERR_ASYNC}: flow control: the work will complete asynchronously. */
    ASYNC(zircon_h.ZX_ERR_ASYNC()),
    /** {@code ZX_ERR_PROTOCOL_NOT_SUPPORTED}: the protocol is not supported. */
    PROTOCOL_NOT_SUPPORTED(zircon_h.ZX_ERR_PROTOCOL_NOT_SUPPORTED()),
    /** {@code ZX_ERR_ADDRESS_UNREACHABLE}: the host is unreachable. */
    ADDRESS_UNREACHABLE(zircon_h.ZX_ERR_ADDRESS_UNREACHABLE()),
    /** {@code ZX_ERR_ADDRESS_IN_USE}: the address is in use. */
    ADDRESS_IN_USE(zircon_h.ZX_ERR_ADDRESS_IN_USE()),
    /** {@code ZX_ERR_NOT_CONNECTED}: the connection is not established. */
    NOT_CONNECTED(zircon_h.ZX_ERR_NOT_CONNECTED()),
    /** {@code ZX_ERR_CONNECTION_REFUSED}: the remote peer refused the connection. */
    CONNECTION_REFUSED(zircon_h.ZX_ERR_CONNECTION_REFUSED()),
    /** {@code ZX_ERR_CONNECTION_RESET}: the connection was reset. */
    CONNECTION_RESET(zircon_h.ZX_ERR_CONNECTION_RESET()),
    /** {@code ZX_ERR_CONNECTION_ABORTED}: the connection was aborted. */
    CONNECTION_ABORTED(zircon_h.ZX_ERR_CONNECTION_ABORTED()),
    /** {@code ZX_ERR_INTERNAL_INTR_KILLED}: the task is being killed. */
    INTERNAL_INTR_KILLED(zircon_h.ZX_ERR_INTERNAL_INTR_KILLED()),
    /** A value this enum does not know; see the raw value kept by the failing call's exception. */
    UNKNOWN(Integer.MIN_VALUE);

    private static final Map<Integer, Status> BY_VALUE = new HashMap<>();

    static {
        for (Status s : values()) {
            BY_VALUE.put(s.value, s);
        }
    }

    private final int value;

    Status(int value) {
        this.value = value;
    }

    /**
     * Returns the kernel's numeric value ({@code zx_status_t}); {@code Integer.MIN_VALUE} for {@link #UNKNOWN}.
     *
     * @return the value
     */
    public int value() {
        return value;
    }

    /**
     * Returns the {@code ZX_*} name of this status, e.g. {@code ZX_ERR_BAD_HANDLE}.
     *
     * @return the name
     */
    public String zxName() {
        return this == OK ? "ZX_OK" : this == UNKNOWN ? "ZX_ERR_<unknown>" : "ZX_ERR_" + name();
    }

    /**
     * Returns the status with the given kernel value, or {@link #UNKNOWN} if there is none.
     *
     * @param value the kernel value
     * @return the status
     */
    public static Status of(int value) {
        return BY_VALUE.getOrDefault(value, UNKNOWN);
    }
}
