// Copyright 2026 The zircon-ffm Authors.
//
// Process-wide state: the global lock, the page size, koids, the emulated
// process object and the handles the runtime owns (zx_process_self and
// zx_vmar_root_self).

#include <stdlib.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "emu.h"

pthread_mutex_t zxe_mutex = PTHREAD_MUTEX_INITIALIZER;
size_t zxe_page = 4096;
unsigned zxe_page_shift = 12;

// Koids at or below ZX_KOID_KERNEL are reserved; Fuchsia's user objects start
// well above it.
static zx_koid_t next_koid = 1024;
static uint64_t rng_state;
static zxe_process_t process;
static zx_handle_t process_handle;
static zx_handle_t root_vmar_handle;

// What Fuchsia gives a process for its own handle (ZX_DEFAULT_PROCESS_RIGHTS).
#define PROCESS_RIGHTS                                                                \
  (ZX_RIGHTS_BASIC | ZX_RIGHTS_IO | ZX_RIGHTS_PROPERTY | ZX_RIGHT_ENUMERATE |         \
   ZX_RIGHT_DESTROY | ZX_RIGHT_SIGNAL | ZX_RIGHT_GET_POLICY | ZX_RIGHT_SET_POLICY |   \
   ZX_RIGHT_MANAGE_PROCESS | ZX_RIGHT_MANAGE_THREAD)
#define ROOT_VMAR_RIGHTS \
  (ZX_DEFAULT_VMAR_RIGHTS | ZX_RIGHT_READ | ZX_RIGHT_WRITE | ZX_RIGHT_EXECUTE)

zx_koid_t zxe_new_koid(void) { return next_koid++; }

// xorshift64*: cheap, and only used to spread placements (not security).
uint64_t zxe_random(void) {
  uint64_t x = rng_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  rng_state = x;
  return x * 0x2545F4914F6CDD1DULL;
}

zxe_process_t* zxe_process(void) { return &process; }

// A fork while another thread holds the lock would leave it held forever in
// the child: take it across fork. (The child shares the VMOs' memfds and
// MAP_SHARED pages with the parent; Fuchsia has no fork to compare with.)
static void fork_prepare(void) { zxe_lock(); }
static void fork_release(void) { zxe_unlock(); }

__attribute__((constructor)) static void zxe_init(void) {
  pthread_atfork(fork_prepare, fork_release, fork_release);
  long ps = sysconf(_SC_PAGESIZE);
  if (ps > 0) zxe_page = (size_t)ps;
  zxe_page_shift = (unsigned)__builtin_ctzl(zxe_page);
  if (getrandom(&rng_state, sizeof(rng_state), GRND_NONBLOCK) != sizeof(rng_state)) {
    rng_state = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
  }
  rng_state |= 1;
  zxe_obj_init(&process.obj, ZX_OBJ_TYPE_PROCESS);
  process.obj.refs = 1;  // never freed
  zxe_vmar_init_root();
  // Only a full handle table could fail these, and it is empty now.
  (void)zxe_handle_add(&process.obj, PROCESS_RIGHTS, &process_handle);
  (void)zxe_handle_add(&zxe_root_vmar()->obj, ROOT_VMAR_RIGHTS, &root_vmar_handle);
}

__EXPORT zx_handle_t zx_process_self(void) { return process_handle; }
__EXPORT zx_handle_t zx_vmar_root_self(void) { return root_vmar_handle; }
__EXPORT uint32_t zx_system_get_page_size(void) { return (uint32_t)zxe_page; }
