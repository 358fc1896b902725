// Copyright 2026 The zircon-ffm Authors.
//
// A libzircon.so whose calls do (almost) nothing, for diagnosis only: loaded
// with -Dzircon.library, it leaves the Java layer's own cost per call. It
// implements only what the map, get_size and read/write benchmarks reach.
// zx_vmar_map hands out the address of one page reserved here (no syscall);
// nothing may touch that memory through the segment.

#include <string.h>
#include <sys/mman.h>
#include <zircon/process.h>
#include <zircon/syscalls.h>

#define EXPORT __attribute__((visibility("default")))

static zx_vaddr_t page;

__attribute__((constructor)) static void init(void) {
  void* p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  page = p == MAP_FAILED ? 0 : (zx_vaddr_t)p;
}

EXPORT zx_handle_t zx_vmar_root_self(void) { return 0x13; }
EXPORT uint32_t zx_system_get_page_size(void) { return 4096; }
EXPORT zx_status_t zx_handle_close(zx_handle_t h) { (void)h; return ZX_OK; }

EXPORT zx_status_t zx_vmo_create(uint64_t size, uint32_t options, zx_handle_t* out) {
  (void)size, (void)options;
  *out = 0x23;
  return ZX_OK;
}

EXPORT zx_status_t zx_vmo_get_size(zx_handle_t h, uint64_t* size) {
  (void)h;
  *size = 64u << 20;
  return ZX_OK;
}

EXPORT zx_status_t zx_vmo_read(zx_handle_t h, void* buf, uint64_t off, size_t len) {
  (void)h, (void)buf, (void)off, (void)len;
  return ZX_OK;
}

EXPORT zx_status_t zx_vmo_write(zx_handle_t h, const void* buf, uint64_t off, size_t len) {
  (void)h, (void)buf, (void)off, (void)len;
  return ZX_OK;
}

EXPORT zx_status_t zx_object_get_info(zx_handle_t h, uint32_t topic, void* buf, size_t size,
                                      size_t* actual, size_t* avail) {
  (void)actual, (void)avail;
  if (topic != ZX_INFO_HANDLE_BASIC || size < sizeof(zx_info_handle_basic_t)) return ZX_ERR_NOT_SUPPORTED;
  zx_info_handle_basic_t info = {.koid = 1000u + h,
                                 .rights = ZX_RIGHT_SAME_RIGHTS,
                                 .type = h == 0x13 ? ZX_OBJ_TYPE_VMAR : ZX_OBJ_TYPE_VMO};
  memcpy(buf, &info, sizeof(info));
  return ZX_OK;
}

EXPORT zx_status_t zx_vmar_map(zx_handle_t vmar, zx_vm_option_t options, size_t vmar_offset,
                               zx_handle_t vmo, uint64_t vmo_offset, size_t len, zx_vaddr_t* out) {
  (void)vmar, (void)options, (void)vmar_offset, (void)vmo, (void)vmo_offset, (void)len;
  *out = page;
  return ZX_OK;
}

EXPORT zx_status_t zx_vmar_unmap(zx_handle_t vmar, zx_vaddr_t addr, size_t len) {
  (void)vmar, (void)addr, (void)len;
  return ZX_OK;
}
