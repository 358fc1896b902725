// Copyright 2026 The zircon-ffm Authors.
//
// The statuses each syscall may return, from Fuchsia's reference pages
// (docs/reference/syscalls/<name>.md, "Errors"). Where Fuchsia's own core
// tests (../../../../../shared/reference/core-tests.md, cited by section) or
// its kernel return a status the page omits, it is added with the reason.
// Two rules hold for every syscall that takes a handle or a pointer, as
// Fuchsia's handle lookup and user copies do: a value that names no handle is
// BAD_HANDLE, a handle of the wrong type is WRONG_TYPE (some pages omit them),
// and an unusable user pointer is INVALID_ARGS. ZX_ERR_INTERNAL is never
// allowed.

#include <stdio.h>
#include <string.h>

#include "hostile.h"

#define B(st) (1ull << (uint64_t)(-(st)))
#define OK B(ZX_OK)
#define BAD_HANDLE B(ZX_ERR_BAD_HANDLE)
#define WRONG_TYPE B(ZX_ERR_WRONG_TYPE)
#define ACCESS_DENIED B(ZX_ERR_ACCESS_DENIED)
#define INVALID_ARGS B(ZX_ERR_INVALID_ARGS)
#define NO_MEMORY B(ZX_ERR_NO_MEMORY)
#define OUT_OF_RANGE B(ZX_ERR_OUT_OF_RANGE)
#define BAD_STATE B(ZX_ERR_BAD_STATE)
#define NOT_SUPPORTED B(ZX_ERR_NOT_SUPPORTED)
#define NOT_FOUND B(ZX_ERR_NOT_FOUND)
#define BUFFER_TOO_SMALL B(ZX_ERR_BUFFER_TOO_SMALL)
#define UNAVAILABLE B(ZX_ERR_UNAVAILABLE)
#define ALREADY_EXISTS B(ZX_ERR_ALREADY_EXISTS)
#define NO_RESOURCES B(ZX_ERR_NO_RESOURCES)

static const struct {
  const char* name;
  uint64_t allowed;
} table[SC_COUNT] = {
    // These three return values, not statuses (checked by the op).
    [SC_SYSTEM_GET_PAGE_SIZE] = {"zx_system_get_page_size", 0},
    [SC_PROCESS_SELF] = {"zx_process_self", 0},
    [SC_VMAR_ROOT_SELF] = {"zx_vmar_root_self", 0},
    // handle_close.md
    [SC_HANDLE_CLOSE] = {"zx_handle_close", OK | BAD_HANDLE},
    // handle_close_many.md; INVALID_ARGS: the pointer rule.
    [SC_HANDLE_CLOSE_MANY] = {"zx_handle_close_many", OK | BAD_HANDLE | INVALID_ARGS},
    // handle_duplicate.md
    [SC_HANDLE_DUPLICATE] = {"zx_handle_duplicate",
                             OK | BAD_HANDLE | INVALID_ARGS | ACCESS_DENIED | NO_MEMORY},
    // handle_replace.md
    [SC_HANDLE_REPLACE] = {"zx_handle_replace", OK | BAD_HANDLE | INVALID_ARGS | NO_MEMORY},
    // object_get_info.md
    [SC_OBJECT_GET_INFO] = {"zx_object_get_info", OK | BAD_HANDLE | WRONG_TYPE | ACCESS_DENIED |
                                                      INVALID_ARGS | NO_MEMORY |
                                                      BUFFER_TOO_SMALL | NOT_SUPPORTED},
    // object_get_property.md
    [SC_OBJECT_GET_PROPERTY] = {"zx_object_get_property",
                                OK | BAD_HANDLE | WRONG_TYPE | ACCESS_DENIED | INVALID_ARGS |
                                    NO_MEMORY | BUFFER_TOO_SMALL | NOT_SUPPORTED},
    // object_set_property.md refers to get_property's list.
    [SC_OBJECT_SET_PROPERTY] = {"zx_object_set_property",
                                OK | BAD_HANDLE | WRONG_TYPE | ACCESS_DENIED | INVALID_ARGS |
                                    NO_MEMORY | BUFFER_TOO_SMALL | NOT_SUPPORTED},
    // vmo_create.md
    [SC_VMO_CREATE] = {"zx_vmo_create", OK | INVALID_ARGS | NO_MEMORY | OUT_OF_RANGE},
    // vmo_read.md (IO and IO_DATA_INTEGRITY need a pager, which no VMO here has)
    [SC_VMO_READ] = {"zx_vmo_read", OK | BAD_HANDLE | WRONG_TYPE | ACCESS_DENIED | INVALID_ARGS |
                                        NOT_FOUND | OUT_OF_RANGE | BAD_STATE},
    // vmo_write.md
    [SC_VMO_WRITE] = {"zx_vmo_write", OK | BAD_HANDLE | WRONG_TYPE | ACCESS_DENIED |
                                          INVALID_ARGS | NOT_FOUND | NO_MEMORY | OUT_OF_RANGE |
                                          BAD_STATE},
    // vmo_get_size.md
    [SC_VMO_GET_SIZE] = {"zx_vmo_get_size", OK | BAD_HANDLE | WRONG_TYPE | INVALID_ARGS},
    // vmo_set_size.md; INVALID_ARGS: core-tests B9.3 NoAccumulatedOverflow (a clone's
    // offset plus its new size overflowing).
    [SC_VMO_SET_SIZE] = {"zx_vmo_set_size", OK | BAD_HANDLE | WRONG_TYPE | ACCESS_DENIED |
                                                UNAVAILABLE | OUT_OF_RANGE | NO_MEMORY |
                                                BAD_STATE | INVALID_ARGS},
    // vmo_op_range.md
    [SC_VMO_OP_RANGE] = {"zx_vmo_op_range", OK | BAD_HANDLE | OUT_OF_RANGE | NO_MEMORY |
                                                WRONG_TYPE | ACCESS_DENIED | INVALID_ARGS |
                                                NOT_SUPPORTED | UNAVAILABLE | BAD_STATE},
    // vmo_create_child.md (its "BAD_TYPE" is WRONG_TYPE; BAD_HANDLE by the handle rule)
    [SC_VMO_CREATE_CHILD] = {"zx_vmo_create_child",
                             OK | BAD_HANDLE | WRONG_TYPE | ACCESS_DENIED | INVALID_ARGS |
                                 OUT_OF_RANGE | NO_MEMORY | BAD_STATE | NOT_SUPPORTED},
    // vmo_set_cache_policy.md
    [SC_VMO_SET_CACHE_POLICY] = {"zx_vmo_set_cache_policy",
                                 OK | ACCESS_DENIED | BAD_HANDLE | WRONG_TYPE | INVALID_ARGS |
                                     NOT_SUPPORTED | BAD_STATE},
    // vmo_replace_as_executable.md; WRONG_TYPE and ACCESS_DENIED: the kernel checks vmex
    // with validate_ranged_resource, a typed, rights-checked lookup.
    [SC_VMO_REPLACE_AS_EXECUTABLE] = {"zx_vmo_replace_as_executable",
                                      OK | BAD_HANDLE | NO_MEMORY | WRONG_TYPE | ACCESS_DENIED |
                                          INVALID_ARGS},
    // vmar_allocate.md; NO_RESOURCES: core-tests A1 AllocateUnsatisfiableTest (a full
    // parent), which the page calls NO_MEMORY; ALREADY_EXISTS: core-tests A3
    // OvermappingTest (a SPECIFIC range that overlaps a region).
    [SC_VMAR_ALLOCATE] = {"zx_vmar_allocate", OK | BAD_HANDLE | WRONG_TYPE | BAD_STATE |
                                                  INVALID_ARGS | NO_MEMORY | ACCESS_DENIED |
                                                  NO_RESOURCES | ALREADY_EXISTS},
    // vmar_destroy.md
    [SC_VMAR_DESTROY] = {"zx_vmar_destroy",
                         OK | ACCESS_DENIED | BAD_HANDLE | WRONG_TYPE | BAD_STATE | NOT_SUPPORTED},
    // vmar_map.md
    [SC_VMAR_MAP] = {"zx_vmar_map", OK | BAD_HANDLE | WRONG_TYPE | BAD_STATE | INVALID_ARGS |
                                        ALREADY_EXISTS | NO_RESOURCES | ACCESS_DENIED |
                                        NOT_SUPPORTED | BUFFER_TOO_SMALL | NO_MEMORY |
                                        OUT_OF_RANGE},
    // vmar_unmap.md
    [SC_VMAR_UNMAP] = {"zx_vmar_unmap",
                       OK | BAD_HANDLE | WRONG_TYPE | INVALID_ARGS | BAD_STATE | NOT_FOUND},
    // vmar_protect.md; BAD_STATE: core-tests A6 DestroyedVmarTest (a destroyed VMAR).
    [SC_VMAR_PROTECT] = {"zx_vmar_protect", OK | BAD_HANDLE | WRONG_TYPE | INVALID_ARGS |
                                                NOT_FOUND | ACCESS_DENIED | BAD_STATE},
    // vmar_op_range.md
    [SC_VMAR_OP_RANGE] = {"zx_vmar_op_range", OK | ACCESS_DENIED | BAD_HANDLE | BAD_STATE |
                                                  INVALID_ARGS | NOT_SUPPORTED | OUT_OF_RANGE |
                                                  WRONG_TYPE},
};

const char* sc_name(enum sc sc) { return sc < SC_COUNT ? table[sc].name : "?"; }

bool status_documented(enum sc sc, zx_status_t st) {
  if (sc >= SC_COUNT || st > 0 || st <= -64) return false;
  return (table[sc].allowed & B(st)) != 0;
}

const char* status_name(zx_status_t st) {
  switch (st) {
#define N(x) \
  case x:    \
    return #x;
    N(ZX_OK)
    N(ZX_ERR_INTERNAL)
    N(ZX_ERR_NOT_SUPPORTED)
    N(ZX_ERR_NO_RESOURCES)
    N(ZX_ERR_NO_MEMORY)
    N(ZX_ERR_INVALID_ARGS)
    N(ZX_ERR_BAD_HANDLE)
    N(ZX_ERR_WRONG_TYPE)
    N(ZX_ERR_BAD_SYSCALL)
    N(ZX_ERR_OUT_OF_RANGE)
    N(ZX_ERR_BUFFER_TOO_SMALL)
    N(ZX_ERR_BAD_STATE)
    N(ZX_ERR_TIMED_OUT)
    N(ZX_ERR_SHOULD_WAIT)
    N(ZX_ERR_CANCELED)
    N(ZX_ERR_PEER_CLOSED)
    N(ZX_ERR_NOT_FOUND)
    N(ZX_ERR_ALREADY_EXISTS)
    N(ZX_ERR_ALREADY_BOUND)
    N(ZX_ERR_UNAVAILABLE)
    N(ZX_ERR_ACCESS_DENIED)
    N(ZX_ERR_IO)
    N(ZX_ERR_IO_DATA_INTEGRITY)
#undef N
    default:
      return "(unknown status)";
  }
}

void documented_list(enum sc sc, char* out, size_t n) {
  size_t used = 0;
  out[0] = '\0';
  for (int bit = 0; bit < 64 && sc < SC_COUNT; bit++) {
    if (!(table[sc].allowed & (1ull << bit))) continue;
    int w = snprintf(out + used, n - used, "%s%s", used ? ", " : "", status_name(-bit));
    if (w < 0 || (size_t)w >= n - used) return;
    used += (size_t)w;
  }
}
