// Copyright 2026 The zircon-ffm Authors.
//
// Children of VMOs: snapshot isolation, slices, references, child rights
// (core-tests B9, B5 child-rights rule; vmo_create_child.md).

#include <signal.h>
#include <string.h>

#include "zxtest.h"

TEST(snapshot_is_isolated_both_ways) {
  size_t page = zxt_page();
  zx_handle_t parent = zxt_vmo(2 * page, 0);
  zxt_poke(parent, 10, 42);
  zx_handle_t child;
  ASSERT_OK(zx_vmo_create_child(parent, ZX_VMO_CHILD_SNAPSHOT, 0, 2 * page, &child));
  EXPECT_EQ(zxt_peek(child, 10), 42);
  zxt_poke(parent, 10, 1);
  zxt_poke(child, page + 3, 2);
  EXPECT_EQ(zxt_peek(child, 10), 42);
  EXPECT_EQ(zxt_peek(parent, page + 3), 0);
  // Through mappings too, and after the parent is gone.
  zx_vaddr_t a = zxt_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, child, 0, page);
  ((volatile char*)a)[11] = 7;
  EXPECT_EQ(zxt_peek(parent, 11), 0);
  zx_info_vmo_t info = zxt_vmo_info(child);
  EXPECT_EQ(info.parent_koid, zxt_vmo_info(parent).koid);
  EXPECT_EQ(info.flags, ZX_INFO_VMO_TYPE_PAGED | ZX_INFO_VMO_VIA_HANDLE | ZX_INFO_VMO_IS_COW_CLONE);
  EXPECT_EQ(zxt_vmo_info(parent).num_children, 1);
  EXPECT_OK(zx_handle_close(parent));
  EXPECT_EQ(zxt_peek(child, 11), 7);
  EXPECT_EQ(zxt_peek(child, 10), 42);
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), a, page));
  EXPECT_OK(zx_handle_close(child));
}

TEST(snapshot_past_parent_end_reads_zero_and_grows_with_zeros) {
  size_t page = zxt_page();
  zx_handle_t parent = zxt_vmo(2 * page, ZX_VMO_RESIZABLE);
  zxt_poke(parent, page, 9);
  zx_handle_t child;
  ASSERT_OK(zx_vmo_create_child(parent, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_RESIZABLE, page,
                                3 * page, &child));
  EXPECT_EQ(zxt_peek(child, 0), 9);
  EXPECT_EQ(zxt_peek(child, 2 * page), 0);
  EXPECT_TRUE(zxt_rights(child) & ZX_RIGHT_RESIZE);
  // Core-tests ResizeGrow: shrinking then growing shows zeros, not old data.
  ASSERT_OK(zx_vmo_set_size(child, 0));
  ASSERT_OK(zx_vmo_set_size(child, page));
  EXPECT_EQ(zxt_peek(child, 0), 0);
  EXPECT_EQ(zxt_peek(parent, page), 9);
  zx_handle_t hs[2] = {parent, child};
  EXPECT_OK(zx_handle_close_many(hs, 2));
}

TEST(child_rights_follow_fuchsia) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(page, 0);
  zx_handle_t rd;
  ASSERT_OK(zx_handle_duplicate(v, ZX_RIGHT_READ | ZX_RIGHT_DUPLICATE, &rd));
  zx_handle_t c;
  ASSERT_OK(zx_vmo_create_child(rd, ZX_VMO_CHILD_SNAPSHOT, 0, page, &c));
  EXPECT_EQ(zxt_rights(c), ZX_RIGHT_READ | ZX_RIGHT_DUPLICATE | ZX_RIGHT_WRITE |
                               ZX_RIGHT_GET_PROPERTY | ZX_RIGHT_SET_PROPERTY);
  EXPECT_OK(zx_handle_close(c));
  ASSERT_OK(zx_vmo_create_child(v, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE, 0, page, &c));
  EXPECT_EQ(zxt_rights(c) & ZX_RIGHT_WRITE, 0);
  EXPECT_TRUE(zxt_vmo_info(c).flags & ZX_INFO_VMO_IMMUTABLE);
  EXPECT_OK(zx_handle_close(c));
  ASSERT_OK(zx_vmo_create_child(v, ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_NO_WRITE, 0, page, &c));
  EXPECT_EQ(zxt_rights(c) & ZX_RIGHT_WRITE, 0);
  EXPECT_EQ(zxt_vmo_info(c).flags & ZX_INFO_VMO_IMMUTABLE, 0);
  EXPECT_OK(zx_handle_close(c));
  // NO_WRITE|RESIZABLE is rejected before the handle is looked at.
  EXPECT_EQ(zx_vmo_create_child(ZX_HANDLE_INVALID, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE |
                                                       ZX_VMO_CHILD_RESIZABLE,
                                0, page, &c),
            ZX_ERR_INVALID_ARGS);
  zx_handle_t nodup;
  ASSERT_OK(zx_handle_duplicate(v, ZX_RIGHT_READ, &nodup));
  EXPECT_EQ(zx_vmo_create_child(nodup, ZX_VMO_CHILD_SNAPSHOT, 0, page, &c), ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_vmo_create_child(v, 0, 0, page, &c), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmo_create_child(v, ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE,
                                0, page, &c),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmo_create_child(v, ZX_VMO_CHILD_SNAPSHOT, 1, page, &c), ZX_ERR_INVALID_ARGS);
  zx_handle_t hs[3] = {v, rd, nodup};
  EXPECT_OK(zx_handle_close_many(hs, 3));
}

TEST(slice_shares_pages_within_bounds) {
  size_t page = zxt_page();
  zx_handle_t parent = zxt_vmo(4 * page, 0);
  zx_handle_t s;
  ASSERT_OK(zx_vmo_create_child(parent, ZX_VMO_CHILD_SLICE, page, 2 * page, &s));
  zxt_poke(parent, page + 5, 3);
  EXPECT_EQ(zxt_peek(s, 5), 3);
  zxt_poke(s, page + 6, 4);
  EXPECT_EQ(zxt_peek(parent, 2 * page + 6), 4);
  char b;
  EXPECT_EQ(zx_vmo_read(s, &b, 2 * page, 1), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(zxt_vmo_info(s).flags & ZX_INFO_VMO_IS_COW_CLONE, 0);
  // A slice past its end in a mapping faults; it does not show the parent.
  zx_vaddr_t a = zxt_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_ALLOW_FAULTS, 0, s, 0, 3 * page);
  EXPECT_EQ(((volatile char*)a)[5], 3);
  EXPECT_EQ(zxt_fault_signal((char*)a + 2 * page, false), SIGBUS);
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), a, 3 * page));
  // Bounds, then resizability (core-tests NonSlice, NonResizable).
  zx_handle_t c;
  EXPECT_EQ(zx_vmo_create_child(parent, ZX_VMO_CHILD_SLICE, 3 * page, 2 * page, &c),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmo_create_child(parent, ZX_VMO_CHILD_SLICE, 0, UINT64_MAX, &c), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(zx_vmo_create_child(parent, ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_RESIZABLE, 0, page, &c),
            ZX_ERR_INVALID_ARGS);
  zx_handle_t rp = zxt_vmo(page, ZX_VMO_RESIZABLE);
  EXPECT_EQ(zx_vmo_create_child(rp, ZX_VMO_CHILD_SLICE, 0, page, &c), ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(zx_vmo_create_child(rp, ZX_VMO_CHILD_SLICE, 0, 2 * page, &c), ZX_ERR_INVALID_ARGS);
  zx_handle_t hs[3] = {parent, s, rp};
  EXPECT_OK(zx_handle_close_many(hs, 3));
}

TEST(slice_outlives_parent_handle_and_deep_chains_tear_down) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(2 * page, 0);
  zxt_poke(v, 0, 77);
  for (int i = 0; i < 1000; i++) {
    zx_handle_t s;
    ASSERT_OK(zx_vmo_create_child(v, ZX_VMO_CHILD_SLICE, 0, page, &s));
    ASSERT_OK(zx_handle_close(v));
    v = s;
  }
  EXPECT_EQ(zxt_peek(v, 0), 77);
  EXPECT_EQ(zxt_vmo_info(v).populated_bytes, 0);  // pages belong to the root
  EXPECT_OK(zx_handle_close(v));
}

TEST(reference_tracks_parent_size_and_content) {
  size_t page = zxt_page();
  zx_handle_t parent = zxt_vmo(page, ZX_VMO_RESIZABLE);
  zx_handle_t ref;
  ASSERT_OK(zx_vmo_create_child(parent, ZX_VMO_CHILD_REFERENCE, 0, 0, &ref));
  zxt_poke(ref, 1, 5);
  EXPECT_EQ(zxt_peek(parent, 1), 5);
  ASSERT_OK(zx_vmo_set_size(parent, 3 * page));
  uint64_t size = 0;
  ASSERT_OK(zx_vmo_get_size(ref, &size));
  EXPECT_EQ(size, 3 * page);
  EXPECT_EQ(zx_vmo_set_size(ref, page), ZX_ERR_ACCESS_DENIED);  // no RESIZE right
  zx_handle_t c;
  EXPECT_EQ(zx_vmo_create_child(parent, ZX_VMO_CHILD_REFERENCE, page, 0, &c), ZX_ERR_INVALID_ARGS);
  zx_handle_t fixed = zxt_vmo(page, 0);
  EXPECT_EQ(zx_vmo_create_child(fixed, ZX_VMO_CHILD_REFERENCE | ZX_VMO_CHILD_RESIZABLE, 0, 0, &c),
            ZX_ERR_NOT_SUPPORTED);
  zx_handle_t hs[3] = {parent, ref, fixed};
  EXPECT_OK(zx_handle_close_many(hs, 3));
}

TEST(num_children_counts_live_children) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(page, 0);
  zx_handle_t kids[5];
  for (int i = 0; i < 5; i++) {
    ASSERT_OK(zx_vmo_create_child(v, ZX_VMO_CHILD_SNAPSHOT, 0, page, &kids[i]));
    EXPECT_EQ(zxt_vmo_info(v).num_children, (size_t)i + 1);
  }
  for (int i = 4; i >= 0; i--) {
    EXPECT_OK(zx_handle_close(kids[i]));
    EXPECT_EQ(zxt_vmo_info(v).num_children, (size_t)i);
  }
  // A mapped child still counts after its handle goes.
  zx_handle_t k;
  ASSERT_OK(zx_vmo_create_child(v, ZX_VMO_CHILD_SNAPSHOT, 0, page, &k));
  zx_vaddr_t a = zxt_map(zx_vmar_root_self(), ZX_VM_PERM_READ, 0, k, 0, page);
  EXPECT_OK(zx_handle_close(k));
  EXPECT_EQ(zxt_vmo_info(v).num_children, 1);
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), a, page));
  EXPECT_EQ(zxt_vmo_info(v).num_children, 0);
  EXPECT_OK(zx_handle_close(v));
}

TEST(children_of_discardable_and_uncached_vmos) {
  size_t page = zxt_page();
  zx_handle_t d = zxt_vmo(page, ZX_VMO_DISCARDABLE);
  zx_handle_t c;
  EXPECT_EQ(zx_vmo_create_child(d, ZX_VMO_CHILD_SLICE, 0, page, &c), ZX_ERR_NOT_SUPPORTED);
  EXPECT_EQ(zx_vmo_create_child(d, ZX_VMO_CHILD_SNAPSHOT, 0, page, &c), ZX_ERR_NOT_SUPPORTED);
  zx_handle_t u = zxt_vmo(page, 0);
  ASSERT_OK(zx_vmo_set_cache_policy(u, ZX_CACHE_POLICY_UNCACHED));
  EXPECT_EQ(zx_vmo_create_child(u, ZX_VMO_CHILD_SNAPSHOT, 0, page, &c), ZX_ERR_BAD_STATE);
  zx_handle_t hs[2] = {d, u};
  EXPECT_OK(zx_handle_close_many(hs, 2));
}
