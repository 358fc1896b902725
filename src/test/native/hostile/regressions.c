// Copyright 2026 The zircon-ffm Authors.
//
// Minimal reproductions of the emulator bugs this harness found, run before
// every hostile run so that they stay fixed. Each names the bug and the
// commit that fixed it.

#include <stdio.h>
#include <string.h>

#include "hostile.h"

typedef struct {
  const char* name;
  bool (*run)(char* why, size_t n);
} regression_t;

// zx_vmar_map accepted ZX_VM_COMPACT and ZX_VM_CAN_MAP_SPECIFIC, which only
// describe sub-VMARs: Fuchsia's CreateVmMapping rejects both (INVALID_ARGS).
// Found by seed 1, step 136593 (before the ASLR-free replay); fixed in the
// commit "Emulator: zx_vmar_map rejects ZX_VM_COMPACT and ZX_VM_CAN_MAP_SPECIFIC".
static bool map_rejects_region_only_options(char* why, size_t n) {
  static const uint32_t bad[] = {ZX_VM_COMPACT, ZX_VM_CAN_MAP_SPECIFIC};
  zx_handle_t vmo;
  if (zx_vmo_create(zx_system_get_page_size(), 0, &vmo) != ZX_OK) {
    snprintf(why, n, "zx_vmo_create failed");
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    zx_vaddr_t addr;
    zx_status_t st = zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | bad[i], 0, vmo, 0,
                                 zx_system_get_page_size(), &addr);
    if (st == ZX_OK) (void)zx_vmar_unmap(zx_vmar_root_self(), addr, zx_system_get_page_size());
    if (st != ZX_ERR_INVALID_ARGS) {
      size_t used = strlen(why);
      snprintf(why + used, n - used, "%szx_vmar_map with option 0x%x gave %s, not ZX_ERR_INVALID_ARGS",
               used ? "; " : "", bad[i], status_name(st));
      ok = false;
    }
  }
  zx_handle_close(vmo);
  return ok;
}

// A mapping of the largest VMO (2^64 - 128 KiB) that runs past its end gave
// ZX_ERR_INTERNAL: the part past the end fell in the second memfd beyond the
// file offsets mmap accepts (EOVERFLOW). Fuchsia maps it; the part past the
// end faults. Found by seed 1, step 644055 (before the ASLR-free replay);
// fixed in the commit "Emulator: a mapping past the end of the largest VMO is
// no longer ZX_ERR_INTERNAL".
static bool map_past_end_of_largest_vmo(char* why, size_t n) {
  size_t page = zx_system_get_page_size();
  zx_handle_t vmo;
  uint64_t size = 0;
  if (zx_vmo_create(0, ZX_VMO_UNBOUNDED, &vmo) != ZX_OK || zx_vmo_get_size(vmo, &size) != ZX_OK) {
    snprintf(why, n, "cannot make an unbounded VMO");
    return false;
  }
  bool ok = true;
  zx_vaddr_t addr = 0;
  zx_status_t st = zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo,
                               size - page, 32 * page, &addr);
  uint8_t b = 0, v = 0x5c;
  if (st != ZX_OK) {
    snprintf(why, n, "mapping the last page and 31 past it gave %s", status_name(st));
    ok = false;
  } else if (!mem_probe_write(addr, v) || zx_vmo_read(vmo, &b, size - page, 1) != ZX_OK || b != v) {
    snprintf(why, n, "the VMO's last page is not mapped coherently");
    ok = false;
  } else if (mem_probe_read(addr + page, &b)) {
    snprintf(why, n, "the page past the VMO's end is readable");
    ok = false;
  }
  if (st == ZX_OK) (void)zx_vmar_unmap(zx_vmar_root_self(), addr, 32 * page);
  zx_handle_close(vmo);
  return ok;
}

static const regression_t regressions[] = {
    {"map_past_end_of_largest_vmo", map_past_end_of_largest_vmo},
    {"map_rejects_region_only_options", map_rejects_region_only_options},
    {NULL, NULL},
};

int run_regressions(void) {
  int failed = 0, run = 0;
  for (size_t i = 0; regressions[i].name; i++) {
    char why[256] = "";
    run++;
    if (!regressions[i].run(why, sizeof(why))) {
      fprintf(stderr, "REGRESSION %s: %s\n", regressions[i].name, why);
      failed++;
    }
  }
  printf("hostile: %d regression cases, %d failed\n", run, failed);
  return failed;
}
