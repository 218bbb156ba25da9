/* Mapping as load_elf_binary() does: the whole span of the PT_LOADs is
 * claimed first (at the ET_EXEC addresses or a chosen ET_DYN base without
 * replacing anything, or wherever mmap puts it), then each PT_LOAD is mapped
 * in table order inside it, a later one over an earlier one, and pages of
 * the span that no PT_LOAD covers are given back. */
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

/* mmap at addr (anywhere when addr is 0 and flags has no MAP_FIXED*).
 * Kernels before 4.17 treat MAP_FIXED_NOREPLACE as a hint, hence the
 * address check. */
static long map_at(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off)
{
    flags |= MAP_PRIVATE | (fd < 0 ? MAP_ANONYMOUS : 0);
    long r = sys_mmap((void *)addr, len, prot, flags, fd, off);
    if (!sys_failed(r) && (flags & MAP_FIXED_NOREPLACE) && (uint64_t)r != addr) {
        sys_munmap((void *)r, len);
        return -EEXIST;
    }
    return r;
}

/* Clear [start, end), making the page writable for the moment if the
 * segment is not (gABI: memory past p_filesz reads as zero). */
static long zero_fill(uint64_t start, uint64_t end, int prot, uint64_t pagesz)
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

/* Claim the span [lo, hi) and return the bias (an ET_DYN file at base
 * replacing what is there when over is set).  When the first PT_LOAD
 * starts the span and comes from the file, its mapping stretched over the
 * whole span is the claim (one mmap for both, as the kernel's elf_map()
 * with total_size); otherwise an inaccessible anonymous one, oversized and
 * trimmed when an ET_DYN alignment above the page size must be honoured
 * at an address of mmap's choosing. */
__attribute__((always_inline))     /* the plan then stays in registers */
static inline long claim_span(const struct elf_file *f, const struct seg_plan *first,
                       uint64_t pagesz, uint64_t base, int over, int *by_file, uint64_t *bias)
{
    const struct elf_info *in = &f->info;
    int dyn = in->type == ET_DYN, anywhere = dyn && !base;
    uint64_t span = in->hi - in->lo, addr = dyn ? base : in->lo;
    int fixed = anywhere ? 0 : dyn && over ? MAP_FIXED : MAP_FIXED_NOREPLACE;
    long r;
    *by_file = first->map_end > first->map_start && first->map_start == in->lo &&
               !(anywhere && in->align > pagesz);
    if (*by_file) {
        r = map_at(addr, span, first->prot, fixed, f->fd, first->map_off);
    } else if (!anywhere || in->align <= pagesz) {
        r = map_at(addr, span, PROT_NONE, fixed, -1, 0);
    } else {
        uint64_t len = span + in->align - pagesz;
        r = map_at(0, len, PROT_NONE, 0, -1, 0);
        if (!sys_failed(r)) {
            uint64_t start = ((uint64_t)r + in->align - 1) & -in->align;
            if (start > (uint64_t)r)
                sys_munmap((void *)r, start - (uint64_t)r);
            if ((uint64_t)r + len > start + span)
                sys_munmap((void *)(start + span), (uint64_t)r + len - (start + span));
            r = (long)start;
        }
    }
    if (!sys_failed(r))
        *bias = (uint64_t)r - in->lo;
    return sys_failed(r) ? r : 0;
}

/* Give back the pages of the claimed span that no PT_LOAD covers (the
 * kernel leaves them unmapped).  Only called for files whose PT_LOADs are
 * not in ascending, gap-free order. */
static long unmap_holes(const struct elf_file *f, uint64_t pagesz, uint64_t b)
{
    uint64_t cur = f->info.lo;
    while (cur < f->info.hi) {
        uint64_t covered_to = 0, next = f->info.hi;
        for (int i = 0; i < f->head.eh.e_phnum; i++) {
            const Elf64_Phdr *p = &f->ph[i];
            if (p->p_type != PT_LOAD)
                continue;
            uint64_t lo = p->p_vaddr & -pagesz;
            uint64_t hi = (p->p_vaddr + p->p_memsz + pagesz - 1) & -pagesz;
            if (lo <= cur && hi > cur && hi > covered_to)
                covered_to = hi;
            else if (lo > cur && lo < next)
                next = lo;
        }
        if (covered_to) {
            cur = covered_to;
            continue;
        }
        long r = sys_munmap((void *)(b + cur), next - cur);
        if (r)
            return r;
        cur = next;
    }
    return 0;
}

/* Walking a program header table's PT_LOADs in table order, each planned
 * against the one before it (pages shared with the previous PT_LOAD only
 * when it lies below). */
struct seg_walk {
    const Elf64_Phdr *next, *end;   /* the next program header, the table's end */
    int exec_prot;              /* PROT_* bits executable ones get (elf_property.h) */
    int n;                      /* PT_LOADs so far */
    int prev_prot;
    uint64_t lo, prev_lo, prev_end;
};

static const Elf64_Phdr *next_segment(uint64_t pagesz, struct seg_walk *w, struct seg_plan *s)
{
    if (w->n) {
        w->prev_lo = w->lo;
        w->prev_end = plan_end(s);
        w->prev_prot = s->prot;
    }
    while (w->next < w->end) {
        const Elf64_Phdr *p = w->next++;
        if (p->p_type != PT_LOAD)
            continue;
        w->lo = p->p_vaddr & -pagesz;
        plan_segment(p, pagesz, w->n && w->prev_lo <= w->lo ? w->prev_end : 0, s);
        if (s->prot & PROT_EXEC)
            s->prot |= w->exec_prot;
        w->n++;
        return p;
    }
    return NULL;
}

/* How a planned PT_LOAD's file pages get mapped */
enum file_pages {
    NO_PAGES,           /* none, or the claim maps them as they must be */
    MAP_PAGES,          /* a mapping of their own */
    PROTECT_PAGES,      /* the claim maps them, with another protection */
};

/* A plan's file pages, when nothing maps them yet */
static enum file_pages own_pages(const struct seg_plan *s)
{
    return s->map_end > s->map_start ? MAP_PAGES : NO_PAGES;
}

/* A mapping of a planned PT_LOAD's file pages of their own */
static long map_pages(int fd, const struct seg_plan *s, uint64_t b)
{
    return map_at(b + s->map_start, s->map_end - s->map_start, s->prot, MAP_FIXED, fd,
                  s->map_off);
}

/* Give a planned PT_LOAD's file pages, which the claim maps, their own
 * protection.  Memory-deny-write-execute refuses to make a mapping
 * executable that was not (prctl PR_SET_MDWE: EACCES; systemd's
 * MemoryDenyWriteExecute=, a seccomp filter of mprotect: EPERM) but allows
 * a new executable mapping, which is what the kernel makes: then they get
 * theirs. */
static long protect_pages(int fd, const struct seg_plan *s, uint64_t b)
{
    long r = sys_mprotect((void *)(b + s->map_start), s->map_end - s->map_start, s->prot);
    return r == -EACCES || r == -EPERM ? map_pages(fd, s, b) : r;
}

/* Map one planned PT_LOAD at bias b: its file pages, its .bss pages, the
 * cleared tail. */
static long map_segment(int fd, const struct seg_plan *s, uint64_t b,
                        enum file_pages pages, int prev_prot, uint64_t pagesz)
{
    long r = 0;
    int has_file = pages == MAP_PAGES;
    if (has_file)
        r = map_pages(fd, s, b);
    else if (pages == PROTECT_PAGES)
        r = protect_pages(fd, s, b);
    /* .bss pages past the file's are read-write (+exec for PF_X) whatever
     * the segment says: the kernel maps them with vm_brk_flags() */
    if (!sys_failed(r) && s->anon_end > s->anon_start)
        r = map_at(b + s->anon_start, s->anon_end - s->anon_start,
                   PROT_READ | PROT_WRITE | (s->prot & PROT_EXEC), MAP_FIXED, -1, 0);
    /* The tail of the last file page is cleared only in a writable
     * segment: the kernel's padzero() fails on a read-only one and that
     * failure is ignored, leaving the file's bytes (fs/binfmt_elf.c
     * elf_load).  A pure .bss segment's first bytes may lie in the
     * previous segment's last page, which has that segment's protection. */
    if (!sys_failed(r) && (s->map_end == s->map_start || (s->prot & PROT_WRITE)))
        r = zero_fill(b + s->zero_start, b + s->zero_end,
                      s->shares_page && !has_file ? prev_prot : s->prot, pagesz);
    return r;
}

/* elf_map_at, and elf_map_over when over is set */
static int map_file(const struct elf_file *f, uint64_t pagesz, uint64_t base, int over,
                    uint64_t *bias, struct load_error *err)
{
    int by_file = 0, gaps = 0, claim_prot = 0;
    uint64_t covered = 0, b = 0, claim_shift = 0;
    struct seg_walk w = { .next = f->ph, .end = f->ph + f->head.eh.e_phnum,
                          .exec_prot = f->info.exec_prot };
    struct seg_plan s;
    long r = 0;

    while (next_segment(pagesz, &w, &s)) {
        enum file_pages pages = own_pages(&s);
        if (w.n == 1) {
            r = claim_span(f, &s, pagesz, base, over, &by_file, &b);
            /* taken, or past this machine's end (ENOMEM: an arm64 kernel
             * with 39-bit addresses, a riscv64 one with Sv39 has less
             * than ARCH_USER_LIMIT): anywhere */
            if ((r == -EEXIST || r == -ENOMEM) && f->info.type == ET_DYN && base)
                r = claim_span(f, &s, pagesz, 0, 0, &by_file, &b);
            if (r == -EPERM && elf_file_noexec(f))
                return load_fail(err, LOAD_EXIT_NOEXEC, "%s", sys_strerror(-EACCES));
            if (r)
                return map_fail(err, w.n, (f->info.type == ET_DYN ? base : 0) + s.map_start, r);
            if (by_file)
                pages = NO_PAGES;       /* the claim is this mapping */
            claim_shift = s.map_start - s.map_off;
            claim_prot = s.prot;
        } else {
            gaps |= w.lo < w.prev_lo || w.lo > covered;
            /* file pages the claim already maps where they must be (the
             * text and the read-only data after it, usually), above
             * everything mapped since, need no mapping of their own: at most
             * a change of protection, less work for the kernel than a new
             * mapping over the claim (3% of a 10-library start, bench/) */
            if (by_file && pages == MAP_PAGES && !s.shares_page && w.lo >= covered &&
                s.map_start - s.map_off == claim_shift)
                pages = s.prot == claim_prot ? NO_PAGES : PROTECT_PAGES;
        }
        r = map_segment(f->fd, &s, b, pages, w.prev_prot, pagesz);
        if (sys_failed(r))
            break;
        if (plan_end(&s) > covered)
            covered = plan_end(&s);
    }
    if (!sys_failed(r) && gaps)
        r = unmap_holes(f, pagesz, b);
    if (sys_failed(r)) {
        sys_munmap((void *)(b + f->info.lo), f->info.hi - f->info.lo);
        /* mmap refuses PROT_EXEC on a noexec mount with EPERM, mprotect
         * with EACCES (the mapping lacks VM_MAYEXEC) */
        if ((r == -EPERM || r == -EACCES) && elf_file_noexec(f))
            return load_fail(err, LOAD_EXIT_NOEXEC, "%s", sys_strerror(-EACCES));
        return map_fail(err, w.n, b + s.map_start, r);
    }
    *bias = b;
    return 0;
}

int elf_map_at(const struct elf_file *f, uint64_t pagesz, uint64_t base, uint64_t *bias,
               struct load_error *err)
{
    return map_file(f, pagesz, base, 0, bias, err);
}

int elf_map_over(const struct elf_file *f, uint64_t pagesz, uint64_t base, uint64_t *bias,
                 struct load_error *err)
{
    return map_file(f, pagesz, base, 1, bias, err);
}

int elf_map(const struct elf_file *f, uint64_t pagesz, uint64_t *bias,
            struct load_error *err)
{
    return map_file(f, pagesz, 0, 0, bias, err);
}

int elf_map_writable(int fd, const Elf64_Phdr *ph, int phnum, uint64_t pagesz, uint64_t bias,
                     struct load_error *err)
{
    struct seg_walk w = { .next = ph, .end = ph + phnum };
    struct seg_plan s;
    for (const Elf64_Phdr *p; (p = next_segment(pagesz, &w, &s));) {
        if (!(p->p_flags & PF_W))
            continue;
        long r = map_segment(fd, &s, bias, own_pages(&s), w.prev_prot, pagesz);
        if (sys_failed(r))
            return map_fail(err, w.n, bias + s.map_start, r);
    }
    return 0;
}
