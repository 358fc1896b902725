// Copyright 2026 The zircon-ffm Authors.
//
// VMO basics (core-tests B1, B2, B4: Create, SizeAlign, ReadWriteRange,
// Resize, NoResize).

#include <stdlib.h>
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

TEST(vmo_op_range_rules) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(4 * page, 0);
  zxt_poke(v, page, 9);
  EXPECT_EQ(zxt_vmo_info(v).populated_bytes, page);
  // COMMIT rounds out; DECOMMIT needs alignment (core-tests DecommitMisaligned).
  EXPECT_OK(zx_vmo_op_range(v, ZX_VMO_OP_COMMIT, 0x10, 0x100, NULL, 0));
  EXPECT_EQ(zxt_vmo_info(v).populated_bytes, 2 * page);
  EXPECT_EQ(zx_vmo_op_range(v, ZX_VMO_OP_DECOMMIT, 0x10, 0x100, NULL, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_OK(zx_vmo_op_range(v, ZX_VMO_OP_DECOMMIT, page, page, NULL, 0));
  EXPECT_EQ(zxt_peek(v, page), 0);
  EXPECT_EQ(zx_vmo_op_range(v, ZX_VMO_OP_COMMIT, page, UINT64_MAX - page + 1, NULL, 0),
            ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(zx_vmo_op_range(v, ZX_VMO_OP_DECOMMIT, 0, 5 * page, NULL, 0), ZX_ERR_OUT_OF_RANGE);
  // ZERO clears exactly its bytes and frees whole pages (core-tests B9.4).
  char ff[64];
  memset(ff, 0xff, sizeof(ff));
  ASSERT_OK(zx_vmo_write(v, ff, 2 * page - 32, sizeof(ff)));
  EXPECT_OK(zx_vmo_op_range(v, ZX_VMO_OP_ZERO, 2 * page - 16, 32, NULL, 0));
  char back[64];
  ASSERT_OK(zx_vmo_read(v, back, 2 * page - 32, sizeof(back)));
  for (int i = 0; i < 64; i++) EXPECT_EQ((unsigned char)back[i], (i >= 16 && i < 48) ? 0 : 0xff);
  EXPECT_OK(zx_vmo_op_range(v, ZX_VMO_OP_ZERO, 3 * page, page, NULL, 0));
  EXPECT_OK(zx_vmo_op_range(v, ZX_VMO_OP_ZERO, 4 * page, 0, NULL, 0));
  EXPECT_EQ(zx_vmo_op_range(v, ZX_VMO_OP_ZERO, 4 * page, 1, NULL, 0), ZX_ERR_OUT_OF_RANGE);
  // Cache ops: len 0 is INVALID_ARGS, outside is OUT_OF_RANGE (core-tests CacheOp).
  EXPECT_OK(zx_vmo_op_range(v, ZX_VMO_OP_CACHE_CLEAN, 1, 1, NULL, 0));
  EXPECT_EQ(zx_vmo_op_range(v, ZX_VMO_OP_CACHE_SYNC, 0, 0, NULL, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmo_op_range(v, ZX_VMO_OP_CACHE_SYNC, UINT64_MAX, UINT64_MAX, NULL, 0),
            ZX_ERR_OUT_OF_RANGE);
  // Hints are ignored on VMOs whose pages cannot be evicted.
  EXPECT_OK(zx_vmo_op_range(v, ZX_VMO_OP_DONT_NEED, 0, 100 * page, NULL, 0));
  EXPECT_OK(zx_vmo_op_range(v, ZX_VMO_OP_PREFETCH, page - 1, 2, NULL, 0));
  EXPECT_EQ(zx_vmo_op_range(v, ZX_VMO_OP_PREFETCH, 5 * page, 0, NULL, 0), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(zx_vmo_op_range(v, 5, 0, page, NULL, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmo_op_range(v, ZX_VMO_OP_LOCK, 0, 4 * page, NULL, 0), ZX_ERR_NOT_SUPPORTED);
  zx_handle_t ro;
  ASSERT_OK(zx_handle_duplicate(v, ZX_RIGHT_READ, &ro));
  EXPECT_EQ(zx_vmo_op_range(ro, ZX_VMO_OP_COMMIT, 0, page, NULL, 0), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_vmo_op_range(ro, ZX_VMO_OP_ZERO, 0, page, NULL, 0), ZX_ERR_ACCESS_DENIED);
  EXPECT_OK(zx_vmo_op_range(ro, ZX_VMO_OP_CACHE_CLEAN, 0, page, NULL, 0));
  zx_handle_t hs[2] = {v, ro};
  EXPECT_OK(zx_handle_close_many(hs, 2));
}

TEST(decommit_is_seen_through_mappings) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(2 * page, 0);
  zx_vaddr_t a = zxt_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, v, 0, 2 * page);
  ((volatile char*)a)[page] = 99;
  EXPECT_EQ(zxt_peek(v, page), 99);
  EXPECT_OK(zx_vmo_op_range(v, ZX_VMO_OP_DECOMMIT, page, page, NULL, 0));
  EXPECT_EQ(((volatile char*)a)[page], 0);
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), a, 2 * page));
  EXPECT_OK(zx_handle_close(v));
}

TEST(discardable_lock_state) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(3 * page, ZX_VMO_DISCARDABLE);
  EXPECT_TRUE(zxt_vmo_info(v).flags & ZX_INFO_VMO_DISCARDABLE);
  zx_vmo_lock_state_t st = {1, 1, 1, 1};
  EXPECT_EQ(zx_vmo_op_range(v, ZX_VMO_OP_UNLOCK, 0, 3 * page, NULL, 0), ZX_ERR_BAD_STATE);
  EXPECT_EQ(zx_vmo_op_range(v, ZX_VMO_OP_LOCK, 0, 3 * page, &st, 8), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmo_op_range(v, ZX_VMO_OP_LOCK, 0, 3 * page, NULL, sizeof(st)), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmo_op_range(v, ZX_VMO_OP_LOCK, 0, 2 * page, &st, sizeof(st)), ZX_ERR_OUT_OF_RANGE);
  ASSERT_OK(zx_vmo_op_range(v, ZX_VMO_OP_LOCK, 0, 3 * page, &st, sizeof(st)));
  EXPECT_EQ(st.offset, 0);
  EXPECT_EQ(st.size, 3 * page);
  EXPECT_EQ(st.discarded_size, 0);
  EXPECT_OK(zx_vmo_op_range(v, ZX_VMO_OP_UNLOCK, 0, 3 * page, NULL, 0));
  EXPECT_OK(zx_vmo_op_range(v, ZX_VMO_OP_TRY_LOCK, 0, 3 * page, NULL, 0));
  EXPECT_OK(zx_vmo_op_range(v, ZX_VMO_OP_UNLOCK, 0, 3 * page, NULL, 0));
  zx_vaddr_t a;
  EXPECT_EQ(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, v, 0, page, &a),
            ZX_ERR_NOT_SUPPORTED);
  a = zxt_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_ALLOW_FAULTS, 0, v, 0, page);
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), a, page));
  zx_handle_t none;
  ASSERT_OK(zx_handle_duplicate(v, ZX_RIGHT_MAP, &none));
  EXPECT_EQ(zx_vmo_op_range(none, ZX_VMO_OP_TRY_LOCK, 0, 3 * page, NULL, 0), ZX_ERR_ACCESS_DENIED);
  zx_handle_t hs[2] = {v, none};
  EXPECT_OK(zx_handle_close_many(hs, 2));
}

TEST(content_size_and_name) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(4 * page + 42, ZX_VMO_RESIZABLE);
  uint64_t cs = 0;
  ASSERT_OK(zx_object_get_property(v, ZX_PROP_VMO_CONTENT_SIZE, &cs, sizeof(cs)));
  EXPECT_EQ(cs, 4 * page + 42);
  zxt_poke(v, page + 1, 5);
  cs = page;
  ASSERT_OK(zx_object_set_property(v, ZX_PROP_VMO_CONTENT_SIZE, &cs, sizeof(cs)));
  EXPECT_EQ(zxt_peek(v, page + 1), 0);  // what lies past a lowered content size is zeroed
  ASSERT_OK(zx_vmo_set_size(v, 5461));
  ASSERT_OK(zx_object_get_property(v, ZX_PROP_VMO_CONTENT_SIZE, &cs, sizeof(cs)));
  EXPECT_EQ(cs, 5461);
  EXPECT_EQ(zx_object_get_property(v, ZX_PROP_VMO_CONTENT_SIZE, &cs, 4), ZX_ERR_BUFFER_TOO_SMALL);
  EXPECT_EQ(zx_object_get_property(v, 0x7fff, &cs, sizeof(cs)), ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(zx_object_get_property(v, ZX_PROP_NAME, NULL, 32), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_object_get_property(zx_vmar_root_self(), ZX_PROP_VMO_CONTENT_SIZE, &cs, 8),
            ZX_ERR_ACCESS_DENIED);  // a VMAR handle has no GET_PROPERTY right
  ASSERT_OK(zx_object_set_property(v, ZX_PROP_NAME, "12345678", 8));
  char name[ZX_MAX_NAME_LEN];
  ASSERT_OK(zx_object_get_property(v, ZX_PROP_NAME, name, sizeof(name)));
  EXPECT_EQ(strcmp(name, "12345678"), 0);
  const char* longname = "0123456789012345678901234567890123456789";
  ASSERT_OK(zx_object_set_property(v, ZX_PROP_NAME, longname, strlen(longname)));
  ASSERT_OK(zx_object_get_property(v, ZX_PROP_NAME, name, sizeof(name)));
  EXPECT_EQ(strlen(name), ZX_MAX_NAME_LEN - 1);
  EXPECT_EQ(zx_object_get_property(v, ZX_PROP_NAME, name, 31), ZX_ERR_BUFFER_TOO_SMALL);
  zx_handle_t child;
  ASSERT_OK(zx_vmo_create_child(v, ZX_VMO_CHILD_SNAPSHOT, 0, page, &child));
  ASSERT_OK(zx_object_get_property(child, ZX_PROP_NAME, name, sizeof(name)));
  EXPECT_EQ(strncmp(name, longname, ZX_MAX_NAME_LEN - 1), 0);  // children inherit the name
  zx_handle_t noprop;
  ASSERT_OK(zx_handle_duplicate(v, ZX_RIGHT_READ | ZX_RIGHT_SET_PROPERTY, &noprop));
  EXPECT_EQ(zx_object_set_property(noprop, ZX_PROP_VMO_CONTENT_SIZE, &cs, sizeof(cs)),
            ZX_ERR_ACCESS_DENIED);
  zx_handle_t hs[3] = {v, child, noprop};
  EXPECT_OK(zx_handle_close_many(hs, 3));
}

TEST(vmo_info_versions_and_buffer_protocol) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(4 * page, 0);
  zx_info_vmo_t info;
  size_t actual = 9, avail = 9;
  EXPECT_EQ(zx_object_get_info(v, ZX_INFO_VMO, &info, sizeof(info) - 1, &actual, &avail),
            ZX_ERR_BUFFER_TOO_SMALL);
  EXPECT_EQ(actual, 0);
  EXPECT_EQ(avail, 1);
  ASSERT_OK(zx_object_get_info(v, ZX_INFO_VMO, &info, sizeof(info), &actual, &avail));
  EXPECT_EQ(actual, 1);
  EXPECT_EQ(info.size_bytes, 4 * page);
  EXPECT_EQ(info.cache_policy, ZX_CACHE_POLICY_CACHED);
  EXPECT_EQ(info.handle_rights, zxt_rights(v));
  EXPECT_EQ(info.metadata_bytes, 0);
  zxt_poke(v, 0, 1);
  EXPECT_NE(zxt_vmo_info(v).metadata_bytes, 0);
  // V1 fills a 104-byte prefix and no more.
  unsigned char buf[sizeof(zx_info_vmo_t) + 8];
  memset(buf, 0xee, sizeof(buf));
  ASSERT_OK(zx_object_get_info(v, ZX_INFO_VMO_V1, buf, 104, &actual, NULL));
  EXPECT_EQ(buf[104], 0xee);
  EXPECT_EQ(((zx_info_vmo_t*)buf)->size_bytes, 4 * page);
  EXPECT_EQ(zx_object_get_info(v, ZX_INFO_VMAR, buf, sizeof(buf), NULL, NULL), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(zx_object_get_info(ZX_HANDLE_INVALID, 0x7777, buf, sizeof(buf), NULL, NULL),
            ZX_ERR_NOT_SUPPORTED);
  EXPECT_OK(zx_object_get_info(v, ZX_INFO_HANDLE_VALID, NULL, 0, NULL, NULL));
  EXPECT_OK(zx_handle_close(v));
  EXPECT_EQ(zx_object_get_info(v, ZX_INFO_HANDLE_VALID, NULL, 0, NULL, NULL), ZX_ERR_BAD_HANDLE);
}

TEST(cache_policy_rules) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(page, 0);
  EXPECT_EQ(zx_vmo_set_cache_policy(v, ZX_CACHE_POLICY_MASK + 1), ZX_ERR_INVALID_ARGS);
  ASSERT_OK(zx_vmo_set_cache_policy(v, ZX_CACHE_POLICY_UNCACHED));
  char c;
  EXPECT_EQ(zx_vmo_read(v, &c, 0, 1), ZX_ERR_BAD_STATE);
  EXPECT_EQ(zxt_vmo_info(v).cache_policy, ZX_CACHE_POLICY_UNCACHED);
  ASSERT_OK(zx_vmo_set_cache_policy(v, ZX_CACHE_POLICY_CACHED));
  EXPECT_OK(zx_vmo_read(v, &c, 0, 1));
  zx_vaddr_t a = zxt_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, v, 0, page);
  EXPECT_EQ(zx_vmo_set_cache_policy(v, ZX_CACHE_POLICY_UNCACHED), ZX_ERR_BAD_STATE);
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), a, page));
  EXPECT_OK(zx_vmo_set_cache_policy(v, ZX_CACHE_POLICY_WRITE_COMBINING));
  EXPECT_OK(zx_handle_close(v));
}

TEST(replace_as_executable) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(page, 0);
  zx_rights_t before = zxt_rights(v);
  zx_handle_t x;
  ASSERT_OK(zx_vmo_replace_as_executable(v, ZX_HANDLE_INVALID, &x));
  EXPECT_EQ(zxt_rights(x), before | ZX_RIGHT_EXECUTE);
  EXPECT_EQ(zx_handle_close(v), ZX_ERR_BAD_HANDLE);
  zx_vaddr_t a = zxt_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, 0, x, 0, page);
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), a, page));
  // A non-VMO handle is consumed and reported as BAD_HANDLE.
  zx_handle_t c;
  zx_vaddr_t base;
  ASSERT_OK(zx_vmar_allocate(zx_vmar_root_self(), 0, 0, page, &c, &base));
  zx_handle_t y;
  EXPECT_EQ(zx_vmo_replace_as_executable(c, ZX_HANDLE_INVALID, &y), ZX_ERR_BAD_HANDLE);
  EXPECT_EQ(zx_handle_close(c), ZX_ERR_BAD_HANDLE);
  // No resources exist here: any vmex handle is of the wrong type; x is consumed.
  zx_handle_t other = zxt_vmo(0, 0);
  EXPECT_EQ(zx_vmo_replace_as_executable(x, other, &y), ZX_ERR_WRONG_TYPE);
  EXPECT_EQ(zx_handle_close(x), ZX_ERR_BAD_HANDLE);
  EXPECT_OK(zx_handle_close(other));
}

TEST(huge_vmos_store_bytes_anywhere) {
  size_t page = zxt_page();
  // Core-tests CacheOpLargeVmo: 2^64 - 64 pages, written at 64 scattered offsets.
  uint64_t size = 0 - 64 * (uint64_t)page;
  zx_handle_t v = zxt_vmo(size, 0);
  for (uint64_t i = 0; i < 64; i++) {
    uint64_t off = i * (size / 64) + i;
    char c = (char)(i + 1);
    ASSERT_OK(zx_vmo_write(v, &c, off, 1));
  }
  EXPECT_OK(zx_vmo_op_range(v, ZX_VMO_OP_CACHE_CLEAN, 0, size, NULL, 0));
  for (uint64_t i = 0; i < 64; i++) EXPECT_EQ(zxt_peek(v, i * (size / 64) + i), (char)(i + 1));
  EXPECT_EQ(zxt_vmo_info(v).populated_bytes, 64 * page);
  // A write straddling the two host files.
  uint64_t mid = (uint64_t)INT64_MAX & ~(uint64_t)(page - 1);
  char buf[8] = {1, 2, 3, 4, 5, 6, 7, 8}, back[8];
  ASSERT_OK(zx_vmo_write(v, buf, mid - 4, 8));
  ASSERT_OK(zx_vmo_read(v, back, mid - 4, 8));
  EXPECT_EQ(memcmp(buf, back, 8), 0);
  // A mapping high up, and one across the split.
  zx_vaddr_t a = zxt_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, v,
                         size - 2 * page, 2 * page);
  ((volatile char*)a)[page + 7] = 42;
  EXPECT_EQ(zxt_peek(v, size - page + 7), 42);
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), a, 2 * page));
  a = zxt_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, v, mid - page, 2 * page);
  EXPECT_EQ(((volatile char*)a)[page - 4], 1);
  EXPECT_EQ(((volatile char*)a)[page + 3], 8);
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), a, 2 * page));
  // ZERO across the split, and a snapshot of the top.
  EXPECT_OK(zx_vmo_op_range(v, ZX_VMO_OP_ZERO, mid - 2, 4, NULL, 0));
  ASSERT_OK(zx_vmo_read(v, back, mid - 4, 8));
  EXPECT_EQ(back[1], 2);
  EXPECT_EQ(back[2], 0);
  EXPECT_EQ(back[5], 0);
  EXPECT_EQ(back[6], 7);
  zx_handle_t top;
  ASSERT_OK(zx_vmo_create_child(v, ZX_VMO_CHILD_SNAPSHOT, size - 4 * page, 4 * page, &top));
  EXPECT_EQ(zxt_peek(top, 3 * page + 7), 42);
  zx_handle_t hs[2] = {v, top};
  EXPECT_OK(zx_handle_close_many(hs, 2));
}

TEST(unbounded_vmo_reads_and_writes_at_its_end) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(42, ZX_VMO_UNBOUNDED);
  uint64_t size = 0, cs = 0;
  ASSERT_OK(zx_vmo_get_size(v, &size));
  EXPECT_TRUE(size > ((uint64_t)1 << 63));
  ASSERT_OK(zx_object_get_property(v, ZX_PROP_VMO_CONTENT_SIZE, &cs, sizeof(cs)));
  EXPECT_EQ(cs, 42);
  EXPECT_EQ(zx_vmo_set_size(v, page), ZX_ERR_UNAVAILABLE);
  char* buf = calloc(4, page);
  ASSERT_TRUE(buf != NULL);
  buf[0] = 9;
  EXPECT_OK(zx_vmo_write(v, buf, size - 4 * page, 4 * page));
  EXPECT_OK(zx_vmo_read(v, buf, size - 4 * page, 4 * page));
  EXPECT_EQ(buf[0], 9);
  EXPECT_EQ(zx_vmo_read(v, buf, size, 4 * page), ZX_ERR_OUT_OF_RANGE);
  zx_handle_t child;
  ASSERT_OK(zx_vmo_create_child(v, ZX_VMO_CHILD_SNAPSHOT, 0, size, &child));
  EXPECT_EQ(zxt_rights(child) & ZX_RIGHT_RESIZE, 0);
  EXPECT_EQ(zxt_peek(child, size - 4 * page), 9);
  free(buf);
  zx_handle_t hs[2] = {v, child};
  EXPECT_OK(zx_handle_close_many(hs, 2));
}
