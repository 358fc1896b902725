// Copyright 2026 The zircon-ffm Authors. Written from Fuchsia's public ABI.
//
// The current ABI no longer defines ZX_PAGE_SIZE: the page size is a runtime
// property, read with zx_system_get_page_size(). Only its bounds are fixed.

#ifndef ZIRCON_LIMITS_H_
#define ZIRCON_LIMITS_H_

#define ZX_MIN_PAGE_SHIFT 12u
#define ZX_MAX_PAGE_SHIFT 21u

#define ZX_MIN_PAGE_SIZE (1u << ZX_MIN_PAGE_SHIFT)
#define ZX_MAX_PAGE_SIZE (1u << ZX_MAX_PAGE_SHIFT)

#endif  // ZIRCON_LIMITS_H_
