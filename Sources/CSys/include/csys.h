#ifndef GONGKAI_CSYS_H
#define GONGKAI_CSYS_H
/// Atomically exchange two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (e.g. unsupported).
int gk_exchange_paths(const char *a, const char *b);
#include <stddef.h>
/// Where `needle` first occurs in `hay` (glibc memmem), or NULL.
const void *gk_memmem(const void *hay, size_t hay_len, const void *needle, size_t needle_len);
/// Gives freed heap pages back to the system (glibc malloc_trim(0); nothing elsewhere).
void gk_release_free_memory(void);
#endif
