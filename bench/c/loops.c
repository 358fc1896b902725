// Copyright 2026 The zircon-ffm Authors.
//
// The C loops of zxbench.c as a library, for the JMH benchmarks to call once
// per batch of operations: the same C code timed inside the JVM process, so
// that its costs (its other threads, its thousands of host mappings) weigh on
// C and Java alike. Each returns the first failing status, or ZX_OK.

#include <zircon/process.h>
#include <zircon/syscalls.h>

#define EXPORT __attribute__((visibility("default")))

EXPORT zx_status_t zxb_map_unmap(zx_handle_t vmar, zx_handle_t vmo, uint32_t options, uint64_t len,
                                 long n) {
  for (long i = 0; i < n; i++) {
    zx_vaddr_t addr;
    zx_status_t st = zx_vmar_map(vmar, options, 0, vmo, 0, len, &addr);
    if (st != ZX_OK) return st;
    st = zx_vmar_unmap(vmar, addr, len);
    if (st != ZX_OK) return st;
  }
  return ZX_OK;
}

EXPORT zx_status_t zxb_get_size(zx_handle_t vmo, long n) {
  for (long i = 0; i < n; i++) {
    uint64_t size;
    zx_status_t st = zx_vmo_get_size(vmo, &size);
    if (st != ZX_OK) return st;
    __asm__ volatile("" ::: "memory");
  }
  return ZX_OK;
}
