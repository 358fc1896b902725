// Copyright 2026 The zircon-ffm Authors.
//
// VMO basics (core-tests B1, B2, B4: Create, SizeAlign, ReadWriteRange,
// Resize, NoResize).

#include <string.h>

#include "zxtest.h"

TEST(vmo_size_rounds_up_to_pages) {
  size_t page = zxt_page();
  for (uint64_t s = 0; s < 3 * page; s += 511) {
    zx_handle_t v = zxt_vmo(s, 0);
    uint64_t got = 1;
    EXPECT_OK(zx_vmo_get_size(v, &got));
    EXPECT_EQ(got, (s + page - 1) / page * page);
    EXPECT_OK(zx_handle_close(v));
  }
}

TEST(vmo_create_bad_args) {
  zx_handle_t v;
  EXPECT_EQ(zx_vmo_create(0, 1u << 7, &v), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmo_create(UINT64_MAX, 0, &v), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(zx_vmo_create(0, 0, NULL), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmo_create(0, ZX_VMO_UNBOUNDED | ZX_VMO_RESIZABLE, &v), ZX_ERR_INVALID_ARGS);
}

TEST(vmo_read_write_round_trip_and_bounds) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(4 * page, 0);
  char buf[64], back[64];
  memset(back, 0x55, sizeof(back));
  ASSERT_OK(zx_vmo_read(v, back, page - 10, sizeof(back)));
  for (size_t i = 0; i < sizeof(back); i++) EXPECT_EQ(back[i], 0);
  for (size_t i = 0; i < sizeof(buf); i++) buf[i] = (char)i;
  ASSERT_OK(zx_vmo_write(v, buf, page - 10, sizeof(buf)));
  ASSERT_OK(zx_vmo_read(v, back, page - 10, sizeof(back)));
  EXPECT_EQ(memcmp(buf, back, sizeof(buf)), 0);
  EXPECT_OK(zx_vmo_read(v, back, 4 * page, 0));
  EXPECT_EQ(zx_vmo_read(v, back, 4 * page + 1, 0), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(zx_vmo_write(v, buf, 4 * page - 1, 2), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(zx_vmo_read(v, back, UINT64_MAX - 2 * page, 4 * page), ZX_ERR_OUT_OF_RANGE);
  // Bad user buffers give an error, not a crash (core-tests B2, newest).
  EXPECT_EQ(zx_vmo_read(v, NULL, 0, 1), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(zx_vmo_write(v, (void*)16, 0, 1), ZX_ERR_NOT_FOUND);
  EXPECT_OK(zx_handle_close(v));
}

TEST(vmo_read_write_rights) {
  zx_handle_t v = zxt_vmo(zxt_page(), 0);
  zx_handle_t ro, wo;
  ASSERT_OK(zx_handle_duplicate(v, ZX_RIGHT_READ, &ro));
  ASSERT_OK(zx_handle_duplicate(v, ZX_RIGHT_WRITE, &wo));
  char b = 0;
  EXPECT_OK(zx_vmo_read(ro, &b, 0, 1));
  EXPECT_EQ(zx_vmo_write(ro, &b, 0, 1), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_vmo_read(wo, &b, 0, 1), ZX_ERR_ACCESS_DENIED);
  EXPECT_OK(zx_vmo_write(wo, &b, 0, 1));
  EXPECT_EQ(zx_vmo_read(zx_vmar_root_self(), &b, 0, 1), ZX_ERR_WRONG_TYPE);
  zx_handle_t all[3] = {v, ro, wo};
  EXPECT_OK(zx_handle_close_many(all, 3));
}

TEST(vmo_set_size) {
  size_t page = zxt_page();
  zx_handle_t fixed = zxt_vmo(page, 0);
  EXPECT_EQ(zx_vmo_set_size(fixed, 2 * page), ZX_ERR_UNAVAILABLE);
  zx_handle_t v = zxt_vmo(2 * page, ZX_VMO_RESIZABLE);
  char c = 7;
  ASSERT_OK(zx_vmo_write(v, &c, page + 5, 1));
  ASSERT_OK(zx_vmo_set_size(v, 100));
  uint64_t size;
  ASSERT_OK(zx_vmo_get_size(v, &size));
  EXPECT_EQ(size, page);
  ASSERT_OK(zx_vmo_set_size(v, 2 * page));
  c = 1;
  ASSERT_OK(zx_vmo_read(v, &c, page + 5, 1));
  EXPECT_EQ(c, 0);  // regrown pages read as zero
  EXPECT_EQ(zx_vmo_set_size(v, UINT64_MAX), ZX_ERR_OUT_OF_RANGE);
  zx_handle_t noresize;
  ASSERT_OK(zx_handle_duplicate(v, ZX_RIGHT_WRITE, &noresize));
  EXPECT_EQ(zx_vmo_set_size(noresize, page), ZX_ERR_ACCESS_DENIED);
  zx_handle_t all[3] = {fixed, v, noresize};
  EXPECT_OK(zx_handle_close_many(all, 3));
}
