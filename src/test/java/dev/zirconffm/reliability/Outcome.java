package dev.zirconffm.reliability;

import dev.zirconffm.Status;
import dev.zirconffm.ZxException;

/**
 * How an API call ended: normally, with one of the exceptions the API documents, or with a
 * {@link ZxException} of a given status. Anything else (another exception, an error) is
 * {@link Kind#UNEXPECTED} and always fails the check.
 */
record Outcome(Kind kind, Status status) {

    enum Kind { OK, ILLEGAL_STATE, ILLEGAL_ARGUMENT, WRONG_THREAD, UNSUPPORTED, ZX, UNEXPECTED }

    static final Outcome OK = new Outcome(Kind.OK, null);
    static final Outcome ISE = new Outcome(Kind.ILLEGAL_STATE, null);
    static final Outcome IAE = new Outcome(Kind.ILLEGAL_ARGUMENT, null);
    static final Outcome WRONG_THREAD = new Outcome(Kind.WRONG_THREAD, null);
    static final Outcome UNSUPPORTED = new Outcome(Kind.UNSUPPORTED, null);

    static Outcome zx(Status status) {
        return new Outcome(Kind.ZX, status);
    }

    static Outcome of(Throwable t) {
        if (t instanceof ZxException z) {
            return zx(z.status());
        }
        if (t instanceof WrongThreadException) { // a RuntimeException, not an IllegalStateException
            return WRONG_THREAD;
        }
        if (t instanceof IllegalStateException) {
            return ISE;
        }
        if (t instanceof IllegalArgumentException) {
            return IAE;
        }
        if (t instanceof UnsupportedOperationException) {
            return UNSUPPORTED;
        }
        return new Outcome(Kind.UNEXPECTED, null);
    }

    @Override
    public String toString() {
        return kind == Kind.ZX ? status.name() : kind.name();
    }
}
