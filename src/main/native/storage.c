// Copyright 2026 The zircon-ffm Authors.
//
// The pages of a VMO on the host. A VMO that owns pages has a storage space
// of offsets [0, size); a slice is a window [fd_offset, fd_offset + size) of
// its ancestor's. A memfd cannot grow past 2^63 - 1 bytes but a VMO may be
// almost 2^64, so the space is split at B = zxe_host_max_size(): offsets
// below B live in `fd` at the same offset, the rest in `fd_hi` at offset - B
// (a second memfd, made only for VMOs larger than B).

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emu.h"

// tmpfs files end at LLONG_MAX; keep whole pages.
uint64_t zxe_host_max_size(void) { return (uint64_t)LLONG_MAX & ~(uint64_t)(zxe_page - 1); }

zx_status_t zxe_errno_status(int err) {
  switch (err) {
    case EMFILE:
    case ENFILE:
    case ENOMEM:
    case ENOSPC:
    case EFBIG:
      return ZX_ERR_NO_MEMORY;  // the host ran out: Fuchsia's exhaustion status
    default:
      return ZX_ERR_INTERNAL;
  }
}

uint64_t zxe_storage_at(const zxe_vmo_t* t, uint64_t vs, int* fd, uint64_t* off) {
  uint64_t b = zxe_host_max_size();
  if (vs < b) {
    *fd = t->fd;
    *off = vs;
    return b - vs;
  }
  *fd = t->fd_hi;
  *off = vs - b;
  return UINT64_MAX - vs + 1;  // to 2^64; vs >= b > 0, so no overflow
}

// Sizes the memfd pair of an owner for a VMO of `size` bytes, making fd_hi
// when first needed.
zx_status_t zxe_storage_resize(zxe_vmo_t* t, uint64_t size) {
  uint64_t b = zxe_host_max_size();
  if (size > b && t->fd_hi < 0) {
    int hi = memfd_create("zxemu-vmo-hi", MFD_CLOEXEC);
    if (hi < 0) return zxe_errno_status(errno);
    t->fd_hi = hi;
  }
  if (t->fd_hi >= 0 && ftruncate(t->fd_hi, (off_t)(size > b ? size - b : 0)) != 0) {
    return zxe_errno_status(errno);
  }
  if (ftruncate(t->fd, (off_t)(size < b ? size : b)) != 0) return zxe_errno_status(errno);
  return ZX_OK;
}

zx_status_t zxe_storage_create(zxe_vmo_t* t, uint64_t size) {
  t->fd_hi = -1;
  t->fd = memfd_create("zxemu-vmo", MFD_CLOEXEC);
  if (t->fd < 0) return zxe_errno_status(errno);
  zx_status_t st = zxe_storage_resize(t, size);
  if (st != ZX_OK) zxe_storage_close(t);
  return st;
}

void zxe_storage_close(zxe_vmo_t* t) {
  zxe_parked_drop_fd(t->fd);
  close(t->fd);
  if (t->fd_hi >= 0) {
    zxe_parked_drop_fd(t->fd_hi);
    close(t->fd_hi);
  }
  t->fd = t->fd_hi = -1;
}

// Calls fn on each host piece (fd, file offset, length) of [vs, vs + len);
// stops at the first error.
typedef zx_status_t (*piece_fn)(int fd, uint64_t off, uint64_t len, void* ctx);

static zx_status_t each_piece(const zxe_vmo_t* t, uint64_t vs, uint64_t len, piece_fn fn,
                              void* ctx) {
  while (len > 0) {
    int fd;
    uint64_t off;
    uint64_t n = zxe_storage_at(t, vs, &fd, &off);
    if (n > len) n = len;
    if (fd >= 0) {
      zx_status_t st = fn(fd, off, n, ctx);
      if (st != ZX_OK) return st;
    }
    vs += n;
    len -= n;
  }
  return ZX_OK;
}

static zx_status_t punch(int fd, uint64_t off, uint64_t len, void* ctx) {
  (void)ctx;
  if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)off, (off_t)len) != 0) {
    return zxe_errno_status(errno);
  }
  return ZX_OK;
}

static zx_status_t allocate(int fd, uint64_t off, uint64_t len, void* ctx) {
  (void)ctx;
  if (fallocate(fd, FALLOC_FL_KEEP_SIZE, (off_t)off, (off_t)len) != 0) {
    return zxe_errno_status(errno);
  }
  return ZX_OK;
}

static const uint8_t zeros[4096];

// Overwrites a range with zeros where the file holds pages; holes already
// read as zero and stay unallocated.
static zx_status_t write_zeros(int fd, uint64_t off, uint64_t len, void* ctx) {
  (void)ctx;
  uint64_t end = off + len;
  off_t data = lseek(fd, (off_t)off, SEEK_DATA);
  if (data < 0 || (uint64_t)data >= end) return ZX_OK;
  while (off < end) {
    size_t n = end - off < sizeof(zeros) ? end - off : sizeof(zeros);
    ssize_t w = pwrite(fd, zeros, n, (off_t)off);
    if (w < 0) {
      if (errno == EINTR) continue;
      return zxe_errno_status(errno);
    }
    off += (uint64_t)w;
  }
  return ZX_OK;
}

static zx_status_t count_data(int fd, uint64_t off, uint64_t len, void* ctx) {
  uint64_t* total = ctx;
  uint64_t end = off + len;
  for (uint64_t pos = off; pos < end;) {
    off_t data = lseek(fd, (off_t)pos, SEEK_DATA);
    if (data < 0 || (uint64_t)data >= end) break;
    off_t hole = lseek(fd, data, SEEK_HOLE);
    uint64_t stop = hole < 0 || (uint64_t)hole > end ? end : (uint64_t)hole;
    *total += stop - (uint64_t)data;
    pos = stop;
  }
  return ZX_OK;
}

zx_status_t zxe_storage_decommit(const zxe_vmo_t* t, uint64_t vs, uint64_t len) {
  return each_piece(t, vs, len, punch, NULL);
}

zx_status_t zxe_storage_commit(const zxe_vmo_t* t, uint64_t vs, uint64_t len) {
  return each_piece(t, vs, len, allocate, NULL);
}

zx_status_t zxe_storage_zero(const zxe_vmo_t* t, uint64_t vs, uint64_t len) {
  uint64_t end = vs + len;
  uint64_t first_full = (vs + zxe_page - 1) & ~(uint64_t)(zxe_page - 1);
  uint64_t last_full = end & ~(uint64_t)(zxe_page - 1);
  if (first_full >= last_full) {
    // No whole page: the ends of at most two pages, each zeroed only if held.
    uint64_t split = end < first_full ? end : first_full;
    zx_status_t st = each_piece(t, vs, split - vs, write_zeros, NULL);
    return st == ZX_OK ? each_piece(t, split, end - split, write_zeros, NULL) : st;
  }
  zx_status_t st = each_piece(t, first_full, last_full - first_full, punch, NULL);
  if (st == ZX_OK) st = each_piece(t, vs, first_full - vs, write_zeros, NULL);
  if (st == ZX_OK) st = each_piece(t, last_full, end - last_full, write_zeros, NULL);
  return st;
}

uint64_t zxe_storage_populated(const zxe_vmo_t* t, uint64_t vs, uint64_t len) {
  uint64_t total = 0;
  (void)each_piece(t, vs, len, count_data, &total);
  return total;
}

uint64_t zxe_storage_populated_all(const zxe_vmo_t* t) {
  uint64_t total = 0;
  struct stat st;
  if (fstat(t->fd, &st) == 0) total += (uint64_t)st.st_blocks * 512u;
  if (t->fd_hi >= 0 && fstat(t->fd_hi, &st) == 0) total += (uint64_t)st.st_blocks * 512u;
  return total;
}

// Copies [off, off+len) of one file to another at dst_off, through the
// kernel where it can, else through a buffer.
static zx_status_t copy_file(int src, uint64_t off, int dst, uint64_t dst_off, uint64_t len) {
  off_t in = (off_t)off, out = (off_t)dst_off;
  uint64_t end = off + len;
  while ((uint64_t)in < end) {
    ssize_t n = copy_file_range(src, &in, dst, &out, end - (uint64_t)in, 0);
    if (n > 0) continue;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EXDEV && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
      return zxe_errno_status(errno);
    }
    char buf[65536];
    size_t chunk = end - (uint64_t)in < sizeof(buf) ? end - (uint64_t)in : sizeof(buf);
    ssize_t r = pread(src, buf, chunk, in);
    if (r <= 0) return ZX_ERR_INTERNAL;
    if (pwrite(dst, buf, (size_t)r, out) != r) return ZX_ERR_NO_MEMORY;
    in += r;
    out += r;
  }
  return ZX_OK;
}

zx_status_t zxe_storage_copy(const zxe_vmo_t* src, uint64_t vs, const zxe_vmo_t* dst,
                             uint64_t dst_vs, uint64_t len) {
  while (len > 0) {
    int sfd, dfd;
    uint64_t soff, doff;
    uint64_t n = zxe_storage_at(src, vs, &sfd, &soff);
    uint64_t dn = zxe_storage_at(dst, dst_vs, &dfd, &doff);
    if (n > dn) n = dn;
    if (n > len) n = len;
    if (sfd >= 0 && dfd >= 0) {
      // Only the data extents: holes stay holes in the copy.
      uint64_t end = soff + n;
      for (uint64_t pos = soff; pos < end;) {
        off_t data = lseek(sfd, (off_t)pos, SEEK_DATA);
        if (data < 0 || (uint64_t)data >= end) break;
        off_t hole = lseek(sfd, data, SEEK_HOLE);
        uint64_t stop = hole < 0 || (uint64_t)hole > end ? end : (uint64_t)hole;
        zx_status_t st = copy_file(sfd, (uint64_t)data, dfd, doff + ((uint64_t)data - soff),
                                   stop - (uint64_t)data);
        if (st != ZX_OK) return st;
        pos = stop;
      }
    }
    vs += n;
    dst_vs += n;
    len -= n;
  }
  return ZX_OK;
}
