// Copyright 2026 The zircon-ffm Authors.
//
// Handles: values, rights, close / duplicate / replace (Fuchsia docs
// handle_close.md, handle_duplicate.md, handle_replace.md).

#include "zxtest.h"

TEST(handle_values_have_fixed_bits) {
  zx_handle_t v = zxt_vmo(zxt_page(), 0);
  EXPECT_EQ(v & ZX_HANDLE_FIXED_BITS_MASK, ZX_HANDLE_FIXED_BITS_MASK);
  EXPECT_EQ(zx_process_self() & ZX_HANDLE_FIXED_BITS_MASK, ZX_HANDLE_FIXED_BITS_MASK);
  EXPECT_EQ(zx_vmar_root_self() & ZX_HANDLE_FIXED_BITS_MASK, ZX_HANDLE_FIXED_BITS_MASK);
  EXPECT_OK(zx_handle_close(v));
}

TEST(close_invalid_is_ok_and_closed_value_is_bad) {
  EXPECT_OK(zx_handle_close(ZX_HANDLE_INVALID));
  zx_handle_t v = zxt_vmo(zxt_page(), 0);
  EXPECT_OK(zx_handle_close(v));
  EXPECT_EQ(zx_handle_close(v), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_handle_close(0x12345670u | 3u), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_handle_close(4u), ZX_ERR_BAD_HANDLE);  // fixed bits clear
}

TEST(closed_value_is_not_reused_soon) {
  zx_handle_t first = zxt_vmo(zxt_page(), 0);
  EXPECT_OK(zx_handle_close(first));
  for (int i = 0; i < 1000; i++) {
    zx_handle_t h = zxt_vmo(0, 0);
    EXPECT_NE(h, first);
    EXPECT_OK(zx_handle_close(h));
  }
}

TEST(close_many_closes_valid_and_reports_bad) {
  uint32_t before = zxt_handles(ZX_OBJ_TYPE_VMO);
  zx_handle_t hs[4] = {zxt_vmo(0, 0), ZX_HANDLE_INVALID, zxt_vmo(0, 0), 0};
  hs[3] = hs[0];  // a duplicate entry: the second close of it fails
  EXPECT_EQ(zx_handle_close_many(hs, 4), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zxt_handles(ZX_OBJ_TYPE_VMO), before);
  EXPECT_OK(zx_handle_close_many(NULL, 0));
  EXPECT_EQ(zx_handle_close_many((zx_handle_t*)8, 2), ZX_ERR_INVALID_ARGS);
}

TEST(duplicate_rights) {
  zx_handle_t v = zxt_vmo(zxt_page(), 0);
  zx_info_handle_basic_t info;
  ASSERT_OK(zx_object_get_info(v, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL));
  zx_handle_t d;
  ASSERT_OK(zx_handle_duplicate(v, ZX_RIGHT_SAME_RIGHTS, &d));
  zx_info_handle_basic_t dinfo;
  ASSERT_OK(zx_object_get_info(d, ZX_INFO_HANDLE_BASIC, &dinfo, sizeof(dinfo), NULL, NULL));
  EXPECT_EQ(dinfo.rights, info.rights);
  EXPECT_EQ(dinfo.koid, info.koid);
  EXPECT_NE(d, v);
  zx_handle_t r;
  ASSERT_OK(zx_handle_duplicate(v, ZX_RIGHT_READ, &r));
  ASSERT_OK(zx_object_get_info(r, ZX_INFO_HANDLE_BASIC, &dinfo, sizeof(dinfo), NULL, NULL));
  EXPECT_EQ(dinfo.rights, ZX_RIGHT_READ);
  // More rights than the source: INVALID_ARGS. No DUPLICATE right: ACCESS_DENIED.
  zx_handle_t x = ZX_HANDLE_INVALID;
  EXPECT_EQ(zx_handle_duplicate(v, ZX_RIGHT_READ | ZX_RIGHT_MANAGE_JOB, &x), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_handle_duplicate(r, ZX_RIGHT_READ, &x), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_handle_duplicate(r, ZX_RIGHT_MANAGE_JOB, &x), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_handle_duplicate(v, ZX_RIGHT_SAME_RIGHTS, NULL), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_handle_duplicate(ZX_HANDLE_INVALID, ZX_RIGHT_SAME_RIGHTS, &x), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(x, ZX_HANDLE_INVALID);
  zx_handle_t all[3] = {v, d, r};
  EXPECT_OK(zx_handle_close_many(all, 3));
}

TEST(replace_consumes_even_on_failure) {
  zx_handle_t v = zxt_vmo(zxt_page(), 0);
  uint32_t before = zxt_handles(ZX_OBJ_TYPE_VMO);
  zx_handle_t n;
  ASSERT_OK(zx_handle_replace(v, ZX_RIGHT_READ | ZX_RIGHT_DUPLICATE, &n));
  EXPECT_EQ(zx_handle_close(v), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zxt_handles(ZX_OBJ_TYPE_VMO), before);
  zx_handle_t m = ZX_HANDLE_INVALID;
  EXPECT_EQ(zx_handle_replace(n, ZX_RIGHT_WRITE, &m), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_handle_close(n), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(m, ZX_HANDLE_INVALID);
  EXPECT_EQ(zxt_handles(ZX_OBJ_TYPE_VMO), before - 1);
  EXPECT_EQ(zx_handle_replace(n, ZX_RIGHT_SAME_RIGHTS, &m), ZX_ERR_BAD_HANDLE);
}

TEST(handle_stats_count_by_type) {
  uint32_t vmos = zxt_handles(ZX_OBJ_TYPE_VMO);
  uint32_t vmars = zxt_handles(ZX_OBJ_TYPE_VMAR);
  EXPECT_EQ(zxt_handles(ZX_OBJ_TYPE_PROCESS), 1);
  zx_handle_t v = zxt_vmo(0, 0);
  zx_handle_t c;
  zx_vaddr_t a;
  ASSERT_OK(zx_vmar_allocate(zx_vmar_root_self(), 0, 0, zxt_page(), &c, &a));
  EXPECT_EQ(zxt_handles(ZX_OBJ_TYPE_VMO), vmos + 1);
  EXPECT_EQ(zxt_handles(ZX_OBJ_TYPE_VMAR), vmars + 1);
  EXPECT_OK(zx_vmar_destroy(c));
  EXPECT_OK(zx_handle_close(c));
  EXPECT_OK(zx_handle_close(v));
  EXPECT_EQ(zxt_handles(ZX_OBJ_TYPE_VMO), vmos);
  EXPECT_EQ(zxt_handles(ZX_OBJ_TYPE_VMAR), vmars);
}
