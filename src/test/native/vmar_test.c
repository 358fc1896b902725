// Copyright 2026 The zircon-ffm Authors.
//
// VMAR basics (core-tests A1-A4: BasicAllocate, Map, UnmapSplit).

#include <string.h>

#include "zxtest.h"

TEST(map_aliases_and_vmo_read_agree) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(2 * page, 0);
  zx_vaddr_t a, b;
  ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, v, 0,
                        2 * page, &a));
  ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, v, page, page, &b));
  EXPECT_NE(a, b);
  ((volatile char*)a)[page + 3] = 42;
  EXPECT_EQ(((volatile char*)b)[3], 42);
  char c = 0;
  ASSERT_OK(zx_vmo_read(v, &c, page + 3, 1));
  EXPECT_EQ(c, 42);
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), a, 2 * page));
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), b, page));
  EXPECT_TRUE(zxt_fault_signal((char*)a, false) != 0);
  EXPECT_OK(zx_handle_close(v));
}

TEST(allocate_and_map_inside) {
  size_t page = zxt_page();
  zx_handle_t child;
  zx_vaddr_t base;
  ASSERT_OK(zx_vmar_allocate(zx_vmar_root_self(),
                             ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_SPECIFIC, 0,
                             10 * page, &child, &base));
  zx_info_vmar_t info;
  ASSERT_OK(zx_object_get_info(child, ZX_INFO_VMAR, &info, sizeof(info), NULL, NULL));
  EXPECT_EQ(info.base, base);
  EXPECT_EQ(info.len, 10 * page);
  zx_handle_t v = zxt_vmo(page, 0);
  zx_vaddr_t m;
  ASSERT_OK(zx_vmar_map(child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 3 * page, v, 0, page, &m));
  EXPECT_EQ(m, base + 3 * page);
  EXPECT_EQ(zx_vmar_map(child, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 3 * page, v, 0, page, &m),
            ZX_ERR_ALREADY_EXISTS);
  EXPECT_EQ(zx_vmar_map(child, ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, 0, v, 0, page, &m),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_OK(zx_vmar_destroy(child));
  EXPECT_EQ(zx_vmar_map(child, ZX_VM_PERM_READ, 0, v, 0, page, &m), ZX_ERR_BAD_STATE);
  EXPECT_OK(zx_handle_close(child));
  EXPECT_OK(zx_handle_close(v));
}

TEST(unmap_splits_a_mapping) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(4 * page, 0);
  zx_vaddr_t a;
  ASSERT_OK(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, v, 0, 4 * page, &a));
  ASSERT_OK(zx_vmar_unmap(zx_vmar_root_self(), a + page, 2 * page));
  EXPECT_EQ(zxt_fault_signal((char*)a, false), 0);
  EXPECT_NE(zxt_fault_signal((char*)a + page, false), 0);
  EXPECT_NE(zxt_fault_signal((char*)a + 2 * page, false), 0);
  EXPECT_EQ(zxt_fault_signal((char*)a + 3 * page, false), 0);
  zx_info_vmo_t info;
  ASSERT_OK(zx_object_get_info(v, ZX_INFO_VMO, &info, sizeof(info), NULL, NULL));
  EXPECT_EQ(info.num_mappings, 2);
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), a, 4 * page));
  ASSERT_OK(zx_object_get_info(v, ZX_INFO_VMO, &info, sizeof(info), NULL, NULL));
  EXPECT_EQ(info.num_mappings, 0);
  EXPECT_OK(zx_handle_close(v));
}
