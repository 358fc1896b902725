// Copyright 2026 The zircon-ffm Authors. Written from Fuchsia's public ABI.
//
// The Zircon syscalls zircon-ffm binds: VMOs, VMARs, handles and objects.
// On Fuchsia they are exported by the vDSO; elsewhere by the zircon-ffm host
// emulator. Prototypes are those of Fuchsia's generated cdecls.inc.

#ifndef ZIRCON_SYSCALLS_H_
#define ZIRCON_SYSCALLS_H_

#include <zircon/syscalls/object.h>
#include <zircon/types.h>

__BEGIN_CDECLS

// ======= System =======
extern __EXPORT __CONST __LEAF_FN uint32_t zx_system_get_page_size(void);

// ======= Handles =======
extern __EXPORT __LEAF_FN zx_status_t zx_handle_close(zx_handle_t handle);
extern __EXPORT __LEAF_FN zx_status_t zx_handle_close_many(const zx_handle_t* handles,
                                                           size_t num_handles);
extern __EXPORT __LEAF_FN zx_status_t zx_handle_duplicate(zx_handle_t handle, zx_rights_t rights,
                                                          zx_handle_t* out);
extern __EXPORT __LEAF_FN zx_status_t zx_handle_replace(zx_handle_t handle, zx_rights_t rights,
                                                        zx_handle_t* out);

// ======= Objects =======
extern __EXPORT __LEAF_FN zx_status_t zx_object_get_info(zx_handle_t handle, uint32_t topic,
                                                         void* buffer, size_t buffer_size,
                                                         size_t* actual, size_t* avail);
extern __EXPORT __LEAF_FN zx_status_t zx_object_get_property(zx_handle_t handle, uint32_t property,
                                                             void* value, size_t value_size);
extern __EXPORT __LEAF_FN zx_status_t zx_object_set_property(zx_handle_t handle, uint32_t property,
                                                             const void* value, size_t value_size);

// ======= Virtual memory objects =======
extern __EXPORT __LEAF_FN zx_status_t zx_vmo_create(uint64_t size, uint32_t options,
                                                    zx_handle_t* out);
extern __EXPORT __LEAF_FN zx_status_t zx_vmo_read(zx_handle_t handle, void* buffer,
                                                  uint64_t offset, size_t buffer_size);
extern __EXPORT __LEAF_FN zx_status_t zx_vmo_write(zx_handle_t handle, const void* buffer,
                                                   uint64_t offset, size_t buffer_size);
extern __EXPORT __LEAF_FN zx_status_t zx_vmo_get_size(zx_handle_t handle, uint64_t* size);
extern __EXPORT __LEAF_FN zx_status_t zx_vmo_set_size(zx_handle_t handle, uint64_t size);
extern __EXPORT __LEAF_FN zx_status_t zx_vmo_op_range(zx_handle_t handle, uint32_t op,
                                                      uint64_t offset, uint64_t size,
                                                      void* buffer, size_t buffer_size);
extern __EXPORT __LEAF_FN zx_status_t zx_vmo_create_child(zx_handle_t handle, uint32_t options,
                                                          uint64_t offset, uint64_t size,
                                                          zx_handle_t* out);
extern __EXPORT __LEAF_FN zx_status_t zx_vmo_set_cache_policy(zx_handle_t handle,
                                                              uint32_t cache_policy);
extern __EXPORT __LEAF_FN zx_status_t zx_vmo_replace_as_executable(zx_handle_t handle,
                                                                   zx_handle_t vmex,
                                                                   zx_handle_t* out);

// ======= Virtual memory address regions =======
extern __EXPORT __LEAF_FN zx_status_t zx_vmar_allocate(zx_handle_t parent_vmar,
                                                       zx_vm_option_t options, size_t offset,
                                                       size_t size, zx_handle_t* child_vmar,
                                                       zx_vaddr_t* child_addr);
extern __EXPORT __LEAF_FN zx_status_t zx_vmar_destroy(zx_handle_t handle);
extern __EXPORT __LEAF_FN zx_status_t zx_vmar_map(zx_handle_t handle, zx_vm_option_t options,
                                                  size_t vmar_offset, zx_handle_t vmo,
                                                  uint64_t vmo_offset, size_t len,
                                                  zx_vaddr_t* mapped_addr);
extern __EXPORT __LEAF_FN zx_status_t zx_vmar_unmap(zx_handle_t handle, zx_vaddr_t addr,
                                                    size_t len);
extern __EXPORT __LEAF_FN zx_status_t zx_vmar_protect(zx_handle_t handle, zx_vm_option_t options,
                                                      zx_vaddr_t addr, size_t len);
extern __EXPORT __LEAF_FN zx_status_t zx_vmar_op_range(zx_handle_t handle, uint32_t op,
                                                       zx_vaddr_t address, size_t size,
                                                       void* buffer, size_t buffer_size);

__END_CDECLS

#endif  // ZIRCON_SYSCALLS_H_
