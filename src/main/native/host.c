// Copyright 2026 The zircon-ffm Authors.
//
// The host side of mappings. The root VMAR is a range of the Linux address
// space reserved PROT_NONE; a mapping is a MAP_SHARED|MAP_FIXED mmap of its
// VMO's memfds over the reservation; unmapping puts the reservation back, or
// parks the mapping (below).

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vmar_internal.h"

static int fault_fd = -1;  // an empty memfd: mapping it gives SIGBUS on access, like a VMO's end

void zxe_host_init(void) { fault_fd = memfd_create("zxemu-fault", MFD_CLOEXEC); }

int zxe_prot(uint32_t perms) {
  int prot = PROT_NONE;
  if (perms & ZX_VM_PERM_READ) prot |= PROT_READ;
  if (perms & ZX_VM_PERM_WRITE) prot |= PROT_WRITE;
  if (perms & ZX_VM_PERM_EXECUTE) prot |= PROT_EXEC;
  return prot;
}

static zx_status_t mmap_status(void) {
  // ENOMEM: out of memory or of vm.max_map_count, both exhaustion for Fuchsia.
  // EPERM/EACCES: the host forbids it (e.g. executable memfds under
  // vm.memfd_noexec), which Fuchsia would call a missing permission.
  switch (errno) {
    case ENOMEM:
    case EAGAIN:
      return ZX_ERR_NO_MEMORY;
    case EPERM:
    case EACCES:
      return ZX_ERR_ACCESS_DENIED;
    default:
      return ZX_ERR_INTERNAL;
  }
}

// ======= Parked mappings =======
// Putting the PROT_NONE reservation back over an unmapped range and later
// mapping over it again costs the host about twice a plain mmap + munmap
// (each splits or merges the reservation). So a whole mapping that is
// unmapped is parked instead: made PROT_NONE in place (it faults like the
// reservation, and is in no tree), and a later mapping of the same VMO range
// with the same size may take it back with one mprotect. The oldest parked
// mapping gets the reservation back when the cache is full, and a VMO's
// parked mappings go before its memfd closes.

typedef struct {
  uintptr_t base;
  size_t size;
  int fd;
  uint64_t file_off;
} parked_t;

#define PARKED_MAX 16
static parked_t parked[PARKED_MAX];  // oldest first
static unsigned parked_len;

static zx_status_t reserve_raw(uintptr_t base, size_t size) {
  void* p = mmap((void*)base, size, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
  return p == MAP_FAILED ? mmap_status() : ZX_OK;
}

static void parked_remove(unsigned i) {
  memmove(&parked[i], &parked[i + 1], (parked_len - i - 1) * sizeof(parked[0]));
  parked_len--;
}

// Forgets parked mappings overlapping [base, base+size), which the caller is
// about to replace on the host.
static void parked_forget(uintptr_t base, size_t size) {
  for (unsigned i = 0; i < parked_len;) {
    if (parked[i].base < base + size && base < parked[i].base + parked[i].size) {
      parked_remove(i);
    } else {
      i++;
    }
  }
}

void zxe_parked_drop_fd(int fd) {
  for (unsigned i = 0; i < parked_len;) {
    if (parked[i].fd == fd) {
      (void)reserve_raw(parked[i].base, parked[i].size);  // releases the file
      parked_remove(i);
    } else {
      i++;
    }
  }
}

bool zxe_parked_spot(zxe_vmar_t* vmar, const zxe_vmo_t* vmo, uint64_t vmo_offset, size_t size,
                     size_t align, uintptr_t limit, uintptr_t* out) {
  const zxe_vmo_t* t = zxe_vmo_target((zxe_vmo_t*)vmo);
  int fd = -1;
  uint64_t file_off = 0;
  if (vmo_offset < t->size) (void)zxe_storage_at(t, t->fd_offset + vmo_offset, &fd, &file_off);
  // Best: the same pages (one mprotect). Else any parked mapping of the same
  // size: mapping over it replaces one host mapping instead of splitting the
  // reservation, and nothing needs to be put back.
  for (int pass = 0; pass < 2; pass++) {
    for (unsigned i = parked_len; i-- > 0;) {
      const parked_t* p = &parked[i];
      if (p->size == size && (pass == 1 || (p->fd == fd && p->file_off == file_off)) &&
          p->base >= vmar->node.base && p->base + size <= limit && !(p->base & (align - 1)) &&
          zxe_range_free(vmar, p->base, size)) {
        *out = p->base;
        return true;
      }
    }
  }
  return false;
}

zx_status_t zxe_host_reserve(uintptr_t base, size_t size) {
  parked_forget(base, size);
  return reserve_raw(base, size);
}

// The memfd and offset m's pages start at, if m is one host mapping of one
// memfd (only those are parked).
static bool single_host_mapping(const zxe_mapping_t* m, int* fd, uint64_t* off) {
  const zxe_vmo_t* v = zxe_vmo_target(m->vmo);
  if (!v->owns_fd && (m->vmo_offset >= v->size || v->size - m->vmo_offset < m->node.size)) {
    return false;  // part of it maps the empty memfd
  }
  if (m->vmo_offset + m->node.size < m->vmo_offset) return false;
  uint64_t room = zxe_storage_at(v, v->fd_offset + m->vmo_offset, fd, off);
  return *fd >= 0 && room >= m->node.size;
}

zx_status_t zxe_host_unmap_whole(const zxe_mapping_t* m) {
  uintptr_t base = m->node.base;
  size_t size = m->node.size;
  int fd;
  uint64_t off;
  if (!single_host_mapping(m, &fd, &off)) return zxe_host_reserve(base, size);
  if (parked_len == PARKED_MAX) {
    zx_status_t st = reserve_raw(parked[0].base, parked[0].size);
    if (st != ZX_OK) return st;
    parked_remove(0);
  }
  if (mprotect((void*)base, size, PROT_NONE) != 0) return zxe_host_reserve(base, size);
  parked[parked_len++] = (parked_t){.base = base, .size = size, .fd = fd, .file_off = off};
  return ZX_OK;
}

zx_status_t zxe_host_map(const zxe_mapping_t* m, uintptr_t base, size_t size, uint64_t vmo_offset) {
  zxe_vmo_t* v = zxe_vmo_target(m->vmo);
  int prot = zxe_prot(m->perms);
  // What of the range the VMO's storage backs. A slice must not show its
  // parent's pages past its own end, so that part maps the empty memfd; for
  // VMOs that own their storage, the memfds' ends do the same job and move
  // with set_size.
  size_t backed = size;
  if (!v->owns_fd) {
    backed = vmo_offset >= v->size ? 0 : (v->size - vmo_offset < size ? v->size - vmo_offset : size);
  }
  uint64_t vs = v->fd_offset + vmo_offset;  // no overflow where backed > 0
  if (backed == size) {
    int fd;
    uint64_t off;
    uint64_t room = zxe_storage_at(v, vs, &fd, &off);
    for (unsigned i = 0; i < parked_len && fd >= 0 && room >= size; i++) {
      const parked_t* p = &parked[i];
      if (p->base == base && p->size == size && p->fd == fd && p->file_off == off) {
        if (mprotect((void*)base, size, prot) != 0) break;
        parked_remove(i);
        return ZX_OK;
      }
    }
  }
  parked_forget(base, size);
  size_t done = 0;
  while (done < backed) {
    int fd;
    uint64_t off;
    uint64_t room = zxe_storage_at(v, vs + done, &fd, &off);
    if (fd < 0) break;  // no storage there (a small VMO mapped past 2^63): faults
    size_t n = backed - done < room ? backed - done : (size_t)room;
    void* p = mmap((void*)(base + done), n, prot, MAP_SHARED | MAP_FIXED, fd, (off_t)off);
    if (p == MAP_FAILED) {
      zx_status_t st = mmap_status();
      if (done) (void)reserve_raw(base, done);
      return st;
    }
    done += n;
  }
  if (done < size) {
    void* p = mmap((void*)(base + done), size - done, prot, MAP_SHARED | MAP_FIXED, fault_fd, 0);
    if (p == MAP_FAILED) {
      zx_status_t st = mmap_status();
      if (done) (void)reserve_raw(base, done);
      return st;
    }
  }
  return ZX_OK;
}

