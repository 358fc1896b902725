// Copyright 2026 The zircon-ffm Authors.
//
// Runs every registered case (or those whose name contains argv[1]) and
// exits non-zero if any failed.

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "zxtest.h"

#define MAX_CASES 512
static struct {
  const char* name;
  zxt_fn fn;
} cases[MAX_CASES];
static int num_cases;
bool zxt_case_failed;

void zxt_register(const char* name, zxt_fn fn) {
  if (num_cases == MAX_CASES) {
    fprintf(stderr, "zxemu_test: too many cases\n");
    exit(2);
  }
  cases[num_cases].name = name;
  cases[num_cases].fn = fn;
  num_cases++;
}

void zxt_fail(const char* file, int line, const char* expr, long long a, long long b) {
  fprintf(stderr, "  %s:%d: expected %s (got %lld and %lld)\n", file, line, expr, a, b);
  zxt_case_failed = true;
}

size_t zxt_page(void) { return zx_system_get_page_size(); }

zx_handle_t zxt_vmo(uint64_t size, uint32_t options) {
  zx_handle_t h = ZX_HANDLE_INVALID;
  if (zx_vmo_create(size, options, &h) != ZX_OK) {
    fprintf(stderr, "  zx_vmo_create(%llu) failed\n", (unsigned long long)size);
    zxt_case_failed = true;
  }
  return h;
}

uint32_t zxt_handles(zx_obj_type_t type) {
  zx_info_process_handle_stats_t stats;
  if (zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_HANDLE_STATS, &stats, sizeof(stats),
                         NULL, NULL) != ZX_OK) {
    zxt_case_failed = true;
    return 0;
  }
  return stats.handle_count[type];
}

zx_vaddr_t zxt_map(zx_handle_t vmar, zx_vm_option_t options, size_t offset, zx_handle_t vmo,
                   uint64_t vmo_offset, size_t len) {
  zx_vaddr_t addr = 0;
  zx_status_t st = zx_vmar_map(vmar, options, offset, vmo, vmo_offset, len, &addr);
  if (st != ZX_OK) {
    fprintf(stderr, "  zx_vmar_map failed: %d\n", st);
    zxt_case_failed = true;
    return 0;
  }
  return addr;
}

zx_handle_t zxt_vmar(size_t size, zx_vaddr_t* base) {
  zx_handle_t h = ZX_HANDLE_INVALID;
  zx_status_t st = zx_vmar_allocate(
      zx_vmar_root_self(), ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_SPECIFIC, 0,
      size, &h, base);
  if (st != ZX_OK) {
    fprintf(stderr, "  zx_vmar_allocate failed: %d\n", st);
    zxt_case_failed = true;
  }
  return h;
}

zx_rights_t zxt_rights(zx_handle_t h) {
  zx_info_handle_basic_t info = {0};
  if (zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL) != ZX_OK) {
    zxt_case_failed = true;
  }
  return info.rights;
}

zx_info_vmo_t zxt_vmo_info(zx_handle_t vmo) {
  zx_info_vmo_t info = {0};
  if (zx_object_get_info(vmo, ZX_INFO_VMO, &info, sizeof(info), NULL, NULL) != ZX_OK) {
    zxt_case_failed = true;
  }
  return info;
}

char zxt_peek(zx_handle_t vmo, uint64_t offset) {
  char c = 0;
  if (zx_vmo_read(vmo, &c, offset, 1) != ZX_OK) zxt_case_failed = true;
  return c;
}

void zxt_poke(zx_handle_t vmo, uint64_t offset, char value) {
  if (zx_vmo_write(vmo, &value, offset, 1) != ZX_OK) zxt_case_failed = true;
}

int zxt_fault_signal(volatile void* addr, bool write) {
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    if (write) {
      *(volatile char*)addr = 1;
    } else {
      (void)*(volatile char*)addr;
    }
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

int main(int argc, char** argv) {
  int failed = 0, run = 0;
  for (int i = 0; i < num_cases; i++) {
    if (argc > 1 && !strstr(cases[i].name, argv[1])) continue;
    zxt_case_failed = false;
    cases[i].fn();
    run++;
    if (zxt_case_failed) {
      failed++;
      fprintf(stderr, "FAIL %s\n", cases[i].name);
    }
  }
  printf("zxemu C tests: %d run, %d passed, %d failed\n", run, run - failed, failed);
  return failed ? 1 : 0;
}
