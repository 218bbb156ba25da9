#include "libsys/mem.h"
#include "libsys/syscall.h"
#include "elf_file.h"
#include "elf_property.h"

#define S_IFMT   0170000
#define S_IFREG  0100000
#define S_IFDIR  0040000

/* Is gid one of the caller's supplementary groups?  Its own frame, which
 * only this question needs: the list is 1 KiB, and a frame that held it
 * would push every other call deeper into the stack. */
__attribute__((noinline))
static int in_groups(uint32_t gid)
{
    uint32_t groups[256];
    int n = sys_getgroups(256, groups);
    for (int i = 0; i < n; i++)
        if (groups[i] == gid)
            return 1;
    return 0;
}

/* Execute permission as the kernel's generic_permission() decides it for
 * execve: root needs any x bit; otherwise the owner, group or other class
 * that applies. */
static int may_exec(const struct kstat *st, const struct exec_creds *c)
{
    uint32_t mode = st->st_mode;
    if (c->euid == 0)
        return (mode & 0111) != 0;
    if (st->st_uid == c->euid)
        return (mode & 0100) != 0;
    int in_group = st->st_gid == c->egid;
    /* the supplementary groups matter only when group and other differ */
    if (!in_group && !(mode & 0010) != !(mode & 0001))
        in_group = in_groups(st->st_gid);
    return (mode & (in_group ? 0010 : 0001)) != 0;
}

/* As shells report a failed execve: 127 only for ENOENT; and the loader's
 * 125 where it lacks a resource the kernel would not have needed. */
static int open_status(long e)
{
    return e == -ENOENT ? LOAD_EXIT_NOTFOUND
         : e == -EMFILE || e == -ENFILE || e == -ENOMEM ? LOAD_EXIT_SYSTEM
         : LOAD_EXIT_NOEXEC;
}

/* Open path for reading.  The kernel opens the file it executes without
 * taking a descriptor, so RLIMIT_NOFILE cannot stop an execve: where its
 * soft limit stops this open (EMFILE), the limit is raised to the hard one
 * for this open alone (it counts only when a descriptor is made). */
static int open_read(const char *path)
{
    /* O_NONBLOCK: a FIFO must not block the open before fstat can refuse
     * it; it changes nothing for regular files. */
    int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK, fd = sys_open(path, flags);
    uint64_t old[2], raised[2];
    if (fd != -EMFILE || sys_prlimit(RLIMIT_NOFILE, NULL, old) || old[0] >= old[1])
        return fd;
    raised[0] = raised[1] = old[1];
    if (sys_prlimit(RLIMIT_NOFILE, raised, NULL))
        return fd;
    fd = sys_open(path, flags);
    sys_prlimit(RLIMIT_NOFILE, old, NULL);
    return fd;
}

/* elf_file_open, or its first half alone (read_head 0). */
static int open_file(struct elf_file *f, const char *path, const struct exec_creds *creds,
                     int read_head, struct load_error *err)
{
    struct kstat st;
    f->path = path;
    /* Sockets cannot be opened (ENXIO): like the kernel, call that not a
     * regular file. */
    f->fd = open_read(path);
    if (f->fd == -ENXIO)
        return load_fail(err, LOAD_EXIT_NOEXEC, "not a regular file");
    if (f->fd < 0)
        return load_fail(err, open_status(f->fd), "%s", sys_strerror(f->fd));
    long r = sys_fstat(f->fd, &st);
    if (r < 0) {
        load_fail(err, LOAD_EXIT_NOEXEC, "cannot stat: %s", sys_strerror(r));
    } else if ((st.st_mode & S_IFMT) == S_IFDIR) {
        load_fail(err, LOAD_EXIT_NOEXEC, "is a directory");
    } else if ((st.st_mode & S_IFMT) != S_IFREG) {
        load_fail(err, LOAD_EXIT_NOEXEC, "not a regular file");
    } else if (creds && !may_exec(&st, creds)) {
        load_fail(err, LOAD_EXIT_NOEXEC, "%s", sys_strerror(-EACCES));
    } else {
        f->size = (uint64_t)st.st_size;
        f->dev = st.st_dev;
        f->ino = st.st_ino;
        f->mtime_sec = st.st_mtime_;
        f->mtime_nsec = st.st_mtime_nsec;
        return read_head ? elf_file_read_head(f, err) : 0;
    }
    elf_file_close(f);
    return -1;
}

int elf_file_open(struct elf_file *f, const char *path,
                  const struct exec_creds *creds, struct load_error *err)
{
    return open_file(f, path, creds, 1, err);
}

int elf_file_open_unread(struct elf_file *f, const char *path,
                         const struct exec_creds *creds, struct load_error *err)
{
    return open_file(f, path, creds, 0, err);
}

int elf_file_headers(struct elf_file *f, struct elf_phdr_room *room, uint64_t pagesz,
                     enum elf_role role, struct load_error *err)
{
    const Elf64_Ehdr *eh = &f->head.eh;
    if (elf_check_header(f->head.bytes, f->head_len, f->size, err))
        return -1;
    size_t phsize = (size_t)eh->e_phnum * sizeof(Elf64_Phdr);
    if (eh->e_phoff + phsize <= f->head_len && eh->e_phoff % _Alignof(Elf64_Phdr) == 0) {
        f->ph = (const Elf64_Phdr *)(f->head.bytes + eh->e_phoff);
    } else {
        f->ph = room->ph;
        long r = sys_pread_full(f->fd, room->ph, phsize, eh->e_phoff);
        if (r != (long)phsize)
            return load_fail(err, LOAD_EXIT_NOEXEC, "cannot read program headers: %s",
                             r < 0 ? sys_strerror(r) : "file shrank");
    }
    if (elf_check_phdrs(eh, f->ph, f->size, pagesz, &f->info, err))
        return -1;
    if (role == ELF_PROGRAM)
        return elf_check_entry(eh, &f->info, err);
    /* A library's dynamic section is read: its bytes must be in the file
     * (past its end they read as zeros or raise SIGBUS; elf_check_phdrs
     * lets such pages be mapped, as the kernel and musl's linker do) */
    const Elf64_Phdr *d = f->info.dynamic >= 0 ? &f->ph[f->info.dynamic] : NULL;
    if (d && d->p_filesz && (d->p_offset > f->size || d->p_filesz > f->size - d->p_offset))
        return load_fail(err, LOAD_EXIT_NOEXEC, "dynamic section lies outside the file");
    return 0;
}

const char *elf_file_interp(struct elf_file *f, char *buf, struct load_error *err)
{
    const Elf64_Phdr *p = &f->ph[f->info.interp];
    if (p->p_offset <= f->head_len && p->p_filesz <= f->head_len - p->p_offset) {
        buf = (char *)f->head.bytes + p->p_offset;
    } else {
        long r = sys_pread_full(f->fd, buf, p->p_filesz, p->p_offset);
        if (r != (long)p->p_filesz) {
            load_fail(err, LOAD_EXIT_NOEXEC, "cannot read PT_INTERP: %s",
                      r < 0 ? sys_strerror(r) : "file shrank");
            return NULL;
        }
    }
    return elf_check_interp(buf, p->p_filesz, err) ? NULL : buf;
}

int elf_file_properties(struct elf_file *f, uint64_t hwcap2, struct load_error *err)
{
    static unsigned char buf[ELF_MAX_PROPERTY_NOTE];
    if (!ARCH_GNU_PROPERTY || f->info.property < 0)
        return 0;
    const Elf64_Phdr *p = &f->ph[f->info.property];
    if (p->p_filesz > ELF_MAX_PROPERTY_NOTE)
        return load_fail(err, LOAD_EXIT_NOEXEC, "PT_GNU_PROPERTY is too large (%lu bytes, "
                         "at most %u)", (unsigned long)p->p_filesz, ELF_MAX_PROPERTY_NOTE);
    const unsigned char *note = f->head.bytes + p->p_offset;
    long n = (long)p->p_filesz;
    if (p->p_offset > f->head_len || p->p_filesz > f->head_len - p->p_offset) {
        note = buf;
        n = sys_pread_full(f->fd, buf, p->p_filesz, p->p_offset);
        if (n < 0)
            return load_fail(err, LOAD_EXIT_NOEXEC, "cannot read PT_GNU_PROPERTY: %s",
                             sys_strerror(n));
    }
    return elf_properties_parse(note, (size_t)n, hwcap2, &f->info.exec_prot, err);
}

int elf_file_noexec(const struct elf_file *f)
{
    long flags = sys_fstatfs_flags(f->fd);
    return flags >= 0 && (flags & ST_NOEXEC);
}

void elf_file_close(struct elf_file *f)
{
    if (f->fd >= 0)
        sys_close(f->fd);
    f->fd = -1;
}
