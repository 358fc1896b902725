// Copyright 2026 The zircon-ffm Authors.
//
// Test-only switches of the zircon-ffm host emulator (libzircon.so on Linux).
// They do not exist on Fuchsia: only tests of the layers above the syscalls
// should call them (leak checks use ZX_INFO_PROCESS_HANDLE_STATS instead).
// All functions are thread-safe and take effect for the whole process.

#ifndef ZXEMU_TESTING_H_
#define ZXEMU_TESTING_H_

#include <zircon/types.h>

__BEGIN_CDECLS

// Arms allocation-failure injection: counting from now, the nth call that
// reaches an allocation (of a handle, an object, a region node or a memfd)
// fails there with ZX_ERR_NO_MEMORY, before any effect. nth == 1 fails the next
// such call. 0 disarms. The switch fires once, then disarms itself.
__EXPORT void zxemu_fail_nth_allocation(uint64_t nth);

// Arms per-syscall failure injection: the nth next call of the syscall named
// `syscall` (e.g. "zx_vmar_map") returns `status` before any effect (after
// nothing but the lookup of its name). The consuming calls, zx_handle_replace
// and zx_vmo_replace_as_executable, still consume a valid handle, as they do
// on every failure on Fuchsia. nth == 0 disarms that syscall. Returns
// ZX_OK, or ZX_ERR_NOT_FOUND if no exported syscall has that name, or
// ZX_ERR_INVALID_ARGS if syscall is NULL or status is ZX_OK.
__EXPORT zx_status_t zxemu_fail_nth_call(const char* syscall, uint64_t nth, zx_status_t status);

// Disarms every failure injection.
__EXPORT void zxemu_clear_failures(void);

__END_CDECLS

#endif  // ZXEMU_TESTING_H_
