// Copyright 2026 The zircon-ffm Authors.
//
// The C loops of zxbench.c as a library, for the JMH benchmarks to call once
// per batch of operations: the same C code timed inside the JVM process, so
// that its costs (its other threads, its thousands of host mappings) weigh on
// C and Java alike. Each returns the first failing status, or ZX_OK.

#include <string.h>
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

EXPORT zx_status_t zxb_vmo_write(zx_handle_t vmo, const void* buf, size_t len, long n) {
  for (long i = 0; i < n; i++) {
    zx_status_t st = zx_vmo_write(vmo, buf, 0, len);
    if (st != ZX_OK) return st;
  }
  return ZX_OK;
}

EXPORT zx_status_t zxb_vmo_read(zx_handle_t vmo, void* buf, size_t len, long n) {
  for (long i = 0; i < n; i++) {
    zx_status_t st = zx_vmo_read(vmo, buf, 0, len);
    if (st != ZX_OK) return st;
    __asm__ volatile("" ::: "memory");
  }
  return ZX_OK;
}

EXPORT void zxb_memset(void* dst, int value, size_t len) {
  memset(dst, value, len);
  __asm__ volatile("" ::: "memory");
}

EXPORT void zxb_memcpy(void* dst, const void* src, size_t len) {
  memcpy(dst, src, len);
  __asm__ volatile("" ::: "memory");
}
