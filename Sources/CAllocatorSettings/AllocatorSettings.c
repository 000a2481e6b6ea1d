// jemalloc's settings, compiled in (Package.swift links jemalloc's archive into the
// `cartograph` executable where Debian's libjemalloc-dev is installed; otherwise this string
// is read by nothing). jemalloc reads `malloc_conf` before the first allocation, then the
// MALLOC_CONF environment variable, which overrides it.
//
// - thp:always asks the kernel for transparent huge pages on the memory jemalloc maps
//   (madvise(MADV_HUGEPAGE)): a 1,000-app build takes a third of the page faults and about
//   7% less CPU. Where the kernel's THP setting is "never", it has no effect.
// - percpu_arena:percpu gives each processor its own arena, so that huge pages are shared by
//   the threads that run on one core instead of spread over four arenas per core: peak memory
//   grows by 10 MiB at 1,000 apps instead of 16.
#include "AllocatorSettings.h"

const char *malloc_conf = "thp:always,percpu_arena:percpu";
