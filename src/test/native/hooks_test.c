// Copyright 2026 The zircon-ffm Authors.
//
// The test-only switches (zxemu/testing.h) and ZX_INFO_PROCESS_HANDLE_STATS.

#include <zxemu/testing.h>

#include "zxtest.h"

TEST(fail_nth_allocation_fails_once_without_effect) {
  size_t page = zxt_page();
  uint32_t vmos = zxt_handles(ZX_OBJ_TYPE_VMO);
  zxemu_fail_nth_allocation(2);
  zx_handle_t a = ZX_HANDLE_INVALID, b = ZX_HANDLE_INVALID, c = ZX_HANDLE_INVALID;
  EXPECT_OK(zx_vmo_create(page, 0, &a));
  EXPECT_EQ(zx_vmo_create(page, 0, &b), ZX_ERR_NO_MEMORY);
  EXPECT_EQ(b, ZX_HANDLE_INVALID);
  EXPECT_OK(zx_vmo_create(page, 0, &c));  // fired once, then disarmed
  EXPECT_EQ(zxt_handles(ZX_OBJ_TYPE_VMO), vmos + 2);
  // Calls that fail their checks first do not count.
  zxemu_fail_nth_allocation(1);
  EXPECT_EQ(zx_vmo_create(UINT64_MAX, 0, &b), ZX_ERR_OUT_OF_RANGE);
  zx_vaddr_t addr = 0;
  EXPECT_EQ(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, a, 0, page, &addr),
            ZX_ERR_NO_MEMORY);
  EXPECT_EQ(zxt_vmo_info(a).num_mappings, 0);
  zx_handle_t d;
  zxemu_fail_nth_allocation(1);
  EXPECT_EQ(zx_handle_duplicate(a, ZX_RIGHT_SAME_RIGHTS, &d), ZX_ERR_NO_MEMORY);
  zxemu_fail_nth_allocation(1);
  EXPECT_EQ(zx_vmo_create_child(a, ZX_VMO_CHILD_SNAPSHOT, 0, page, &d), ZX_ERR_NO_MEMORY);
  zxemu_fail_nth_allocation(1);
  zx_vaddr_t base;
  EXPECT_EQ(zx_vmar_allocate(zx_vmar_root_self(), 0, 0, page, &d, &base), ZX_ERR_NO_MEMORY);
  EXPECT_EQ(zxt_handles(ZX_OBJ_TYPE_VMO), vmos + 2);
  zxemu_fail_nth_allocation(5);
  zxemu_clear_failures();
  EXPECT_OK(zx_vmo_create(page, 0, &b));
  zx_handle_t hs[3] = {a, b, c};
  EXPECT_OK(zx_handle_close_many(hs, 3));
}

TEST(fail_nth_call_returns_the_status_before_any_effect) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(page, 0);
  EXPECT_OK(zxemu_fail_nth_call("zx_vmar_map", 2, ZX_ERR_BAD_STATE));
  zx_vaddr_t a, b = 0;
  EXPECT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, v, 0, page, &a));
  EXPECT_EQ(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, v, 0, page, &b), ZX_ERR_BAD_STATE);
  EXPECT_EQ(b, 0);
  EXPECT_EQ(zxt_vmo_info(v).num_mappings, 1);
  EXPECT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, v, 0, page, &b));
  EXPECT_OK(zxemu_fail_nth_call("zx_handle_close", 1, ZX_ERR_ACCESS_DENIED));
  EXPECT_EQ(zx_handle_close(v), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zxt_vmo_info(v).num_mappings, 2);  // the handle is still there
  EXPECT_EQ(zxemu_fail_nth_call("zx_no_such_call", 1, ZX_ERR_INTERNAL), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(zxemu_fail_nth_call(NULL, 1, ZX_ERR_INTERNAL), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zxemu_fail_nth_call("zx_vmo_read", 1, ZX_OK), ZX_ERR_INVALID_ARGS);
  EXPECT_OK(zxemu_fail_nth_call("zx_vmo_read", 1, ZX_ERR_IO));
  EXPECT_OK(zxemu_fail_nth_call("zx_vmo_read", 0, ZX_OK));  // disarms
  char c;
  EXPECT_OK(zx_vmo_read(v, &c, 0, 1));
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), a, page));
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), b, page));
  EXPECT_OK(zx_handle_close(v));
}
