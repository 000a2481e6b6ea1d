#ifndef CSYSTEMCALLS_H
#define CSYSTEMCALLS_H

/// Atomically exchanges two paths (both must exist): Linux renameat2(RENAME_EXCHANGE),
/// macOS renamex_np(RENAME_SWAP). Returns 0, or -1 with errno set (ENOSYS where the
/// platform has no such call).
int cartograph_rename_exchange(const char *from, const char *to);

/// Renames `from` to `to` only when `to` does not exist (EEXIST otherwise): Linux
/// renameat2(RENAME_NOREPLACE), macOS renamex_np(RENAME_EXCL). Returns 0, or -1 with errno.
int cartograph_rename_noreplace(const char *from, const char *to);

#endif
