// Copyright 2026 The zircon-ffm Authors.
//
// Host memory the harness hands to syscalls as buffers, and probes of
// emulated mappings. Every buffer is followed by a PROT_NONE page, so that a
// call told a length longer than the buffer stops there instead of writing
// (or reading) the harness's own memory. Probes go through the kernel
// (process_vm_readv/writev), so that a wrong mapping shows as a failed probe
// instead of a crash, and so that threads may probe memory another thread is
// unmapping.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "hostile.h"

_Thread_local mem_t mem;

#define SCRATCH_PAGES 16

static char* map_or_die(size_t len, int prot) {
  void* p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    perror("hostile: mmap");
    exit(2);
  }
  return p;
}

void mem_init(void) {
  size_t page = zx_system_get_page_size();
  mem.page = page;
  mem.scratch_len = SCRATCH_PAGES * page;
  mem.scratch = map_or_die(mem.scratch_len + page, PROT_READ | PROT_WRITE);
  if (mprotect(mem.scratch + mem.scratch_len, page, PROT_NONE) != 0) exit(2);
  mem.ro = map_or_die(2 * page, PROT_READ | PROT_WRITE);
  memset(mem.ro, 0xa5, page);
  if (mprotect(mem.ro, page, PROT_READ) != 0 || mprotect(mem.ro + page, page, PROT_NONE) != 0) {
    exit(2);
  }
  mem.none = mem.ro + page;
  zx_info_vmar_t root;
  if (zx_object_get_info(zx_vmar_root_self(), ZX_INFO_VMAR, &root, sizeof(root), NULL, NULL) !=
      ZX_OK) {
    fprintf(stderr, "hostile: cannot read the root VMAR\n");
    exit(2);
  }
  mem.root_base = root.base;
  mem.root_end = root.base + root.len;
}

bool mem_probe_read(uintptr_t addr, uint8_t* out) {
  struct iovec local = {.iov_base = out, .iov_len = 1};
  struct iovec remote = {.iov_base = (void*)addr, .iov_len = 1};
  return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == 1;
}

bool mem_probe_write(uintptr_t addr, uint8_t v) {
  struct iovec local = {.iov_base = &v, .iov_len = 1};
  struct iovec remote = {.iov_base = (void*)addr, .iov_len = 1};
  return process_vm_writev(getpid(), &local, 1, &remote, 1, 0) == 1;
}

bool mem_read(uintptr_t addr, void* out, size_t len) {
  struct iovec local = {.iov_base = out, .iov_len = len};
  struct iovec remote = {.iov_base = (void*)addr, .iov_len = len};
  return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)len;
}
