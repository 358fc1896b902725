// Copyright 2026 The zircon-ffm Authors.
//
// Test-only failure injection (include/zxemu/testing.h).

#include <string.h>

#include "emu.h"
#include "zxemu/testing.h"

volatile int zxe_faults_armed;

static const char* const call_names[ZXE_CALL_COUNT] = {
    [ZXE_CALL_SYSTEM_GET_PAGE_SIZE] = "zx_system_get_page_size",
    [ZXE_CALL_HANDLE_CLOSE] = "zx_handle_close",
    [ZXE_CALL_HANDLE_CLOSE_MANY] = "zx_handle_close_many",
    [ZXE_CALL_HANDLE_DUPLICATE] = "zx_handle_duplicate",
    [ZXE_CALL_HANDLE_REPLACE] = "zx_handle_replace",
    [ZXE_CALL_OBJECT_GET_INFO] = "zx_object_get_info",
    [ZXE_CALL_OBJECT_GET_PROPERTY] = "zx_object_get_property",
    [ZXE_CALL_OBJECT_SET_PROPERTY] = "zx_object_set_property",
    [ZXE_CALL_VMO_CREATE] = "zx_vmo_create",
    [ZXE_CALL_VMO_READ] = "zx_vmo_read",
    [ZXE_CALL_VMO_WRITE] = "zx_vmo_write",
    [ZXE_CALL_VMO_GET_SIZE] = "zx_vmo_get_size",
    [ZXE_CALL_VMO_SET_SIZE] = "zx_vmo_set_size",
    [ZXE_CALL_VMO_OP_RANGE] = "zx_vmo_op_range",
    [ZXE_CALL_VMO_CREATE_CHILD] = "zx_vmo_create_child",
    [ZXE_CALL_VMO_SET_CACHE_POLICY] = "zx_vmo_set_cache_policy",
    [ZXE_CALL_VMO_REPLACE_AS_EXECUTABLE] = "zx_vmo_replace_as_executable",
    [ZXE_CALL_VMAR_ALLOCATE] = "zx_vmar_allocate",
    [ZXE_CALL_VMAR_DESTROY] = "zx_vmar_destroy",
    [ZXE_CALL_VMAR_MAP] = "zx_vmar_map",
    [ZXE_CALL_VMAR_UNMAP] = "zx_vmar_unmap",
    [ZXE_CALL_VMAR_PROTECT] = "zx_vmar_protect",
    [ZXE_CALL_VMAR_OP_RANGE] = "zx_vmar_op_range",
};

// Countdowns: 0 = disarmed, 1 = the next one fails.
static uint64_t alloc_countdown;
static uint64_t call_countdown[ZXE_CALL_COUNT];
static zx_status_t call_status[ZXE_CALL_COUNT];

static void rearm(void) {
  int armed = alloc_countdown != 0;
  for (int i = 0; i < ZXE_CALL_COUNT; i++) armed |= call_countdown[i] != 0;
  zxe_faults_armed = armed;
}

bool zxe_call_fault_slow(enum zxe_call call, zx_status_t* status) {
  if (call_countdown[call] == 0 || --call_countdown[call] != 0) return false;
  *status = call_status[call];
  rearm();
  return true;
}

bool zxe_alloc_fault_slow(void) {
  if (alloc_countdown == 0 || --alloc_countdown != 0) return false;
  rearm();
  return true;
}

__EXPORT void zxemu_fail_nth_allocation(uint64_t nth) {
  zxe_lock();
  alloc_countdown = nth;
  rearm();
  zxe_unlock();
}

__EXPORT zx_status_t zxemu_fail_nth_call(const char* syscall, uint64_t nth, zx_status_t status) {
  if (syscall == NULL || (status == ZX_OK && nth != 0)) return ZX_ERR_INVALID_ARGS;
  for (int i = 0; i < ZXE_CALL_COUNT; i++) {
    if (strcmp(call_names[i], syscall) == 0) {
      zxe_lock();
      call_countdown[i] = nth;
      call_status[i] = status;
      rearm();
      zxe_unlock();
      return ZX_OK;
    }
  }
  return ZX_ERR_NOT_FOUND;
}

__EXPORT void zxemu_clear_failures(void) {
  zxe_lock();
  alloc_countdown = 0;
  memset(call_countdown, 0, sizeof(call_countdown));
  rearm();
  zxe_unlock();
}
