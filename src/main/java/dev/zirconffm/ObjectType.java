package dev.zirconffm;

import dev.zirconffm.internal.bindings.zircon_h;

/** The type of a kernel object ({@code zx_obj_type_t}), as {@code ZX_INFO_HANDLE_BASIC} reports it. */
public enum ObjectType {
    /** {@code ZX_OBJ_TYPE_NONE}. */
    NONE(zircon_h.ZX_OBJ_TYPE_NONE()),
    /** {@code ZX_OBJ_TYPE_PROCESS}. */
    PROCESS(zircon_h.ZX_OBJ_TYPE_PROCESS()),
    /** {@code ZX_OBJ_TYPE_THREAD}. */
    THREAD(zircon_h.ZX_OBJ_TYPE_THREAD()),
    /** {@code ZX_OBJ_TYPE_VMO}. */
    VMO(zircon_h.ZX_OBJ_TYPE_VMO()),
    /** {@code ZX_OBJ_TYPE_CHANNEL}. */
    CHANNEL(zircon_h.ZX_OBJ_TYPE_CHANNEL()),
    /** {@code ZX_OBJ_TYPE_EVENT}. */
    EVENT(zircon_h.ZX_OBJ_TYPE_EVENT()),
    /** {@code ZX_OBJ_TYPE_PORT}. */
    PORT(zircon_h.ZX_OBJ_TYPE_PORT()),
    /** {@code ZX_OBJ_TYPE_INTERRUPT}. */
    INTERRUPT(zircon_h.ZX_OBJ_TYPE_INTERRUPT()),
    /** {@code ZX_OBJ_TYPE_PCI_DEVICE}. */
    PCI_DEVICE(zircon_h.ZX_OBJ_TYPE_PCI_DEVICE()),
    /** {@code ZX_OBJ_TYPE_DEBUGLOG}. */
    DEBUGLOG(zircon_h.ZX_OBJ_TYPE_DEBUGLOG()),
    /** {@code ZX_OBJ_TYPE_LOG}. */
    LOG(zircon_h.ZX_OBJ_TYPE_LOG()),
    /** {@code ZX_OBJ_TYPE_SOCKET}. */
    SOCKET(zircon_h.ZX_OBJ_TYPE_SOCKET()),
    /** {@code ZX_OBJ_TYPE_RESOURCE}. */
    RESOURCE(zircon_h.ZX_OBJ_TYPE_RESOURCE()),
    /** {@code ZX_OBJ_TYPE_EVENTPAIR}. */
    EVENTPAIR(zircon_h.ZX_OBJ_TYPE_EVENTPAIR()),
    /** {@code ZX_OBJ_TYPE_JOB}. */
    JOB(zircon_h.ZX_OBJ_TYPE_JOB()),
    /** {@code ZX_OBJ_TYPE_VMAR}. */
    VMAR(zircon_h.ZX_OBJ_TYPE_VMAR()),
    /** {@code ZX_OBJ_TYPE_FIFO}. */
    FIFO(zircon_h.ZX_OBJ_TYPE_FIFO()),
    /** {@code ZX_OBJ_TYPE_GUEST}. */
    GUEST(zircon_h.ZX_OBJ_TYPE_GUEST()),
    /** {@code ZX_OBJ_TYPE_VCPU}. */
    VCPU(zircon_h.ZX_OBJ_TYPE_VCPU()),
    /** {@code ZX_OBJ_TYPE_TIMER}. */
    TIMER(zircon_h.ZX_OBJ_TYPE_TIMER()),
    /** {@code ZX_OBJ_TYPE_IOMMU}. */
    IOMMU(zircon_h.ZX_OBJ_TYPE_IOMMU()),
    /** {@code ZX_OBJ_TYPE_BTI}. */
    BTI(zircon_h.ZX_OBJ_TYPE_BTI()),
    /** {@code ZX_OBJ_TYPE_PROFILE}. */
    PROFILE(zircon_h.ZX_OBJ_TYPE_PROFILE()),
    /** {@code ZX_OBJ_TYPE_PMT}. */
    PMT(zircon_h.ZX_OBJ_TYPE_PMT()),
    /** {@code ZX_OBJ_TYPE_SUSPEND_TOKEN}. */
    SUSPEND_TOKEN(zircon_h.ZX_OBJ_TYPE_SUSPEND_TOKEN()),
    /** {@code ZX_OBJ_TYPE_PAGER}. */
    PAGER(zircon_h.ZX_OBJ_TYPE_PAGER()),
    /** {@code ZX_OBJ_TYPE_EXCEPTION}. */
    EXCEPTION(zircon_h.ZX_OBJ_TYPE_EXCEPTION()),
    /** {@code ZX_OBJ_TYPE_CLOCK}. */
    CLOCK(zircon_h.ZX_OBJ_TYPE_CLOCK()),
    /** {@code ZX_OBJ_TYPE_STREAM}. */
    STREAM(zircon_h.ZX_OBJ_TYPE_STREAM()),
    /** {@code ZX_OBJ_TYPE_MSI}. */
    MSI(zircon_h.ZX_OBJ_TYPE_MSI()),
    /** {@code ZX_OBJ_TYPE_IOB}. */
    IOB(zircon_h.ZX_OBJ_TYPE_IOB()),
    /** {@code ZX_OBJ_TYPE_COUNTER}. */
    COUNTER(zircon_h.ZX_OBJ_TYPE_COUNTER()),
    /** {@code ZX_OBJ_TYPE_IOB_SHARED_REGION}. */
    IOB_SHARED_REGION(zircon_h.ZX_OBJ_TYPE_IOB_SHARED_REGION()),
    /** {@code ZX_OBJ_TYPE_SAMPLER}. */
    SAMPLER(zircon_h.ZX_OBJ_TYPE_SAMPLER()),
    /** A type this library does not know. */
    UNKNOWN(-1);

    private final int value;

    ObjectType(int value) {
        this.value = value;
    }

    /**
     * The {@code zx_obj_type_t} value; -1 for {@link #UNKNOWN}.
     *
     * @return the value
     */
    public int value() {
        return value;
    }

    /**
     * Returns the type with the given value, or {@link #UNKNOWN}.
     *
     * @param value the kernel value
     * @return the type
     */
    public static ObjectType of(int value) {
        for (ObjectType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
