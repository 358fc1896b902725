// Copyright 2026 The zircon-ffm Authors.
//
// VMAR basics (core-tests A1-A4: BasicAllocate, Map, UnmapSplit).

#include <signal.h>
#include <stdlib.h>
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

// Mapping entries of ZX_INFO_VMAR_MAPS for a VMAR, in order.
static size_t mappings_of(zx_handle_t vmar, zx_info_maps_t* out, size_t max) {
  zx_info_maps_t all[64];
  size_t actual = 0, avail = 0;
  if (zx_object_get_info(vmar, ZX_INFO_VMAR_MAPS, all, sizeof(all), &actual, &avail) != ZX_OK) {
    zxt_case_failed = true;
    return 0;
  }
  size_t n = 0;
  for (size_t i = 0; i < actual && n < max; i++) {
    if (all[i].type == ZX_INFO_MAPS_TYPE_MAPPING) out[n++] = all[i];
  }
  return n;
}

TEST(protect_splits_and_merges_like_fuchsia) {
  size_t page = zxt_page();
  zx_vaddr_t base;
  zx_handle_t vmar = zxt_vmar(64 * page, &base);
  zx_handle_t v = zxt_vmo(64 * page, 0);
  zx_vaddr_t a = zxt_map(vmar, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_SPECIFIC, 0, v, 0, 64 * page);
  // READ on [10,20), [30,40), then [20,30): three pieces (protect.cc SingleMapping).
  ASSERT_OK(zx_vmar_protect(vmar, ZX_VM_PERM_READ, a + 10 * page, 10 * page));
  ASSERT_OK(zx_vmar_protect(vmar, ZX_VM_PERM_READ, a + 30 * page, 10 * page));
  zx_info_maps_t m[8];
  EXPECT_EQ(mappings_of(vmar, m, 8), 5);
  EXPECT_EQ(zxt_vmo_info(v).num_mappings, 1);  // protection ranges of one mapping
  ASSERT_OK(zx_vmar_protect(vmar, ZX_VM_PERM_READ, a + 20 * page, 10 * page));
  ASSERT_EQ(mappings_of(vmar, m, 8), 3);
  EXPECT_EQ(m[0].base, a);
  EXPECT_EQ(m[0].size, 10 * page);
  EXPECT_EQ(m[0].u.mapping.mmu_flags, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE);
  EXPECT_EQ(m[1].size, 30 * page);
  EXPECT_EQ(m[1].u.mapping.mmu_flags, ZX_VM_PERM_READ);
  EXPECT_EQ(m[1].u.mapping.vmo_offset, 10 * page);
  EXPECT_EQ(m[2].size, 24 * page);
  EXPECT_EQ(m[1].depth, 1);
  // Re-protecting with the same perms does not split.
  ASSERT_OK(zx_vmar_protect(vmar, ZX_VM_PERM_READ, a + 12 * page, 2 * page));
  EXPECT_EQ(mappings_of(vmar, m, 8), 3);
  // Writes fault where READ only; the host agrees.
  EXPECT_NE(zxt_fault_signal((char*)a + 15 * page, true), 0);
  EXPECT_EQ(zxt_fault_signal((char*)a + 15 * page, false), 0);
  // Unmapping inside the READ range leaves two mappings.
  ASSERT_OK(zx_vmar_unmap(vmar, a + 20 * page, page));
  EXPECT_EQ(zxt_vmo_info(v).num_mappings, 2);
  ASSERT_OK(zx_vmar_map(vmar, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 20 * page, v, 20 * page, page, &m[7].base));
  EXPECT_EQ(zxt_vmo_info(v).num_mappings, 1);  // mapping the hole back joins them
  EXPECT_EQ(mappings_of(vmar, m, 8), 3);
  // Back to RW everywhere: one entry again.
  ASSERT_OK(zx_vmar_protect(vmar, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, a, 64 * page));
  EXPECT_EQ(mappings_of(vmar, m, 8), 1);
  EXPECT_EQ(zxt_vmo_info(v).num_mappings, 1);
  // Gaps and ceilings.
  ASSERT_OK(zx_vmar_unmap(vmar, a + 32 * page, page));
  EXPECT_EQ(zx_vmar_protect(vmar, ZX_VM_PERM_READ, a + 30 * page, 4 * page), ZX_ERR_NOT_FOUND);
  EXPECT_EQ(zx_vmar_protect(vmar, ZX_VM_PERM_READ | ZX_VM_PERM_EXECUTE, a, page),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_EQ(zx_vmar_protect(vmar, ZX_VM_PERM_WRITE, a, page), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_protect(vmar, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, a, page), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_protect(vmar, ZX_VM_PERM_READ, a + 1, page), ZX_ERR_INVALID_ARGS);
  EXPECT_OK(zx_vmar_protect(vmar, 0, a, page));  // no perms is allowed
  EXPECT_NE(zxt_fault_signal((char*)a, false), 0);
  EXPECT_OK(zx_vmar_destroy(vmar));
  zx_handle_t hs[2] = {vmar, v};
  EXPECT_OK(zx_handle_close_many(hs, 2));
}

TEST(protect_in_sub_vmar_only_lowers) {
  size_t page = zxt_page();
  zx_vaddr_t base;
  zx_handle_t parent = zxt_vmar(4 * page, &base);
  zx_handle_t child;
  zx_vaddr_t cbase;
  ASSERT_OK(zx_vmar_allocate(parent, ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_SPECIFIC, 0,
                             page, &child, &cbase));
  zx_handle_t v = zxt_vmo(page, 0);
  zx_vaddr_t a = zxt_map(child, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, v, 0, page);
  EXPECT_OK(zx_vmar_protect(parent, ZX_VM_PERM_READ, a, page));
  EXPECT_EQ(zx_vmar_protect(parent, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, a, page),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_OK(zx_vmar_protect(child, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, a, page));
  zx_handle_t noop;
  ASSERT_OK(zx_handle_duplicate(parent, (ZX_DEFAULT_VMAR_RIGHTS & ~ZX_RIGHT_OP_CHILDREN) |
                                            ZX_RIGHT_READ | ZX_RIGHT_WRITE,
                                &noop));
  EXPECT_EQ(zx_vmar_protect(noop, ZX_VM_PERM_READ, a, page), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_unmap(noop, cbase, page), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_destroy(noop), ZX_ERR_ACCESS_DENIED);
  // A range wholly covering the sub-VMAR destroys it.
  EXPECT_OK(zx_vmar_unmap(parent, cbase, 2 * page));
  zx_vaddr_t m;
  EXPECT_EQ(zx_vmar_map(child, ZX_VM_PERM_READ, 0, v, 0, page, &m), ZX_ERR_BAD_STATE);
  EXPECT_OK(zx_vmar_destroy(parent));
  EXPECT_EQ(zx_vmar_destroy(parent), ZX_ERR_BAD_STATE);
  zx_handle_t hs[4] = {parent, child, noop, v};
  EXPECT_OK(zx_handle_close_many(hs, 4));
}

TEST(specific_overwrite_replaces_mappings_not_vmars) {
  size_t page = zxt_page();
  zx_vaddr_t base;
  zx_handle_t vmar = zxt_vmar(8 * page, &base);
  zx_handle_t va = zxt_vmo(4 * page, 0), vb = zxt_vmo(4 * page, 0);
  for (int i = 0; i < 4; i++) {
    zxt_poke(va, (uint64_t)i * page, 1);
    zxt_poke(vb, (uint64_t)i * page, 2);
  }
  zx_vaddr_t a = zxt_map(vmar, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, page, va, 0, 4 * page);
  zx_vaddr_t b;
  EXPECT_EQ(zx_vmar_map(vmar, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 2 * page, vb, 0, 2 * page, &b),
            ZX_ERR_ALREADY_EXISTS);
  ASSERT_OK(zx_vmar_map(vmar, ZX_VM_PERM_READ | ZX_VM_SPECIFIC_OVERWRITE, 2 * page, vb, 0,
                        2 * page, &b));
  EXPECT_EQ(b, a + page);
  const volatile char* p = (const volatile char*)a;
  EXPECT_EQ(p[0], 1);
  EXPECT_EQ(p[page], 2);
  EXPECT_EQ(p[2 * page], 2);
  EXPECT_EQ(p[3 * page], 1);
  EXPECT_EQ(zxt_vmo_info(va).num_mappings, 2);
  EXPECT_EQ(zx_vmar_map(vmar, ZX_VM_PERM_READ | ZX_VM_SPECIFIC_OVERWRITE | ZX_VM_MAP_RANGE, page,
                        vb, 0, page, &b),
            ZX_ERR_INVALID_ARGS);
  zx_handle_t sub;
  zx_vaddr_t sbase;
  ASSERT_OK(zx_vmar_allocate(vmar, ZX_VM_CAN_MAP_READ | ZX_VM_SPECIFIC, 6 * page, page, &sub, &sbase));
  EXPECT_EQ(zx_vmar_map(vmar, ZX_VM_PERM_READ | ZX_VM_SPECIFIC_OVERWRITE, 4 * page, vb, 0, 3 * page,
                        &b),
            ZX_ERR_INVALID_ARGS);
  EXPECT_OK(zx_vmar_destroy(vmar));
  EXPECT_EQ(zxt_vmo_info(va).num_mappings, 0);
  zx_handle_t hs[4] = {vmar, va, vb, sub};
  EXPECT_OK(zx_handle_close_many(hs, 4));
}

TEST(placement_alignment_and_limits) {
  size_t page = zxt_page();
  zx_vaddr_t base;
  zx_handle_t vmar = zxt_vmar((size_t)8 << 30, &base);
  zx_handle_t v = zxt_vmo(2 * page, 0);
  for (uint32_t pow = 10; pow <= 32; pow++) {
    zx_vaddr_t a;
    ASSERT_OK(zx_vmar_map(vmar, ZX_VM_PERM_READ | (pow << ZX_VM_ALIGN_BASE), 0, v, 0, 2 * page, &a));
    EXPECT_EQ(a & ((1ull << pow) - 1), 0);
    EXPECT_TRUE(a >= base && a + 2 * page <= base + ((size_t)8 << 30));
    EXPECT_OK(zx_vmar_unmap(vmar, a, 2 * page));
  }
  zx_vaddr_t a;
  EXPECT_EQ(zx_vmar_map(vmar, ZX_VM_PERM_READ | (9u << ZX_VM_ALIGN_BASE), 0, v, 0, page, &a),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_map(vmar, ZX_VM_PERM_READ | (33u << ZX_VM_ALIGN_BASE), 0, v, 0, page, &a),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_map(vmar, ZX_VM_PERM_READ, page, v, 0, page, &a), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_map(vmar, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, page, v, 1, page, &a),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_map(vmar, ZX_VM_PERM_READ, 0, v, UINT64_MAX - page + 1, page, &a),
            ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(zx_vmar_map(vmar, ZX_VM_PERM_READ, 0, v, 0, SIZE_MAX - page + 2, &a),
            ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(zx_vmar_map(vmar, ZX_VM_PERM_READ, 0, v, 0, 0, &a), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_map(vmar, ZX_VM_PERM_READ | ZX_VM_CAN_MAP_READ, 0, v, 0, page, &a),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_map(vmar, ZX_VM_PERM_READ | (1u << 31), 0, v, 0, page, &a), ZX_ERR_INVALID_ARGS);
  // Upper limit (core-tests MapInUpperLimitTest).
  zx_vaddr_t sbase;
  zx_handle_t small = zxt_vmar(100 * page, &sbase);
  EXPECT_EQ(zx_vmar_map(small, ZX_VM_PERM_READ | ZX_VM_OFFSET_IS_UPPER_LIMIT, 101 * page, v, 0,
                        page, &a),
            ZX_ERR_INVALID_ARGS);
  for (int i = 0; i < 50; i++) {
    ASSERT_OK(zx_vmar_map(small, ZX_VM_PERM_READ | ZX_VM_OFFSET_IS_UPPER_LIMIT, 50 * page, v, 0,
                          page, &a));
    EXPECT_TRUE(a + page <= sbase + 50 * page);
  }
  EXPECT_EQ(zx_vmar_map(small, ZX_VM_PERM_READ | ZX_VM_OFFSET_IS_UPPER_LIMIT, 50 * page, v, 0,
                        page, &a),
            ZX_ERR_NO_RESOURCES);
  EXPECT_OK(zx_vmar_map(small, ZX_VM_PERM_READ, 0, v, 0, page, &a));
  // A full VMAR has no room (core-tests AllocateUnsatisfiableTest).
  zx_handle_t c;
  zx_vaddr_t cb;
  EXPECT_EQ(zx_vmar_allocate(vmar, 0, 0, ((size_t)8 << 30) + page, &c, &cb), ZX_ERR_INVALID_ARGS);
  EXPECT_OK(zx_vmar_destroy(vmar));
  EXPECT_OK(zx_vmar_destroy(small));
  zx_handle_t hs[3] = {vmar, small, v};
  EXPECT_OK(zx_handle_close_many(hs, 3));
}

TEST(compact_vmar_packs_and_fills) {
  size_t page = zxt_page();
  zx_handle_t c;
  zx_vaddr_t base;
  ASSERT_OK(zx_vmar_allocate(zx_vmar_root_self(), ZX_VM_COMPACT | ZX_VM_CAN_MAP_READ, 0, 4 * page,
                             &c, &base));
  zx_handle_t v = zxt_vmo(page, 0);
  for (int i = 0; i < 4; i++) {
    zx_vaddr_t a = zxt_map(c, ZX_VM_PERM_READ, 0, v, 0, page);
    EXPECT_TRUE(a >= base && a < base + 4 * page);
  }
  zx_vaddr_t a;
  EXPECT_EQ(zx_vmar_map(c, ZX_VM_PERM_READ, 0, v, 0, page, &a), ZX_ERR_NO_RESOURCES);
  EXPECT_OK(zx_vmar_destroy(c));
  zx_handle_t hs[2] = {c, v};
  EXPECT_OK(zx_handle_close_many(hs, 2));
}

TEST(resizable_mapping_faults_past_end_and_sees_regrowth) {
  size_t page = zxt_page();
  zx_handle_t v = zxt_vmo(2 * page, ZX_VMO_RESIZABLE);
  zx_vaddr_t a = zxt_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_ALLOW_FAULTS,
                         0, v, 0, 4 * page);
  volatile char* p = (volatile char*)a;
  p[page] = 3;
  EXPECT_EQ(zxt_fault_signal(p + 2 * page, false), SIGBUS);
  ASSERT_OK(zx_vmo_set_size(v, page));
  EXPECT_EQ(zxt_fault_signal(p + page, false), SIGBUS);
  ASSERT_OK(zx_vmo_set_size(v, 4 * page));
  EXPECT_EQ(p[page], 0);
  p[3 * page] = 4;
  EXPECT_EQ(zxt_peek(v, 3 * page), 4);
  EXPECT_EQ(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_REQUIRE_NON_RESIZABLE, 0, v, 0,
                        page, &a),
            ZX_ERR_NOT_SUPPORTED);
  EXPECT_OK(zx_vmar_unmap(zx_vmar_root_self(), (zx_vaddr_t)p, 4 * page));
  EXPECT_OK(zx_handle_close(v));
}

TEST(parked_mappings_never_show_stale_pages) {
  size_t page = zxt_page();
  zx_handle_t root = zx_vmar_root_self();
  zx_handle_t v1 = zxt_vmo(page, 0), v2 = zxt_vmo(page, 0);
  zxt_poke(v1, 0, 1);
  zxt_poke(v2, 0, 2);
  for (int i = 0; i < 100; i++) {
    zx_handle_t v = (i % 2) ? v2 : v1;
    zx_vaddr_t a = zxt_map(root, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, v, 0, page);
    ASSERT_TRUE(a != 0);
    EXPECT_EQ(((volatile char*)a)[0], (i % 2) ? 2 : 1);
    ((volatile char*)a)[1] = (char)i;
    EXPECT_EQ(zxt_peek(v, 1), (char)i);
    ASSERT_OK(zx_vmar_unmap(root, a, page));
    EXPECT_NE(zxt_fault_signal((char*)a, false), 0);  // unmapped means unmapped
  }
  // A read-only map taking back a parked RW mapping is read-only.
  zx_vaddr_t a = zxt_map(root, ZX_VM_PERM_READ, 0, v1, 0, page);
  EXPECT_NE(zxt_fault_signal((char*)a, true), 0);
  EXPECT_OK(zx_vmar_unmap(root, a, page));
  // Closing a VMO releases its parked mappings.
  EXPECT_OK(zx_handle_close(v1));
  zx_handle_t v3 = zxt_vmo(page, 0);
  a = zxt_map(root, ZX_VM_PERM_READ, 0, v3, 0, page);
  EXPECT_EQ(((volatile char*)a)[0], 0);
  EXPECT_OK(zx_vmar_unmap(root, a, page));
  zx_handle_t hs[2] = {v2, v3};
  EXPECT_OK(zx_handle_close_many(hs, 2));
}

TEST(vmar_op_range_rules) {
  size_t page = zxt_page();
  zx_vaddr_t base;
  zx_handle_t vmar = zxt_vmar(5 * page, &base);
  zx_handle_t v = zxt_vmo(4 * page, 0);
  zx_vaddr_t a = zxt_map(vmar, ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_SPECIFIC, 0, v, 0, 2 * page);
  ((volatile char*)a)[page] = 8;
  EXPECT_OK(zx_vmar_op_range(vmar, ZX_VMAR_OP_DECOMMIT, a + page, page, NULL, 0));
  EXPECT_EQ(zxt_peek(v, page), 0);
  EXPECT_EQ(zx_vmar_op_range(vmar, ZX_VMAR_OP_COMMIT, a, 3 * page, NULL, 0), ZX_ERR_BAD_STATE);
  EXPECT_EQ(zx_vmar_op_range(vmar, ZX_VMAR_OP_COMMIT, 0, page, NULL, 0), ZX_ERR_OUT_OF_RANGE);
  EXPECT_EQ(zx_vmar_op_range(vmar, ZX_VMAR_OP_COMMIT, a + 1, page, NULL, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_op_range(vmar, ZX_VMAR_OP_COMMIT, a, 0, NULL, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_OK(zx_vmar_op_range(vmar, ZX_VMAR_OP_COMMIT, a, 2 * page, NULL, 0));
  EXPECT_EQ(zxt_vmo_info(v).populated_bytes, 2 * page);
  zx_handle_t ro;
  ASSERT_OK(zx_handle_duplicate(v, ZX_RIGHT_READ | ZX_RIGHT_MAP, &ro));
  zx_vaddr_t r = zxt_map(vmar, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, 3 * page, ro, 3 * page, page);
  EXPECT_EQ(zx_vmar_op_range(vmar, ZX_VMAR_OP_DECOMMIT, r, page, NULL, 0), ZX_ERR_ACCESS_DENIED);
  EXPECT_OK(zx_vmar_op_range(vmar, ZX_VMAR_OP_MAP_RANGE, r, page, NULL, 0));
  // Through the root: COMMIT/DECOMMIT/PREFETCH never reach into a sub-VMAR.
  EXPECT_EQ(zx_vmar_op_range(zx_vmar_root_self(), ZX_VMAR_OP_DECOMMIT, a, page, NULL, 0),
            ZX_ERR_INVALID_ARGS);
  EXPECT_EQ(zx_vmar_op_range(zx_vmar_root_self(), ZX_VMAR_OP_PREFETCH, a, page, NULL, 0),
            ZX_ERR_INVALID_ARGS);
  EXPECT_OK(zx_vmar_op_range(zx_vmar_root_self(), ZX_VMAR_OP_DONT_NEED, a, page, NULL, 0));
  EXPECT_EQ(zx_vmar_op_range(vmar, 99, a, page, NULL, 0), ZX_ERR_INVALID_ARGS);
  EXPECT_OK(zx_vmar_destroy(vmar));
  zx_handle_t hs[3] = {vmar, v, ro};
  EXPECT_OK(zx_handle_close_many(hs, 3));
}

TEST(process_maps_lists_aspace_then_tree) {
  size_t page = zxt_page();
  zx_vaddr_t base;
  zx_handle_t vmar = zxt_vmar(4 * page, &base);
  zx_handle_t v = zxt_vmo(page, 0);
  ASSERT_OK(zx_object_set_property(v, ZX_PROP_NAME, "zxt-maps", 8));
  zx_vaddr_t a = zxt_map(vmar, ZX_VM_PERM_READ | ZX_VM_SPECIFIC, page, v, 0, page);
  size_t actual = 0, avail = 0;
  ASSERT_OK(zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_MAPS, NULL, 0, &actual, &avail));
  EXPECT_EQ(actual, 0);
  EXPECT_TRUE(avail >= 4);
  zx_info_maps_t* all = calloc(avail + 8, sizeof(*all));
  ASSERT_OK(zx_object_get_info(zx_process_self(), ZX_INFO_PROCESS_MAPS, all,
                               (avail + 8) * sizeof(*all), &actual, &avail));
  EXPECT_EQ(actual, avail);
  EXPECT_EQ(all[0].type, ZX_INFO_MAPS_TYPE_ASPACE);
  EXPECT_EQ(all[0].depth, 0);
  EXPECT_EQ(all[1].type, ZX_INFO_MAPS_TYPE_VMAR);
  EXPECT_EQ(all[1].depth, 1);
  bool found = false;
  for (size_t i = 2; i < actual; i++) {
    if (all[i].type == ZX_INFO_MAPS_TYPE_MAPPING && all[i].base == a) {
      found = true;
      EXPECT_EQ(all[i].depth, 3);
      EXPECT_EQ(all[i - 1].type, ZX_INFO_MAPS_TYPE_VMAR);
      EXPECT_EQ(all[i - 1].base, base);
      EXPECT_EQ(strcmp(all[i].name, "zxt-maps"), 0);
      EXPECT_EQ(all[i].u.mapping.vmo_koid, zxt_vmo_info(v).koid);
    }
  }
  EXPECT_TRUE(found);
  free(all);
  zx_handle_t noinspect;
  ASSERT_OK(zx_handle_duplicate(zx_process_self(), ZX_RIGHT_READ, &noinspect));
  EXPECT_EQ(zx_object_get_info(noinspect, ZX_INFO_PROCESS_MAPS, NULL, 0, &actual, &avail),
            ZX_ERR_ACCESS_DENIED);
  EXPECT_OK(zx_vmar_destroy(vmar));
  zx_handle_t hs[3] = {vmar, v, noinspect};
  EXPECT_OK(zx_handle_close_many(hs, 3));
}
