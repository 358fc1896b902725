// Copyright 2026 The zircon-ffm Authors.
//
// A minimal test harness for the emulator's C tests: TEST(name) registers a
// case; EXPECT_* record a failure and go on, ASSERT_* end the case.

#ifndef ZXEMU_ZXTEST_H_
#define ZXEMU_ZXTEST_H_

#include <stdbool.h>
#include <stdio.h>
#include <zircon/process.h>
#include <zircon/syscalls.h>

typedef void (*zxt_fn)(void);
void zxt_register(const char* name, zxt_fn fn);
void zxt_fail(const char* file, int line, const char* expr, long long a, long long b);
extern bool zxt_case_failed;

#define TEST(name)                                                              \
  static void name(void);                                                       \
  __attribute__((constructor)) static void zxt_reg_##name(void) {               \
    zxt_register(#name, name);                                                  \
  }                                                                             \
  static void name(void)

#define EXPECT_EQ(a, b)                                                         \
  do {                                                                          \
    long long zxt_a = (long long)(a), zxt_b = (long long)(b);                   \
    if (zxt_a != zxt_b) zxt_fail(__FILE__, __LINE__, #a " == " #b, zxt_a, zxt_b); \
  } while (0)
#define EXPECT_NE(a, b)                                                         \
  do {                                                                          \
    long long zxt_a = (long long)(a), zxt_b = (long long)(b);                   \
    if (zxt_a == zxt_b) zxt_fail(__FILE__, __LINE__, #a " != " #b, zxt_a, zxt_b); \
  } while (0)
#define EXPECT_TRUE(c) EXPECT_EQ(!!(c), 1)
#define EXPECT_OK(s) EXPECT_EQ((s), ZX_OK)
#define ASSERT_EQ(a, b)                  \
  do {                                   \
    EXPECT_EQ(a, b);                     \
    if (zxt_case_failed) return;         \
  } while (0)
#define ASSERT_OK(s) ASSERT_EQ((s), ZX_OK)
#define ASSERT_TRUE(c) ASSERT_EQ(!!(c), 1)

// Helpers shared by the cases.
size_t zxt_page(void);
zx_handle_t zxt_vmo(uint64_t size, uint32_t options);
// Live handles of the given type (ZX_INFO_PROCESS_HANDLE_STATS).
uint32_t zxt_handles(zx_obj_type_t type);
// The signal a read (or write) of addr raises, probed in a forked child
// (0 if none). A write that succeeds lands in shared memory: probe writes only
// where they should fault, or where the byte may change.
int zxt_fault_signal(volatile void* addr, bool write);

// Maps or fails the case (returning 0).
zx_vaddr_t zxt_map(zx_handle_t vmar, zx_vm_option_t options, size_t offset, zx_handle_t vmo,
                   uint64_t vmo_offset, size_t len);
// A sub-VMAR of the root that can hold RW and SPECIFIC mappings.
zx_handle_t zxt_vmar(size_t size, zx_vaddr_t* base);
// Rights of a handle (ZX_INFO_HANDLE_BASIC).
zx_rights_t zxt_rights(zx_handle_t h);
// ZX_INFO_VMO of a VMO handle.
zx_info_vmo_t zxt_vmo_info(zx_handle_t vmo);
// Reads / writes one byte through the VMO (fails the case on error).
char zxt_peek(zx_handle_t vmo, uint64_t offset);
void zxt_poke(zx_handle_t vmo, uint64_t offset, char value);

#endif  // ZXEMU_ZXTEST_H_
