#ifndef GONGKAI_CSYS_H
#define GONGKAI_CSYS_H
/// Atomically exchange two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (e.g. unsupported).
int gk_exchange_paths(const char *a, const char *b);
#endif
