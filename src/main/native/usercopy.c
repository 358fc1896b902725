// Copyright 2026 The zircon-ffm Authors.
//
// Copies to and from the caller's memory through the kernel
// (process_vm_readv/writev on our own pid), which fails with EFAULT on an
// address that is unmapped or lacks the needed permission, where a plain
// memcpy would crash the process. Out-parameters of 4 or 8 bytes, on every
// hot path, are instead probed with a cheap syscall that writes exactly that
// many bytes there (a ninth of the cost), then stored directly; only another
// thread unmapping that memory in between could still make the store fault.

#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "emu.h"

static pid_t self_pid;
static bool kernel_copy_unavailable;

static void refresh_pid(void) { self_pid = getpid(); }

__attribute__((constructor)) static void usercopy_init(void) {
  refresh_pid();
  pthread_atfork(NULL, NULL, refresh_pid);
}

// 1: writable, 0: not, -1: cannot tell this way.
static int probe_writable(void* p, size_t len) {
  long r = -1;
#ifdef SYS_time
  if (len == 8) r = syscall(SYS_time, p);  // stores a time_t at p
#endif
#ifdef SYS_getcpu
  if (len == 4) r = syscall(SYS_getcpu, p, NULL, NULL);  // stores an unsigned at p
#endif
  if (r != -1) return 1;
  return errno == EFAULT ? 0 : -1;
}

bool zxe_copy_out(void* user_dst, const void* src, size_t len) {
  if (len == 0) return true;
  if ((uintptr_t)user_dst < 4096 || (uintptr_t)user_dst + len < (uintptr_t)user_dst) return false;
  if (len == 4 || len == 8) {
    int w = probe_writable(user_dst, len);
    if (w == 0) return false;
    if (w == 1) {
      memcpy(user_dst, src, len);
      return true;
    }
  }
  if (!kernel_copy_unavailable) {
    struct iovec local = {.iov_base = (void*)src, .iov_len = len};
    struct iovec remote = {.iov_base = user_dst, .iov_len = len};
    ssize_t n = process_vm_writev(self_pid, &local, 1, &remote, 1, 0);
    if (n == (ssize_t)len) return true;
    if (n >= 0 || (errno != ENOSYS && errno != EPERM)) return false;
    kernel_copy_unavailable = true;  // e.g. a seccomp filter: fall back to plain stores
  }
  memcpy(user_dst, src, len);
  return true;
}

bool zxe_copy_in(void* dst, const void* user_src, size_t len) {
  if (len == 0) return true;
  if ((uintptr_t)user_src < 4096 || (uintptr_t)user_src + len < (uintptr_t)user_src) return false;
  if (!kernel_copy_unavailable) {
    struct iovec local = {.iov_base = dst, .iov_len = len};
    struct iovec remote = {.iov_base = (void*)user_src, .iov_len = len};
    ssize_t n = process_vm_readv(self_pid, &local, 1, &remote, 1, 0);
    if (n == (ssize_t)len) return true;
    if (n >= 0 || (errno != ENOSYS && errno != EPERM)) return false;
    kernel_copy_unavailable = true;
  }
  memcpy(dst, user_src, len);
  return true;
}
