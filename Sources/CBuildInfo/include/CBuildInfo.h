#ifndef CBUILDINFO_H
#define CBUILDINFO_H

/// The version git gave the build (`git describe`, e.g. "0.1.0" on the tag v0.1.0), or ""
/// when the build was not told (a plain `swift build`, a copy without git metadata).
const char *cartograph_build_version(void);

/// The abbreviated commit the build came from ("-dirty" when the tree had changes), or "".
const char *cartograph_build_commit(void);

#endif
