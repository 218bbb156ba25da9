/* Typed wrappers over the raw _syscallN entry points. */
#include <linux/capability.h>    /* capget's structures: kernel UAPI */
#include "libsys/syscall.h"

int sys_open(const char *path, int flags)
{
    return (int)_syscall4(__NR_openat, AT_FDCWD, (long)path, flags, 0);
}

int sys_close(int fd) { return (int)_syscall1(__NR_close, fd); }

long sys_read(int fd, void *buf, size_t len)
{
    return _syscall3(__NR_read, fd, (long)buf, (long)len);
}

long sys_pread(int fd, void *buf, size_t len, uint64_t off)
{
    return _syscall4(__NR_pread64, fd, (long)buf, (long)len, (long)off);
}

long sys_write(int fd, const void *buf, size_t len)
{
    return _syscall3(__NR_write, fd, (long)buf, (long)len);
}

int sys_fstat(int fd, struct kstat *st)
{
    return (int)_syscall2(__NR_fstat, fd, (long)st);
}

int sys_stat(const char *path, struct kstat *st)
{
    return (int)_syscall4(__NR_newfstatat, AT_FDCWD, (long)path, (long)st, 0);
}

long sys_mmap(void *addr, size_t len, int prot, int flags, int fd, uint64_t off)
{
    return _syscall6(__NR_mmap, (long)addr, (long)len, prot, flags, fd, (long)off);
}

int sys_munmap(void *addr, size_t len)
{
    return (int)_syscall2(__NR_munmap, (long)addr, (long)len);
}

long sys_capget_effective(uint64_t *effective)
{
    struct __user_cap_header_struct head = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
    long r = _syscall2(__NR_capget, (long)&head, (long)data);
    if (!r)
        *effective = data[0].effective | (uint64_t)data[1].effective << 32;
    return r;
}

int sys_mprotect(void *addr, size_t len, int prot)
{
    return (int)_syscall3(__NR_mprotect, (long)addr, (long)len, prot);
}

int sys_getgroups(int n, uint32_t *list)
{
    return (int)_syscall2(__NR_getgroups, n, (long)list);
}

long sys_fstatfs_flags(int fd)
{
    int64_t st[15];             /* f_type f_bsize f_blocks f_bfree f_bavail f_files
                                   f_ffree f_fsid f_namelen f_frsize f_flags f_spare[4] */
    long r = _syscall2(__NR_fstatfs, fd, (long)st);
    return r < 0 ? r : st[10];
}

long sys_getrandom(void *buf, size_t len)
{
    return _syscall3(__NR_getrandom, (long)buf, (long)len, 1);    /* GRND_NONBLOCK */
}

long sys_prlimit(int resource, const uint64_t lim[2], uint64_t old[2])
{
    /* struct rlimit64: rlim_cur, rlim_max; pid 0: this process */
    return _syscall4(__NR_prlimit64, 0, resource, (long)lim, (long)old);
}

long sys_getrlimit_cur(int resource, uint64_t *cur)
{
    uint64_t lim[2];
    long r = sys_prlimit(resource, NULL, lim);
    *cur = lim[0];
    return r;
}

int sys_sigaction(int sig, const struct ksigaction *act, struct ksigaction *old)
{
    struct ksigaction a = *act;
    if (a.handler > 1)          /* a function, not SIG_DFL or SIG_IGN */
        arch_sigaction_prepare(&a);
    return (int)_syscall4(__NR_rt_sigaction, sig, (long)&a, (long)old, sizeof a.mask);
}

/* kill(getpid()): the calling thread gets it when the process has one */
int sys_raise(int sig)
{
    return (int)_syscall2(__NR_kill, _syscall0(__NR_getpid), sig);
}

void sys_exit_group(int status)
{
    for (;;)
        _syscall1(__NR_exit_group, status);
}

long sys_pread_full(int fd, void *buf, size_t len, uint64_t off)
{
    size_t done = 0;
    while (done < len) {
        long r = sys_pread(fd, (char *)buf + done, len - done, off + done);
        if (r == -EINTR)
            continue;
        if (r < 0)
            return r;
        if (r == 0)
            break;
        done += (size_t)r;
    }
    return (long)done;
}
