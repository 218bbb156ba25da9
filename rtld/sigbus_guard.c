/* From the first file it maps itself to the program's first instruction,
 * rtld turns a SIGBUS into a load error.  (What the kernel mapped needs no
 * guard: a running program's file cannot be written (ETXTBSY), and should
 * rtld's own file shrink, this handler would be gone with it.)
 *
 * A SIGBUS there means a file rtld is loading got shorter under it: the
 * kernel removes the pages past a file's new end from every mapping of the
 * file, private copies included (truncate_pagecache, mm/truncate.c), and
 * the next access to one of them faults.  Nothing of the program has run
 * yet, so this is one more refusal with a one-line error, not a crash.
 * dlopen cannot do the same: in a running program, SIGBUS and its handler
 * belong to the program (and to its other threads). */
#include "libsys/mem.h"
#include "libsys/syscall.h"
#include "load_error.h"
#include "rtld.h"
#include "sigbus_guard.h"

static struct ksigaction saved;     /* what the program gets back */
static int guarding;

static uint64_t hex(const char **s)
{
    uint64_t v = 0;
    for (;; (*s)++) {
        unsigned c = (unsigned char)**s;
        unsigned d = c - '0' < 10 ? c - '0' : c - 'a' < 6 ? c - 'a' + 10 : 16;
        if (d == 16)
            return v;
        v = v * 16 + d;
    }
}

/* The file mapped at addr and the offset in it, from the kernel's own
 * account, /proc/self/maps: "lo-hi perms offset dev inode   path". */
static int mapped_file(uint64_t addr, char *path, size_t cap, uint64_t *off)
{
    RTLD_LARGE static char buf[8192];
    int fd = sys_open("/proc/self/maps", O_RDONLY | O_CLOEXEC), found = 0;
    size_t have = 0;
    long n;
    while (fd >= 0 && !found && (n = sys_read(fd, buf + have, sizeof buf - 1 - have)) > 0) {
        have += (size_t)n;
        buf[have] = '\0';
        char *line = buf, *nl;
        for (; !found && (nl = strchr(line, '\n')); line = nl + 1) {
            *nl = '\0';
            const char *s = line;
            uint64_t lo = hex(&s);
            s += *s == '-';
            uint64_t hi = hex(&s);
            const char *file = strchr(s, '/');
            if (addr < lo || addr >= hi || strlen(s) < 6 || !file || strlen(file) >= cap)
                continue;
            s += 6;                 /* " rwxp " */
            *off = hex(&s) + (addr - lo);
            memcpy(path, file, strlen(file) + 1);
            found = 1;
        }
        have = (size_t)(buf + have - line);
        memmove(buf, line, have);
        if (have == sizeof buf - 1)
            have = 0;               /* a line longer than buf: not ours */
    }
    if (fd >= 0)
        sys_close(fd);
    return found;
}

static void on_sigbus(int sig, struct ksiginfo *si, void *ctx)
{
    RTLD_LARGE static struct load_error err;
    RTLD_LARGE static char path[4096];
    uint64_t off = 0;
    (void)ctx;
    if (si->si_code <= 0) {     /* sent, not a fault: die of it as without us */
        sys_sigaction(sig, &saved, NULL);
        sys_raise(sig);         /* blocked until this handler returns */
        return;
    }
    if (mapped_file(si->si_addr, path, sizeof path, &off))
        load_fail(&err, LOAD_EXIT_NOEXEC, "changed while being loaded: no data at file offset "
                  "%#lx (SIGBUS)", (unsigned long)off);
    else
        load_fail(&err, LOAD_EXIT_NOEXEC, "SIGBUS at %#lx while loading",
                  (unsigned long)si->si_addr);
    load_error_file(&err, path);
    rtld_die(&err);
}

void sigbus_guard_start(void)
{
    struct ksigaction a = { .handler = (uintptr_t)on_sigbus, .flags = ARCH_SA_SIGINFO };
    if (!guarding)
        guarding = !sys_sigaction(ARCH_SIGBUS, &a, &saved);
}

void sigbus_guard_stop(void)
{
    if (guarding)
        sys_sigaction(ARCH_SIGBUS, &saved, NULL);
    guarding = 0;
}
