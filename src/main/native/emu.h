// Copyright 2026 The zircon-ffm Authors.
//
// Private declarations of the host emulator: objects, handles, the region
// tree and the helpers every syscall shares. One global mutex (zxe_lock)
// guards all emulator state; every syscall takes it once.

#ifndef ZXEMU_EMU_H_
#define ZXEMU_EMU_H_

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zircon/process.h>
#include <zircon/syscalls.h>

#define ZXE_HIDDEN __attribute__((visibility("hidden")))

// ======= Global state (core.c) =======
extern ZXE_HIDDEN pthread_mutex_t zxe_mutex;
extern ZXE_HIDDEN size_t zxe_page;        // host page size
extern ZXE_HIDDEN unsigned zxe_page_shift;

static inline void zxe_lock(void) { pthread_mutex_lock(&zxe_mutex); }
static inline void zxe_unlock(void) { pthread_mutex_unlock(&zxe_mutex); }

ZXE_HIDDEN zx_koid_t zxe_new_koid(void);
ZXE_HIDDEN uint64_t zxe_random(void);

static inline bool zxe_page_aligned(uint64_t v) { return (v & (zxe_page - 1)) == 0; }
// Rounds v up to a page; false if that overflows.
static inline bool zxe_round_page(uint64_t v, uint64_t* out) {
  uint64_t r = (v + zxe_page - 1) & ~(uint64_t)(zxe_page - 1);
  if (r < v) return false;
  *out = r;
  return true;
}

// ======= Failure injection (faults.c) =======
// Syscall identifiers for zxemu_fail_nth_call.
enum zxe_call {
  ZXE_CALL_SYSTEM_GET_PAGE_SIZE,
  ZXE_CALL_HANDLE_CLOSE,
  ZXE_CALL_HANDLE_CLOSE_MANY,
  ZXE_CALL_HANDLE_DUPLICATE,
  ZXE_CALL_HANDLE_REPLACE,
  ZXE_CALL_OBJECT_GET_INFO,
  ZXE_CALL_OBJECT_GET_PROPERTY,
  ZXE_CALL_OBJECT_SET_PROPERTY,
  ZXE_CALL_VMO_CREATE,
  ZXE_CALL_VMO_READ,
  ZXE_CALL_VMO_WRITE,
  ZXE_CALL_VMO_GET_SIZE,
  ZXE_CALL_VMO_SET_SIZE,
  ZXE_CALL_VMO_OP_RANGE,
  ZXE_CALL_VMO_CREATE_CHILD,
  ZXE_CALL_VMO_SET_CACHE_POLICY,
  ZXE_CALL_VMO_REPLACE_AS_EXECUTABLE,
  ZXE_CALL_VMAR_ALLOCATE,
  ZXE_CALL_VMAR_DESTROY,
  ZXE_CALL_VMAR_MAP,
  ZXE_CALL_VMAR_UNMAP,
  ZXE_CALL_VMAR_PROTECT,
  ZXE_CALL_VMAR_OP_RANGE,
  ZXE_CALL_COUNT
};

extern ZXE_HIDDEN volatile int zxe_faults_armed;  // nonzero when any injection is armed
// With zxe_mutex held: true (and *status set) if this call must fail now.
ZXE_HIDDEN bool zxe_call_fault_slow(enum zxe_call call, zx_status_t* status);
static inline bool zxe_call_fault(enum zxe_call call, zx_status_t* status) {
  return zxe_faults_armed && zxe_call_fault_slow(call, status);
}
// With zxe_mutex held, at the point a call first allocates: true if it must
// fail with ZX_ERR_NO_MEMORY.
ZXE_HIDDEN bool zxe_alloc_fault_slow(void);
static inline bool zxe_alloc_fault(void) { return zxe_faults_armed && zxe_alloc_fault_slow(); }

// ======= Objects and handles (handles.c) =======
typedef struct zxe_obj {
  zx_obj_type_t type;
  uint32_t handle_count;  // live handles to the object
  uint64_t refs;          // handles + internal references (mappings, children, tree)
  zx_koid_t koid;
} zxe_obj_t;

ZXE_HIDDEN void zxe_obj_init(zxe_obj_t* o, zx_obj_type_t type);
static inline void zxe_obj_ref(zxe_obj_t* o) { o->refs++; }
// Drops a reference; destroys the object (and what it alone held) at zero.
ZXE_HIDDEN void zxe_obj_unref(zxe_obj_t* o);

// Looks a handle up. Returns ZX_ERR_BAD_HANDLE, ZX_ERR_WRONG_TYPE (type != 0
// and different) or ZX_ERR_ACCESS_DENIED (missing any of `rights`), in that order.
ZXE_HIDDEN zx_status_t zxe_handle_get(zx_handle_t h, zx_obj_type_t type, zx_rights_t rights,
                                      zxe_obj_t** obj, zx_rights_t* actual_rights);
// Adds a handle to obj (taking a new reference). ZX_ERR_NO_MEMORY when full.
ZXE_HIDDEN zx_status_t zxe_handle_add(zxe_obj_t* obj, zx_rights_t rights, zx_handle_t* out);
// Removes a handle known to be valid, dropping its reference.
ZXE_HIDDEN void zxe_handle_remove(zx_handle_t h);
// Adds a handle to obj and stores its value at the caller's *user_out; if that store faults, the
// handle is removed again and the result is INVALID_ARGS, as Fuchsia's user copy-out gives. A new
// object that nothing else holds is freed when no handle can be added for it.
ZXE_HIDDEN zx_status_t zxe_handle_give(zxe_obj_t* obj, zx_rights_t rights, zx_handle_t* user_out);
ZXE_HIDDEN void zxe_handle_stats(uint32_t counts[ZX_OBJ_TYPE_UPPER_BOUND]);

// ======= User memory (usercopy.c) =======
// Copies to/from caller memory through the kernel, so that a bad address gives
// false instead of a crash.
ZXE_HIDDEN bool zxe_copy_out(void* user_dst, const void* src, size_t len);
ZXE_HIDDEN bool zxe_copy_in(void* dst, const void* user_src, size_t len);
// The common case of an out-parameter: NULL or unwritable -> false.
static inline bool zxe_out_ok(const void* p) { return (uintptr_t)p >= 4096; }

// ======= Region tree (regions.c) =======
// An AVL tree of non-overlapping [base, base+size) intervals keyed by base,
// each subtree knowing its lowest base, highest end and widest inner gap, so
// that lookups, inserts and free-space searches cost O(log n).
typedef struct zxe_region {
  struct zxe_region* left;
  struct zxe_region* right;
  int height;
  uint8_t kind;  // ZXE_REGION_*
  uintptr_t base;
  size_t size;
  uintptr_t min_base;  // subtree augmentation
  uintptr_t max_end;
  size_t max_gap;
} zxe_region_t;

enum { ZXE_REGION_VMAR = 1, ZXE_REGION_MAPPING = 2 };

static inline uintptr_t zxe_region_end(const zxe_region_t* r) { return r->base + r->size; }
ZXE_HIDDEN void zxe_rt_insert(zxe_region_t** root, zxe_region_t* node);
ZXE_HIDDEN void zxe_rt_remove(zxe_region_t** root, zxe_region_t* node);
// The region containing addr, or NULL.
ZXE_HIDDEN zxe_region_t* zxe_rt_find(zxe_region_t* root, uintptr_t addr);
// The lowest region whose end is > addr, or NULL.
ZXE_HIDDEN zxe_region_t* zxe_rt_first_ending_after(zxe_region_t* root, uintptr_t addr);
// The highest region whose base is < addr, or NULL.
ZXE_HIDDEN zxe_region_t* zxe_rt_last_before(zxe_region_t* root, uintptr_t addr);
// The lowest region (NULL if empty).
ZXE_HIDDEN zxe_region_t* zxe_rt_first(zxe_region_t* root);
// Finds the lowest address a >= from, a % align == 0, such that [a, a+size)
// lies in a gap of the tree within [lo, hi). Returns false if there is none.
ZXE_HIDDEN bool zxe_rt_find_gap(zxe_region_t* root, uintptr_t lo, uintptr_t hi, uintptr_t from,
                                size_t size, size_t align, uintptr_t* out);

// ======= VMOs (vmo.c, vmo_child.c, vmo_ops.c) =======
// Largest VMO size Fuchsia accepts (its page list's limit).
#define ZXE_MAX_VMO_SIZE (UINT64_MAX - (128u * 1024u) + 1u)

enum {
  ZXE_VMO_RESIZABLE = 1u << 0,
  ZXE_VMO_DISCARDABLE = 1u << 1,
  ZXE_VMO_COW_CLONE = 1u << 2,  // a SNAPSHOT* child
  ZXE_VMO_SLICE = 1u << 3,
  ZXE_VMO_REFERENCE = 1u << 4,  // forwards pages, size and content size to its parent
  ZXE_VMO_IMMUTABLE = 1u << 5,
  ZXE_VMO_UNBOUNDED = 1u << 6,
};

typedef struct zxe_vmo {
  zxe_obj_t obj;
  // Pages live in memfds (storage.c). A VMO that owns them starts at
  // fd_offset 0; a slice is a window [fd_offset, fd_offset + size) of an
  // ancestor's storage and shares its memfds. A reference uses its target's
  // fields (zxe_vmo_target) for pages, size and content size.
  int fd;                      // storage offsets below zxe_host_max_size()
  int fd_hi;                   // the rest, for VMOs larger than that; else -1
  bool owns_fd;
  uint64_t fd_offset;
  uint64_t size;               // page multiple
  uint64_t content_size;       // ZX_PROP_VMO_CONTENT_SIZE
  uint64_t root_offset;        // accumulated offset of a clone chain (overflow checks)
  uint32_t flags;              // ZXE_VMO_*
  uint32_t cache_policy;       // ZX_CACHE_POLICY_*
  char name[ZX_MAX_NAME_LEN];
  zx_koid_t parent_koid;
  struct zxe_vmo* parent;      // live parent; slices and references hold a reference on it
  struct zxe_vmo* first_child; // live children, unlinked when this one dies
  struct zxe_vmo* next_sibling;
  struct zxe_vmo* prev_sibling;
  size_t num_children;
  size_t num_mappings;         // Fuchsia VmMappings of it: groups of nodes (vmar.c)
  uint64_t lock_count;         // discardable lock (ZX_VMO_OP_LOCK) depth
} zxe_vmo_t;

// The VMO whose pages a VMO uses: itself, or a reference's (transitive) target.
static inline zxe_vmo_t* zxe_vmo_target(zxe_vmo_t* v) {
  while (v->flags & ZXE_VMO_REFERENCE) v = v->parent;
  return v;
}

// Frees a VMO whose last reference went; returns an object it held (a slice's
// or reference's parent) for the caller to unref in turn, or NULL.
ZXE_HIDDEN zxe_obj_t* zxe_vmo_destroy(zxe_vmo_t* vmo);
// Creates an object over a new memfd of `size` bytes (no handle yet).
ZXE_HIDDEN zx_status_t zxe_vmo_new(uint64_t size, uint32_t flags, zxe_vmo_t** out);
// Links child under parent (counts it in num_children).
ZXE_HIDDEN void zxe_vmo_link_child(zxe_vmo_t* parent, zxe_vmo_t* child);
// Bytes of [offset, offset+len) of a VMO that hold pages on the host.
ZXE_HIDDEN uint64_t zxe_vmo_populated_bytes(zxe_vmo_t* vmo, uint64_t offset, uint64_t len);
// Frees the host pages of a page-aligned range (they read as zero again).
ZXE_HIDDEN zx_status_t zxe_vmo_decommit(zxe_vmo_t* vmo, uint64_t offset, uint64_t len);
// Zeroes an arbitrary byte range, freeing whole pages.
ZXE_HIDDEN zx_status_t zxe_vmo_zero(zxe_vmo_t* vmo, uint64_t offset, uint64_t len);
// Allocates the host pages of a page-aligned range.
ZXE_HIDDEN zx_status_t zxe_vmo_commit(zxe_vmo_t* vmo, uint64_t offset, uint64_t len);

// ======= Host storage of VMO pages (storage.c) =======
// Storage offsets ("vs") of an owner: [0, B) in fd, [B, 2^64) in fd_hi at
// offset - B, with B = zxe_host_max_size(), the largest memfd.
ZXE_HIDDEN uint64_t zxe_host_max_size(void);
ZXE_HIDDEN zx_status_t zxe_errno_status(int err);
// The memfd and file offset holding storage offset vs of t (fd -1 if none);
// returns how many bytes from there stay in that memfd.
ZXE_HIDDEN uint64_t zxe_storage_at(const zxe_vmo_t* t, uint64_t vs, int* fd, uint64_t* off);
ZXE_HIDDEN zx_status_t zxe_storage_create(zxe_vmo_t* t, uint64_t size);
ZXE_HIDDEN zx_status_t zxe_storage_resize(zxe_vmo_t* t, uint64_t size);
ZXE_HIDDEN void zxe_storage_close(zxe_vmo_t* t);
ZXE_HIDDEN zx_status_t zxe_storage_decommit(const zxe_vmo_t* t, uint64_t vs, uint64_t len);
ZXE_HIDDEN zx_status_t zxe_storage_commit(const zxe_vmo_t* t, uint64_t vs, uint64_t len);
ZXE_HIDDEN zx_status_t zxe_storage_zero(const zxe_vmo_t* t, uint64_t vs, uint64_t len);
ZXE_HIDDEN uint64_t zxe_storage_populated(const zxe_vmo_t* t, uint64_t vs, uint64_t len);
ZXE_HIDDEN uint64_t zxe_storage_populated_all(const zxe_vmo_t* t);
// Copies the data of [vs, vs+len) of src to dst_vs of dst (holes stay holes).
ZXE_HIDDEN zx_status_t zxe_storage_copy(const zxe_vmo_t* src, uint64_t vs, const zxe_vmo_t* dst,
                                        uint64_t dst_vs, uint64_t len);

// ======= VMARs and mappings (vmar.c) =======
typedef struct zxe_vmar zxe_vmar_t;

typedef struct zxe_mapping {
  zxe_region_t node;         // must be first
  zxe_vmar_t* parent;
  zxe_vmo_t* vmo;            // holds a reference
  uint64_t vmo_offset;
  uint32_t perms;            // ZX_VM_PERM_* now in force
  uint32_t max_perms;        // ZX_VM_PERM_* allowed by rights at map time
  uint32_t flags;            // ZX_VM_ALLOW_FAULTS etc.
  // Nodes split apart only by protect share a group: together they are one
  // Fuchsia VmMapping (with protection ranges), counted once in num_mappings.
  uint64_t group;
} zxe_mapping_t;

struct zxe_vmar {
  zxe_obj_t obj;
  zxe_region_t node;         // its place in the parent's tree
  zxe_vmar_t* parent;        // NULL for the root or once destroyed
  zxe_region_t* children;    // tree of sub-VMARs and mappings
  uint32_t flags;            // ZX_VM_CAN_MAP_*, ZX_VM_COMPACT
  bool destroyed;
};

static inline zxe_vmar_t* zxe_region_vmar(zxe_region_t* r) {
  return (zxe_vmar_t*)((char*)r - offsetof(zxe_vmar_t, node));
}
static inline zxe_mapping_t* zxe_region_mapping(zxe_region_t* r) { return (zxe_mapping_t*)r; }

ZXE_HIDDEN void zxe_vmar_destroy_obj(zxe_vmar_t* vmar);
ZXE_HIDDEN zxe_vmar_t* zxe_root_vmar(void);
ZXE_HIDDEN void zxe_vmar_init_root(void);
// Gives the reservation back over parked mappings of this memfd (before it closes).
ZXE_HIDDEN void zxe_parked_drop_fd(int fd);
// The mapping covering addr in the whole address space, or NULL.
ZXE_HIDDEN zxe_mapping_t* zxe_find_mapping(uintptr_t addr);

// ======= Process (core.c) =======
typedef struct zxe_process {
  zxe_obj_t obj;
} zxe_process_t;
ZXE_HIDDEN zxe_process_t* zxe_process(void);

#endif  // ZXEMU_EMU_H_
