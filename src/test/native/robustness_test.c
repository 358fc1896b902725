// Copyright 2026 The zircon-ffm Authors.
//
// Bad user pointers, host exhaustion and concurrency: no input crashes the
// library, host limits give Fuchsia's exhaustion statuses, state stays whole.

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "zxtest.h"

TEST(bad_user_pointers_are_errors_not_crashes) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(page, 0);
  char* ro = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_TRUE(ro != MAP_FAILED);
  uint32_t vmos = zxt_handles(ZX_OBJ_TYPE_VMO);
  EXPECT_EQ(zx_vmo_create(page, 0, (zx_handle_t*)ro), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_handle_duplicate(v, ZX_RIGHT_SAME_RIGHTS, (zx_handle_t*)ro), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmo_create_child(v, ZX_VMO_CHILD_SLICE, 0, page, (zx_handle_t*)1), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zxt_handles(ZX_OBJ_TYPE_VMO), vmos);
  EXPECT_EQ(zx_vmo_get_size(v, (uint64_t*)ro), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmo_read(v, ro, 0, 16), ZX_ERR_NOT_FOUND);  // not our mapping: unmapped for Fuchsia
  EXPECT_EQ(zx_object_get_info(v, ZX_INFO_VMO, ro, sizeof(zx_info_vmo_t), NULL, NULL),
            ZX_ERR_INVALID_ARGS);
  size_t actual;
  EXPECT_EQ(zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_MAPS, ro, page, &actual, NULL),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_object_set_property(v, ZX_PROP_NAME, (void*)8, 4), ZX_ERR_INVALID_ARGS);
  // A failed copy of mapped_addr leaves no mapping behind.
  EXPECT_EQ(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, v, 0, page, (zx_vaddr_t*)ro),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zxt_vmo_info(v).num_mappings, 0);
  zx_handle_t child;
  zx_vaddr_t addr;
  EXPECT_EQ(zx_vmar_allocate(zx_vmar_root_self(), 0, 0, page, &child, (zx_vaddr_t*)ro),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_allocate(zx_vmar_root_self(), 0, 0, page, NULL, &addr), ZX_ERR_INVALID_ARGS);
  // A read-only mapping of our own as vmo_read's buffer: ACCESS_DENIED.
  zx_vaddr_t m = zxt_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, v, 0, page);
  zx_handle_t other = zxt_vmo(page, 0);
  EXPECT_EQ(zx_vmo_read(other, (void*)m, 0, 8), ZX_ERR_ACCESS_DENIED);
  EXPECT_OK(zx_vmo_write(other, (void*)m, 0, 8));
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), m, page));
  munmap(ro, page);
  zx_handle_t hs[2] = {v, other};
  EXPECT_OK(zx_handle_close_many(hs, 2));
}

TEST(unmap_rules_for_sub_vmars) {
  size_t page = zxt_page();
  zx_vaddr_t base;
  zx_handle_t vmar = zxt_vmar(8 * page, &base);
  zx_handle_t sub;
  zx_vaddr_t sbase;
  ASSERT_OK(zx_vmar_allocate(vmar, ZX_VM_CAN_MAP_READ | ZX_VM_SPECIFIC, 2 * page, 2 * page, &sub,
                             &sbase));
  zx_handle_t v = zxt_vmo(page, 0);
  zxt_map(sub, ZX_VM_PERM_READ, 0, v, 0, page);
  // Part of a sub-VMAR: INVALID_ARGS, nothing changes (core-tests UnmapMultipleTest).
  EXPECT_EQ(zx_vmar_unmap(vmar, base, 3 * page), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_unmap(vmar, sbase, page), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zxt_vmo_info(v).num_mappings, 1);
  EXPECT_OK(zx_vmar_unmap(vmar, base, 8 * page));
  EXPECT_EQ(zxt_vmo_info(v).num_mappings, 0);
  zx_vaddr_t a;
  EXPECT_EQ(zx_vmar_map(sub, ZX_VM_PERM_READ, 0, v, 0, page, &a), ZX_ERR_BAD_STATE);
  EXPECT_OK(zx_vmar_unmap(vmar, base, 8 * page));  // nothing left: still OK
  EXPECT_EQ(zx_vmar_unmap(vmar, base + 4 * page, 8 * page), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_unmap(vmar, base, SIZE_MAX - page + 2), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_unmap(v, base, page), ZX_ERR_WRONG_TYPE);
  EXPECT_OK(zx_vmar_destroy(vmar));
  zx_handle_t hs[3] = {vmar, sub, v};
  EXPECT_OK(zx_handle_close_many(hs, 3));
}

// Runs fn in a forked child; returns its exit status (or 128 + signal).
static int in_child(int (*fn)(void)) {
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) _exit(fn());
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// With few file descriptors left, creating VMOs runs out: NO_MEMORY, and the
// handle table stays consistent.
static int exhaust_fds(void) {
  struct rlimit rl = {.rlim_cur = 64, .rlim_max = 64};
  if (setrlimit(RLIMIT_NOFILE, &rl) != 0) return 10;
  uint32_t before = zxt_handles(ZX_OBJ_TYPE_VMO);
  zx_handle_t hs[64];
  int n = 0;
  zx_status_t st = ZX_OK;
  while (n < 64 && (st = zx_vmo_create(zxt_page(), 0, &hs[n])) == ZX_OK) n++;
  if (st != ZX_ERR_NO_MEMORY || n == 64) return 11;
  if (zxt_handles(ZX_OBJ_TYPE_VMO) != before + (uint32_t)n) return 12;
  // Slices share their parent's memfd, so they still work.
  zx_handle_t s;
  if (zx_vmo_create_child(hs[0], ZX_VMO_CHILD_SLICE, 0, zxt_page(), &s) != ZX_OK) return 13;
  if (zx_handle_close_many(hs, (size_t)n) != ZX_OK) return 14;
  if (zx_vmo_create(zxt_page(), 0, &hs[0]) != ZX_OK) return 15;  // descriptors came back
  return 0;
}

TEST(file_descriptor_exhaustion_is_no_memory) { EXPECT_EQ(in_child(exhaust_fds), 0); }

static int exhaust_handles(void) {
  zx_handle_t v;
  if (zx_vmo_create(0, 0, &v) != ZX_OK) return 10;
  zx_handle_t d = ZX_HANDLE_INVALID;
  zx_status_t st;
  int n = 0;
  while ((st = zx_handle_duplicate(v, ZX_RIGHT_SAME_RIGHTS, &d)) == ZX_OK) {
    if (++n > 300000) return 11;
  }
  if (st != ZX_ERR_NO_MEMORY) return 12;
  if (zx_handle_close(d) != ZX_OK) return 13;  // frees one slot
  if (zx_handle_duplicate(v, ZX_RIGHT_SAME_RIGHTS, &d) != ZX_OK) return 14;
  return 0;
}

TEST(handle_table_exhaustion_is_no_memory) { EXPECT_EQ(in_child(exhaust_handles), 0); }

typedef struct {
  int iterations;
  int failures;
} worker_t;

static void* map_worker(void* arg) {
  worker_t* w = arg;
  size_t page = zxt_page();
  for (int i = 0; i < w->iterations; i++) {
    zx_handle_t v;
    zx_vaddr_t a;
    if (zx_vmo_create(2 * page, 0, &v) != ZX_OK) {
      w->failures++;
      continue;
    }
    if (zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, v, 0, 2 * page,
                    &a) != ZX_OK) {
      w->failures++;
    } else {
      ((volatile char*)a)[page + 1] = (char)i;
      char c = 0;
      if (zx_vmo_read(v, &c, page + 1, 1) != ZX_OK || c != (char)i) w->failures++;
      if (zx_vmar_unmap(zx_vmar_root_self(), a + page, page) != ZX_OK) w->failures++;
      if (zx_vmar_unmap(zx_vmar_root_self(), a, page) != ZX_OK) w->failures++;
    }
    if (zx_handle_close(v) != ZX_OK) w->failures++;
    zx_handle_t c;
    zx_vaddr_t base;
    if (zx_vmar_allocate(zx_vmar_root_self(), ZX_VM_CAN_MAP_READ, 0, 4 * page, &c, &base) != ZX_OK ||
        zx_vmar_destroy(c) != ZX_OK || zx_handle_close(c) != ZX_OK) {
      w->failures++;
    }
  }
  return NULL;
}

TEST(many_threads_map_and_unmap_at_once) {
  uint32_t vmos = zxt_handles(ZX_OBJ_TYPE_VMO), vmars = zxt_handles(ZX_OBJ_TYPE_VMAR);
  zx_info_maps_t maps[4];
  size_t actual, avail_before, avail;
  ASSERT_OK(zx_object_get_info(zx_vmar_root_self(), ZX_INFO_VMAR_MAPS, maps, sizeof(maps), &actual,
                               &avail_before));
  enum { THREADS = 4 };
  pthread_t t[THREADS];
  worker_t w[THREADS];
  for (int i = 0; i < THREADS; i++) {
    w[i] = (worker_t){.iterations = 1500};
    ASSERT_EQ(pthread_create(&t[i], NULL, map_worker, &w[i]), 0);
  }
  for (int i = 0; i < THREADS; i++) {
    pthread_join(t[i], NULL);
    EXPECT_EQ(w[i].failures, 0);
  }
  EXPECT_EQ(zxt_handles(ZX_OBJ_TYPE_VMO), vmos);
  EXPECT_EQ(zxt_handles(ZX_OBJ_TYPE_VMAR), vmars);
  // Every mapping and sub-VMAR the threads made is gone from the root's tree.
  ASSERT_OK(zx_object_get_info(zx_vmar_root_self(), ZX_INFO_VMAR_MAPS, maps, sizeof(maps), &actual,
                               &avail));
  EXPECT_EQ(avail, avail_before);
}
