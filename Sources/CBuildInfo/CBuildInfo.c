// Swift's -D defines a condition, not a value, so the version and commit that `make dist`
// reads from git come in as C string macros (-Xcc -DCARTOGRAPH_BUILD_VERSION=...). A build
// that defines nothing gets "", which leaves normal builds independent of git and means no
// generated source file can go stale.
#include "CBuildInfo.h"

#ifndef CARTOGRAPH_BUILD_VERSION
#define CARTOGRAPH_BUILD_VERSION ""
#endif
#ifndef CARTOGRAPH_BUILD_COMMIT
#define CARTOGRAPH_BUILD_COMMIT ""
#endif

const char *cartograph_build_version(void) { return CARTOGRAPH_BUILD_VERSION; }

const char *cartograph_build_commit(void) { return CARTOGRAPH_BUILD_COMMIT; }
