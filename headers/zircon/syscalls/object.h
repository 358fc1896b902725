// Copyright 2026 The zircon-ffm Authors. Written from Fuchsia's public ABI.
//
// Topics and records of zx_object_get_info, and properties of
// zx_object_get_property / zx_object_set_property.

#ifndef ZIRCON_SYSCALLS_OBJECT_H_
#define ZIRCON_SYSCALLS_OBJECT_H_

#include <zircon/types.h>

__BEGIN_CDECLS

// ======= Info topics (zx_object_get_info) =======
typedef uint32_t zx_object_info_topic_t;

// A topic's record layout version lives in its top four bits.
#define __ZX_INFO_TOPIC(t, v) ((zx_object_info_topic_t)((t) | ((v) << 28)))

#define ZX_INFO_NONE ((zx_object_info_topic_t)0u)
#define ZX_INFO_HANDLE_VALID ((zx_object_info_topic_t)1u)
#define ZX_INFO_HANDLE_BASIC ((zx_object_info_topic_t)2u)  // zx_info_handle_basic_t[1]
#define ZX_INFO_VMAR ((zx_object_info_topic_t)7u)          // zx_info_vmar_t[1]
#define ZX_INFO_PROCESS_MAPS_V1 ((zx_object_info_topic_t)13u)
#define ZX_INFO_PROCESS_MAPS_V2 __ZX_INFO_TOPIC(13u, 1u)
#define ZX_INFO_PROCESS_MAPS __ZX_INFO_TOPIC(13u, 2u)  // zx_info_maps_t[n]
#define ZX_INFO_PROCESS_HANDLE_STATS ((zx_object_info_topic_t)21u)  // zx_info_process_handle_stats_t[1]
#define ZX_INFO_VMO_V1 ((zx_object_info_topic_t)23u)
#define ZX_INFO_VMO_V2 __ZX_INFO_TOPIC(23u, 1u)
#define ZX_INFO_VMO_V3 __ZX_INFO_TOPIC(23u, 2u)
#define ZX_INFO_VMO __ZX_INFO_TOPIC(23u, 3u)  // zx_info_vmo_t[1]
#define ZX_INFO_VMAR_MAPS ((zx_object_info_topic_t)36u)  // zx_info_maps_t[n]

// ======= ZX_INFO_HANDLE_BASIC =======
typedef struct zx_info_handle_basic {
  // The object's unique id.
  zx_koid_t koid;
  // The rights this handle carries.
  zx_rights_t rights;
  // The object's type, a ZX_OBJ_TYPE_* value.
  zx_obj_type_t type;
  // For paired objects, the peer's koid; else 0.
  zx_koid_t related_koid;
  uint32_t reserved;
  uint8_t padding1[4];
} zx_info_handle_basic_t;

// ======= ZX_INFO_VMAR =======
typedef struct zx_info_vmar {
  // Base address of the region.
  uintptr_t base;
  // Length of the region, in bytes.
  size_t len;
} zx_info_vmar_t;

// ======= ZX_INFO_VMO =======
// Bits of zx_info_vmo_t.flags.
#define ZX_INFO_VMO_TYPE_PHYSICAL (0u << 0)
#define ZX_INFO_VMO_TYPE_PAGED (1u << 0)
#define ZX_INFO_VMO_RESIZABLE (1u << 1)
#define ZX_INFO_VMO_IS_COW_CLONE (1u << 2)
#define ZX_INFO_VMO_VIA_HANDLE (1u << 3)
#define ZX_INFO_VMO_VIA_MAPPING (1u << 4)
#define ZX_INFO_VMO_PAGER_BACKED (1u << 5)
#define ZX_INFO_VMO_CONTIGUOUS (1u << 6)
#define ZX_INFO_VMO_DISCARDABLE (1u << 7)
#define ZX_INFO_VMO_IMMUTABLE (1u << 8)
#define ZX_INFO_VMO_VIA_IOB_HANDLE (1u << 9)

typedef struct zx_info_vmo {
  zx_koid_t koid;
  char name[ZX_MAX_NAME_LEN];
  uint64_t size_bytes;
  // Koid of the parent VMO of a child, else 0.
  zx_koid_t parent_koid;
  size_t num_children;
  size_t num_mappings;
  // Number of distinct address spaces that map or hold a handle to the VMO.
  size_t share_count;
  // ZX_INFO_VMO_* bits.
  uint32_t flags;
  uint8_t padding1[4];
  uint64_t committed_bytes;
  // Rights of the handle the record was read through (0 if via a mapping).
  zx_rights_t handle_rights;
  // A ZX_CACHE_POLICY_* value.
  uint32_t cache_policy;
  uint64_t metadata_bytes;
  uint64_t committed_change_events;
  uint64_t populated_bytes;
  uint64_t committed_private_bytes;
  uint64_t populated_private_bytes;
  uint64_t committed_scaled_bytes;
  uint64_t populated_scaled_bytes;
  uint64_t committed_fractional_scaled_bytes;
  uint64_t populated_fractional_scaled_bytes;
} zx_info_vmo_t;

// ======= ZX_INFO_PROCESS_MAPS and ZX_INFO_VMAR_MAPS =======
typedef uint32_t zx_info_maps_type_t;

#define ZX_INFO_MAPS_TYPE_NONE ((zx_info_maps_type_t)0u)
#define ZX_INFO_MAPS_TYPE_ASPACE ((zx_info_maps_type_t)1u)
#define ZX_INFO_MAPS_TYPE_VMAR ((zx_info_maps_type_t)2u)
#define ZX_INFO_MAPS_TYPE_MAPPING ((zx_info_maps_type_t)3u)

// Details of an entry of type ZX_INFO_MAPS_TYPE_MAPPING.
typedef struct zx_info_maps_mapping {
  // ZX_VM_PERM_* bits of the mapping.
  zx_vm_option_t mmu_flags;
  uint8_t padding1[4];
  zx_koid_t vmo_koid;
  // Offset into the VMO at which the mapping starts.
  uint64_t vmo_offset;
  size_t committed_bytes;
  size_t populated_bytes;
  size_t committed_private_bytes;
  size_t populated_private_bytes;
  size_t committed_scaled_bytes;
  size_t populated_scaled_bytes;
  uint64_t committed_fractional_scaled_bytes;
  uint64_t populated_fractional_scaled_bytes;
} zx_info_maps_mapping_t;

// One node of an address space tree, listed depth first.
typedef struct zx_info_maps {
  char name[ZX_MAX_NAME_LEN];
  zx_vaddr_t base;
  size_t size;
  // Depth in the tree: the root (aspace or queried VMAR) is 0.
  size_t depth;
  zx_info_maps_type_t type;
  uint8_t padding1[4];
  union {
    zx_info_maps_mapping_t mapping;
  } u;
} zx_info_maps_t;

// ======= ZX_INFO_PROCESS_HANDLE_STATS =======
typedef struct zx_info_process_handle_stats {
  // Live handles of the process, indexed by ZX_OBJ_TYPE_* value.
  uint32_t handle_count[ZX_OBJ_TYPE_UPPER_BOUND];
} zx_info_process_handle_stats_t;

// ======= Object properties =======
#define ZX_PROP_NAME 3u               // char[ZX_MAX_NAME_LEN]
#define ZX_PROP_VMO_CONTENT_SIZE 17u  // uint64_t

__END_CDECLS

#endif  // ZIRCON_SYSCALLS_OBJECT_H_
