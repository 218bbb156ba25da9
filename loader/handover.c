#include <linux/prctl.h>        /* PR_SET_MM*, struct prctl_mm_map: kernel UAPI */
#include "libsys/elf_defs.h"
#include "libsys/enter_plan.h"
#include "libsys/mem.h"
#include "libsys/syscall.h"
#include "handover.h"
#include "vdso_exit.h"

/* Linker-defined: the start of our image (its ELF header).  The loader is
 * linked as one run of adjacent segments (readelf -l build/loader/loader),
 * so [__ehdr_start, image end) rounded out to pages is every page the kernel
 * mapped for it; the image's end is the caller's (reserve_used). */
extern const char __ehdr_start[] __attribute__((visibility("hidden")));

struct tramp {                  /* laid out after the copy of arch_enter */
    struct enter_plan    plan;
    struct prctl_mm_map  map, map_plain;    /* with and without exe_fd */
};

/* Room on the hand-over page for the copy of arch_enter (231 bytes on
 * x86_64, 262 on riscv64, 316 on aarch64; its room is 64-byte aligned) and
 * struct tramp (800 bytes), when the image is built in place; were
 * arch_enter larger, a fresh mapping would be used (the loader-handover
 * test would fail). */
#define ENTER_CODE_ROOM 320
static unsigned char page_area[ENTER_CODE_ROOM + ((sizeof(struct tramp) + 15) & ~15ul)]
    HANDOVER_PAGE __attribute__((aligned(64)));

static void step(struct enter_plan *p, int fallback, long nr, long a, long b, long c, long d)
{
    struct enter_step *s = &p->step[p->nsteps++];
    *s = (struct enter_step){ nr, { a, b, c, d, 0, 0 }, fallback };
}

static void close_steps(struct enter_plan *p, const struct handover *h)
{
    step(p, 0, __NR_close, h->exe_fd, 0, 0, 0);
    if (h->interp_fd >= 0)
        step(p, 0, __NR_close, h->interp_fd, 0, 0, 0);
}

/* End of the string a final pointer of the image points to: src, or, when
 * the strings stay where they are, the pointer itself. */
static uint64_t str_end(uint64_t final, const char *src, int copied)
{
    return final + strlen(copied ? src : (const char *)final) + 1;
}

/* What load_elf_binary() and create_elf_tables() record in the mm, for the
 * image built at img for the final address sp, whose auxv is at auxv (the
 * copy the prctl reads from).  The argument strings precede the environment
 * strings (fs/exec.c copies them so), and arg_end = env_start.  In copy
 * mode the strings are measured at their sources: the image is not in
 * place yet. */
static void describe(struct prctl_mm_map *m, const struct handover *h, const uint64_t *img,
                     uint64_t sp, const uint64_t *auxv)
{
    const struct elf_info *in = h->prog;
    const struct stack_args *sa = h->sa;
    size_t argc = img[0];
    const uint64_t *envp = img + 1 + argc + 1;
    int copied = sa->copy_strings;
    /* stack_build copies the kernel's entries, less AT_EXECFD */
    size_t aux_entries = sa->auxc - (sa->auxpos[AT_EXECFD] != 0);
    m->arg_start = img[1];
    if (sa->envc && !copied && h->env_end) {
        /* the kernel's strings in place: the environment's end where
         * AT_EXECFN's string starts, no need to measure anything */
        m->arg_end = m->env_start = envp[0];
        m->env_end = h->env_end;
    } else {
        m->arg_end = str_end(img[argc], !copied ? NULL : sa->argc ? sa->argv[sa->argc - 1]
                                                                  : sa->pre[sa->npre - 1],
                             copied);
        m->env_start = sa->envc ? envp[0] : m->arg_end;
        m->env_end = sa->envc ? str_end(envp[sa->envc - 1],
                                        copied ? sa->envp[sa->envc - 1] : NULL, copied)
                              : m->arg_end;
        if (sa->envc)
            m->arg_end = m->env_start;
    }
    m->start_code = in->start_code + h->bias;
    m->end_code = in->end_code + h->bias;
    if (m->end_code <= m->start_code)       /* prctl wants start < end */
        m->end_code = m->start_code + 1;
    m->start_data = in->start_data + h->bias;
    m->end_data = in->end_data + h->bias;
    if (m->end_data < m->start_data)
        m->end_data = m->start_data;
    m->start_brk = m->brk = h->brk;
    m->start_stack = sp;
    m->auxv = (__u64 *)auxv;
    m->auxv_size = (uint32_t)((aux_entries + 1) * 16);
    m->exe_fd = (uint32_t)h->exe_fd;
}

long handover(const struct handover *h)
{
    const struct stack_args *sa = h->sa;
    uint64_t code = (uint64_t)(arch_enter_end - (const char *)arch_enter);
    uint64_t t_off = (code + 63) & ~63ull, img_off = (t_off + sizeof(struct tramp) + 15) & ~15ull;
    /* in place: the table replaces ours, the rest goes on the hand-over
     * page; otherwise a mapping holds the image too */
    int in_place = !sa->copy_strings && img_off <= sizeof page_area;
    char *mem = (char *)page_area;
    uint64_t *img = (uint64_t *)(h->top - h->size);
    uint64_t keep = (uint64_t)page_area & -h->pagesz;
    uint64_t len = (((uint64_t)page_area + sizeof page_area + h->pagesz - 1) & -h->pagesz) - keep;
    if (!in_place) {
        len = (img_off + h->size + h->pagesz - 1) & -h->pagesz;
        long r = sys_mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (sys_failed(r))
            return r;
        mem = (char *)r;
        img = (uint64_t *)(mem + img_off);
        keep = (uint64_t)mem;
    }
    struct tramp *t = (struct tramp *)(mem + t_off);
    struct enter_plan *p = &t->plan;

    memcpy(mem, (const void *)arch_enter, code);
    p->sp = stack_build(sa, img, h->size, h->top);
    p->image = img;
    p->len = in_place ? 0 : h->size;        /* in place: nothing left to move */
    p->entry = h->entry;
    p->nsteps = 0;
    describe(&t->map, h, img, p->sp, img + 1 + img[0] + 1 + sa->envc + 1);

    t->map_plain = t->map;
    t->map_plain.exe_fd = (uint32_t)-1;

    /* exe_fd needs CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN (in the user
     * namespace) and no mapping of the old exe file left (kernel/sys.c
     * prctl_set_mm_map, replace_mm_exe_file); without it, the rest needs no
     * privilege (CONFIG_CHECKPOINT_RESTORE), and PR_SET_MM_EXE_FILE alone
     * needs CAP_SYS_RESOURCE.  Every page of the loader goes but the
     * hand-over page and the reserve above it (handover-page.ld), which go
     * last, up to what was mapped into the reserve. */
    uint64_t self = (uint64_t)__ehdr_start & -h->pagesz;
    step(p, 0, __NR_munmap, (long)self, (long)((in_place ? keep : h->reserve_used) - self), 0, 0);
    uint64_t rest = in_place ? keep + len : h->reserve_used;   /* the reserve left */
    step(p, 0, __NR_prctl, PR_SET_MM, PR_SET_MM_MAP, (long)&t->map, sizeof t->map);
    step(p, 1, __NR_prctl, PR_SET_MM, PR_SET_MM_MAP, (long)&t->map_plain, sizeof t->map);
    step(p, 1, __NR_prctl, PR_SET_MM, PR_SET_MM_EXE_FILE, h->exe_fd, 0);
    close_steps(p, h);

    /* The trampoline itself goes last, with the reserve left above it when
     * it is the hand-over page, unmapped by the vDSO's code, which returns
     * to the entry point (vdso_exit.h); without such code the trampoline
     * stays and the reserve goes in a step of its own */
    p->exit_via = vdso_exit_find(h->vdso, &p->exit_frame);
    p->exit_nr = __NR_munmap;
    p->exit_arg[0] = (int64_t)keep;
    p->exit_arg[1] = (int64_t)((p->exit_via && in_place ? h->reserve_used : keep + len) - keep);
    if (!p->exit_via && h->reserve_used > rest)
        step(p, 0, __NR_munmap, (long)rest, (long)(h->reserve_used - rest), 0, 0);

    /* W^X: the copy runs read-only.  Where the system refuses executable
     * anonymous memory, the steps run from our own text, which then stays
     * mapped: no unmapping, no exe_fd (the mapping is still writable) */
    int moved = sys_mprotect((void *)keep, len, PROT_READ | PROT_EXEC) == 0;
    if (!moved) {
        p->nsteps = 0;
        p->exit_via = 0;
        step(p, 0, __NR_prctl, PR_SET_MM, PR_SET_MM_MAP, (long)&t->map_plain, sizeof t->map);
        close_steps(p, h);
    }
    ((void (*)(const struct enter_plan *))(moved ? (void *)mem : (void *)arch_enter))(p);
    __builtin_unreachable();
}
