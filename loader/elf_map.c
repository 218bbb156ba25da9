#include "libsys/mem.h"
#include "libsys/syscall.h"
#include "elf_map.h"
#include "elf_plan.h"

static int map_status(long e)
{
    return e == -ENOMEM || e == -EAGAIN || e == -ENFILE || e == -EMFILE
               ? LOAD_EXIT_SYSTEM : LOAD_EXIT_NOEXEC;
}

static int map_fail(struct load_error *err, int n, uint64_t addr, long e)
{
    return load_fail(err, map_status(e), "cannot map PT_LOAD %d at %#lx: %s", n,
                     (unsigned long)addr, sys_strerror(e));
}

/* mmap at exactly addr.  MAP_FIXED_NOREPLACE keeps an ET_EXEC from landing
 * on the loader or anything else; kernels before 4.17 treat it as a hint,
 * hence the address check. */
static long map_at(uint64_t addr, uint64_t len, int prot, int fixed, int fd,
                   uint64_t off)
{
    int flags = MAP_PRIVATE | fixed | (fd < 0 ? MAP_ANONYMOUS : 0);
    long r = sys_mmap((void *)addr, len, prot, flags, fd, off);
    if (!sys_failed(r) && (uint64_t)r != addr) {
        sys_munmap((void *)r, len);
        return -EEXIST;
    }
    return r;
}

/* Clear [start, end), making the page writable for the moment if the
 * segment is not (gABI: memory past p_filesz reads as zero). */
__attribute__((always_inline)) static inline long zero_fill(uint64_t start, uint64_t end, int prot,
                                                          uint64_t pagesz)
{
    if (start == end)
        return 0;
    void *page = (void *)(start & -pagesz);
    uint64_t len = ((end + pagesz - 1) & -pagesz) - (start & -pagesz);
    long r = 0;
    if (!(prot & PROT_WRITE) && (r = sys_mprotect(page, len, PROT_READ | PROT_WRITE)))
        return r;
    memset((void *)start, 0, end - start);
    if (!(prot & PROT_WRITE))
        r = sys_mprotect(page, len, prot);
    return r;
}

/* Reserve the whole span for an ET_DYN object and return the bias.  With
 * ordinary page alignment the first segment's file mapping serves as the
 * reservation (one mmap for both); larger p_align needs an oversized
 * anonymous reservation trimmed to an aligned base. */
static long reserve_dyn(const struct elf_file *f, const struct seg_plan *first,
                        uint64_t pagesz, uint64_t *bias)
{
    const struct elf_info *in = &f->info;
    uint64_t span = in->hi - in->lo;
    if (in->align <= pagesz && first->map_end > first->map_start) {
        long r = sys_mmap(NULL, span, first->prot, MAP_PRIVATE, f->fd, first->map_off);
        if (!sys_failed(r))
            *bias = (uint64_t)r - in->lo;
        return sys_failed(r) ? r : 0;
    }
    uint64_t len = span + in->align - pagesz;
    long r = sys_mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (sys_failed(r))
        return r;
    uint64_t base = ((uint64_t)r + in->align - 1) & -in->align;
    if (base > (uint64_t)r)
        sys_munmap((void *)r, base - (uint64_t)r);
    if ((uint64_t)r + len > base + span)
        sys_munmap((void *)(base + span), (uint64_t)r + len - (base + span));
    *bias = base - in->lo;
    return 0;
}

/* Map f's PT_LOADs at *bias (found here, unless again), or, again, only
 * its writable ones over the object already mapped at *bias.  Inlined
 * into both callers, so that each gets only its own part. */
__attribute__((always_inline)) static inline int map_segments(const struct elf_file *f,
                                                              uint64_t pagesz, uint64_t *bias,
                                                              int again, struct load_error *err)
{
    int dyn = f->info.type == ET_DYN, n = 0;
    int reserved_by_file = 0;   /* ET_DYN span reserved by the first file mapping */
    uint64_t prev_end = 0, b = again ? *bias : 0, reserved_shift = 0;
    int prev_prot = 0, reserved_prot = 0;
    struct seg_plan s;

    for (int i = 0; i < f->head.eh.e_phnum; i++) {
        const Elf64_Phdr *p = &f->ph[i];
        if (p->p_type != PT_LOAD)
            continue;
        n++;
        plan_segment(p, pagesz, prev_end, &s);
        int has_file = s.map_end > s.map_start;
        uint64_t seg_start = has_file ? s.map_start : s.anon_start;
        long r = 0;
        if (n == 1 && dyn && !again) {
            if ((r = reserve_dyn(f, &s, pagesz, &b)))
                return map_fail(err, n, s.map_start, r);
            reserved_by_file = f->info.align <= pagesz && has_file;
            has_file &= !reserved_by_file;  /* the reservation is this mapping */
            reserved_shift = s.map_start - s.map_off;
            reserved_prot = s.prot;
        } else if (reserved_by_file) {
            /* a hole between segments stays reserved but inaccessible,
             * instead of showing the file through the reservation */
            if (prev_end < seg_start)
                r = sys_mprotect((void *)(b + prev_end), seg_start - prev_end, PROT_NONE);
            /* file pages the reservation already maps where they belong,
             * as they must be protected (read-only data after the text,
             * usually), need no mapping of their own */
            if (has_file && !s.shares_page && s.map_start - s.map_off == reserved_shift &&
                s.prot == reserved_prot)
                has_file = 0;
        }
        if (again && !(p->p_flags & PF_W))
            has_file = s.anon_end = s.anon_start = s.zero_end = s.zero_start = 0;
        if (!r && has_file)
            r = map_at(b + s.map_start, s.map_end - s.map_start, s.prot,
                       dyn || s.shares_page ? MAP_FIXED : MAP_FIXED_NOREPLACE, f->fd, s.map_off);
        if (!sys_failed(r) && s.anon_end > s.anon_start)
            r = map_at(b + s.anon_start, s.anon_end - s.anon_start, s.prot,
                       dyn ? MAP_FIXED : MAP_FIXED_NOREPLACE, -1, 0);
        /* a pure .bss segment's first bytes may lie in the previous
         * segment's last page, which has that segment's protection */
        if (!sys_failed(r))
            r = zero_fill(b + s.zero_start, b + s.zero_end,
                          s.shares_page && !has_file ? prev_prot : s.prot, pagesz);
        if (sys_failed(r)) {
            if (dyn && !again)
                sys_munmap((void *)(b + f->info.lo), f->info.hi - f->info.lo);
            return map_fail(err, n, b + seg_start, r);
        }
        prev_end = plan_end(&s);
        prev_prot = s.prot;
    }
    *bias = b;
    return 0;
}

int elf_map(const struct elf_file *f, uint64_t pagesz, uint64_t *bias,
            struct load_error *err)
{
    return map_segments(f, pagesz, bias, 0, err);
}

int elf_map_writable(const struct elf_file *f, uint64_t pagesz, uint64_t bias,
                     struct load_error *err)
{
    return map_segments(f, pagesz, &bias, 1, err);
}
