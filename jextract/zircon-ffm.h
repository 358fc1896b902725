// The entry header jextract reads: every part of the Zircon ABI zircon-ffm binds.
#include <zircon/process.h>
#include <zircon/syscalls.h>
