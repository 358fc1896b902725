package dev.zirconffm;

/**
 * A Zircon syscall failed. Carries the {@link Status}, the raw {@code zx_status_t}, the syscall's
 * name and its arguments, all of which also appear in the message, e.g.
 * {@code zx_vmo_create(size=0x1000, options=0x0) failed: ZX_ERR_NO_MEMORY (-4)}.
 */
public final class ZxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The status, {@link Status#UNKNOWN} if this library does not know it. */
    private final Status status;
    /** The {@code zx_status_t} value. */
    private final int rawStatus;
    /** The syscall's name. */
    private final String syscall;
    /** The syscall's arguments, {@code name=value} comma-separated. */
    private final String arguments;

    /**
     * Creates the exception for a failed call.
     *
     * @param rawStatus the status the call returned (not {@code ZX_OK})
     * @param syscall   the syscall's name, e.g. {@code zx_vmar_map}
     * @param arguments the arguments as {@code name=value} pairs, comma-separated
     */
    public ZxException(int rawStatus, String syscall, String arguments) {
        super(syscall + "(" + arguments + ") failed: " + Status.of(rawStatus).zxName() + " (" + rawStatus + ")");
        this.status = Status.of(rawStatus);
        this.rawStatus = rawStatus;
        this.syscall = syscall;
        this.arguments = arguments;
    }

    /**
     * The status, or {@link Status#UNKNOWN} for a value this library does not know (see {@link #rawStatus()}).
     *
     * @return the status
     */
    public Status status() {
        return status;
    }

    /**
     * The {@code zx_status_t} the syscall returned.
     *
     * @return the raw status
     */
    public int rawStatus() {
        return rawStatus;
    }

    /**
     * The syscall's name, e.g. {@code zx_vmo_read}.
     *
     * @return the syscall's name
     */
    public String syscall() {
        return syscall;
    }

    /**
     * The syscall's arguments as {@code name=value} pairs, comma-separated.
     *
     * @return the arguments
     */
    public String arguments() {
        return arguments;
    }
}
