/* Raw system calls (arch/<cpu>/syscall.asm) and typed wrappers (sys.c).
 * Every wrapper returns the kernel's result: >= 0 on success, -errno on
 * failure.  No errno variable, no libc. */
#ifndef LIBSYS_SYSCALL_H
#define LIBSYS_SYSCALL_H

#include <stddef.h>
#include <stdint.h>
#include <asm/unistd.h>     /* __NR_* numbers: kernel UAPI, not libc */
#include <asm/errno.h>
#include <linux/mman.h>
#include <linux/fcntl.h>
#include "arch.h"

long _syscall0(long n);
long _syscall1(long n, long a);
long _syscall2(long n, long a, long b);
long _syscall3(long n, long a, long b, long c);
long _syscall4(long n, long a, long b, long c, long d);
long _syscall5(long n, long a, long b, long c, long d, long e);
long _syscall6(long n, long a, long b, long c, long d, long e, long f);

/* A negative return in [-4095, -1] is an error (the kernel's IS_ERR_VALUE). */
static inline int sys_failed(long r) { return (unsigned long)r > -4096UL; }

int  sys_open(const char *path, int flags);
int  sys_close(int fd);
long sys_read(int fd, void *buf, size_t len);
long sys_pread(int fd, void *buf, size_t len, uint64_t off);
long sys_write(int fd, const void *buf, size_t len);
int  sys_fstat(int fd, struct kstat *st);
int  sys_stat(const char *path, struct kstat *st);
long sys_mmap(void *addr, size_t len, int prot, int flags, int fd, uint64_t off);
int  sys_munmap(void *addr, size_t len);
int  sys_mprotect(void *addr, size_t len, int prot);
int  sys_getgroups(int n, uint32_t *list);
/* f_flags of fstatfs(fd) (ST_* mount flags, e.g. ST_NOEXEC = 8), or
 * -errno.  struct statfs is the generic 64-bit one (include/uapi/
 * asm-generic/statfs.h): f_flags is its eleventh word. */
long sys_fstatfs_flags(int fd);
#define ST_NOEXEC 8

/* The effective capability set, bit CAP_* for each capability held
 * (capget, _LINUX_CAPABILITY_VERSION_3: two 32-bit words), or -errno. */
long sys_capget_effective(uint64_t *effective);

/* Fill buf with len random bytes without blocking; returns the count or
 * -errno. */
long sys_getrandom(void *buf, size_t len);
/* Resource limits (include/uapi/asm-generic/resource.h, every CPU here) */
#define RLIMIT_STACK  3
#define RLIMIT_NOFILE 7
/* The soft limit of resource (RLIMIT_*), or -errno; RLIM_INFINITY is ~0. */
long sys_getrlimit_cur(int resource, uint64_t *cur);
/* prlimit64 on ourselves: set resource's limits to lim (soft, hard) unless
 * lim is NULL, and give the old ones in old unless it is NULL; 0 or -errno. */
long sys_prlimit(int resource, const uint64_t lim[2], uint64_t old[2]);
/* act->handler is called as handler(int sig, struct ksiginfo *, void *ctx)
 * when act->flags has ARCH_SA_SIGINFO; sys_sigaction supplies the
 * restorer a function handler needs.  old may be NULL. */
int  sys_sigaction(int sig, const struct ksigaction *act, struct ksigaction *old);
int  sys_raise(int sig);
__attribute__((noreturn)) void sys_exit_group(int status);

/* Read exactly len bytes at off unless the file ends first; returns the
 * count read or -errno. */
long sys_pread_full(int fd, void *buf, size_t len, uint64_t off);

/* Short English text for an errno value, as strerror would give. */
const char *sys_strerror(long err);

#endif
