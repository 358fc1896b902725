// Copyright 2026 The zircon-ffm Authors. Written from Fuchsia's public ABI.
//
// Handles to the calling process and its root VMAR. They are owned by the
// runtime: callers must not close them.

#ifndef ZIRCON_PROCESS_H_
#define ZIRCON_PROCESS_H_

#include <zircon/types.h>

__BEGIN_CDECLS

extern __EXPORT zx_handle_t zx_process_self(void);
extern __EXPORT zx_handle_t zx_vmar_root_self(void);

__END_CDECLS

#endif  // ZIRCON_PROCESS_H_
