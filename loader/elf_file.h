/* An ELF file opened for loading: its descriptor, size, first bytes and
 * validated program headers. */
#ifndef ELF_FILE_H
#define ELF_FILE_H

#include <stddef.h>
#include <stdint.h>
#include "libsys/syscall.h"
#include "elf_validate.h"

#define ELF_HEAD_BYTES 1024     /* read at open: the ELF header, usually the
                                   phdrs, and a #! line (kernel: 256 bytes) */

struct elf_file {
    const char   *path;
    int           fd;
    uint64_t      size;
    uint64_t      dev, ino;     /* identity, for loading a library once */
    uint64_t      mtime_sec, mtime_nsec;    /* last change of its contents */
    size_t        head_len;
    union {
        unsigned char bytes[ELF_HEAD_BYTES];
        Elf64_Ehdr    eh;
    } head;
    const Elf64_Phdr *ph;       /* into head when there, else into a room */
    struct elf_info info;
};

/* Room for a program header table that does not lie in the first bytes
 * read (up to 64 KiB): apart from struct elf_file, whose ~1.2 KiB a loader
 * touches on every run while this is rarely needed. */
struct elf_phdr_room {
    Elf64_Phdr ph[ELF_MAX_PHNUM];
};

/* Whose permissions an exec is checked against (from AT_EUID/AT_EGID). */
struct exec_creds {
    uint32_t euid, egid;
};

/* Open path, require a regular file (and execute permission when creds is
 * not NULL), read the first bytes.  On failure nothing stays open. */
int elf_file_open(struct elf_file *f, const char *path,
                  const struct exec_creds *creds, struct load_error *err);
/* Its first half: open and check, filling size, dev, ino and mtime. */
int elf_file_open_unread(struct elf_file *f, const char *path,
                         const struct exec_creds *creds, struct load_error *err);
void elf_file_close(struct elf_file *f);

/* Its second: read the first bytes; on failure the file is closed.
 * (Inline: the loader opens a file or two, each a call less.) */
static inline int elf_file_read_head(struct elf_file *f, struct load_error *err)
{
    long r = sys_pread_full(f->fd, f->head.bytes,
                            f->size < ELF_HEAD_BYTES ? f->size : ELF_HEAD_BYTES, 0);
    if (r >= 0) {
        f->head_len = (size_t)r;
        return 0;
    }
    load_fail(err, LOAD_EXIT_NOEXEC, "cannot read: %s", sys_strerror(r));
    elf_file_close(f);
    return -1;
}

/* What a file is loaded as: a program needs a valid entry point. */
enum elf_role { ELF_PROGRAM, ELF_LIBRARY };

/* Validate the ELF header and program headers into f->ph and f->info;
 * a table that is not in f's first bytes is read into room, which must
 * live as long as f->ph is used. */
int elf_file_headers(struct elf_file *f, struct elf_phdr_room *room, uint64_t pagesz,
                     enum elf_role role, struct load_error *err);

/* The checked PT_INTERP path: in f's first bytes when it lies there (it
 * usually follows the program headers), else read into buf
 * (ELF_MAX_INTERP bytes); NULL on failure. */
const char *elf_file_interp(struct elf_file *f, char *buf, struct load_error *err);

/* Read f's program properties where the CPU's kernel reads them
 * (elf_property.h) into f->info.exec_prot, given AT_HWCAP2: from f's first
 * bytes when the note lies there (it usually follows the program headers),
 * else from the file.  f must be the program without an interpreter, or
 * the interpreter. */
int elf_file_properties(struct elf_file *f, uint64_t hwcap2, struct load_error *err);

/* Is f on a file system mounted noexec?  execve refuses such files with
 * EACCES (fs/exec.c do_open_execat: path_noexec); so does the loader:
 * scripts when it reads their #! line, ELF files when mmap refuses to map
 * them executable (EPERM, mm/mmap.c do_mmap), which costs nothing before. */
int elf_file_noexec(const struct elf_file *f);

#endif
