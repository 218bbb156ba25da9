#include <linux/capability.h>   /* CAP_*: kernel UAPI */
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

/* The name execve gives a process (its comm: /proc/PID/comm and status,
 * ps, top, pgrep, core file names), the last component of the path it was
 * given, cut to 15 bytes (fs/exec.c begin_new_exec: kbasename of
 * bprm->filename; PR_SET_NAME reads 15 bytes).  A step, as late as the
 * others: a loader that refuses the program keeps its own name. */
static void name_step(struct enter_plan *p, const struct handover *h)
{
    step(p, 0, __NR_prctl, PR_SET_NAME, (long)h->name, 0, 0);
}

static void close_steps(struct enter_plan *p, const struct handover *h)
{
    step(p, 0, __NR_close, h->exe_fd, 0, 0, 0);
    if (h->interp_fd >= 0)
        step(p, 0, __NR_close, h->interp_fd, 0, 0, 0);
}

/* The steps when arch_enter runs from our own text, which is still mapped
 * when they run: no exe_fd (the kernel refuses it while the old exe file is
 * mapped) */
static void own_text_steps(struct enter_plan *p, const struct tramp *t,
                           const struct handover *h)
{
    p->nsteps = 0;
    name_step(p, h);
    step(p, 0, __NR_prctl, PR_SET_MM, PR_SET_MM_MAP, (long)&t->map_plain, sizeof t->map);
    close_steps(p, h);
}

/* Whether the kernel may let us replace the exe file: exe_fd needs
 * CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE in our user namespace
 * (checkpoint_restore_ns_capable), PR_SET_MM_EXE_FILE CAP_SYS_RESOURCE
 * (kernel/sys.c), each in the effective set.  Root is taken to have them
 * without asking; when the kernel cannot say, it is tried. */
static int may_replace_exe(uint32_t euid)
{
    uint64_t caps;
    return euid == 0 || sys_capget_effective(&caps) ||
           (caps & (1ull << CAP_SYS_ADMIN | 1ull << CAP_CHECKPOINT_RESTORE |
                    1ull << CAP_SYS_RESOURCE));
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

    p->sp = stack_build(sa, img, h->size, h->top);
    p->image = img;
    p->len = in_place ? 0 : h->size;        /* in place: nothing left to move */
    p->entry = h->entry;
    p->nsteps = 0;
    describe(&t->map, h, img, p->sp, img + 1 + img[0] + 1 + sa->envc + 1);

    t->map_plain = t->map;
    t->map_plain.exe_fd = (uint32_t)-1;

    /* The last system call, made by the vDSO's code, which returns to the
     * entry point (vdso_exit.h), unmaps what is left of the loader */
    uint64_t self = (uint64_t)__ehdr_start & -h->pagesz;
    p->exit_via = vdso_exit_find(h->vdso, &p->exit_frame);
    p->exit_nr = __NR_munmap;

    /* A trampoline is needed to replace the exe file, which needs no
     * mapping of the loader's file left (kernel/sys.c prctl_set_mm_map,
     * replace_mm_exe_file), and to remove what the exit alone cannot: the
     * fresh mapping of copied strings, or without an exit the loader.
     * Every page of the loader goes but the hand-over page and the reserve
     * above it (handover-page.ld), which go last, up to what was mapped
     * into the reserve. */
    if (!in_place || !p->exit_via || may_replace_exe(h->euid)) {
        memcpy(mem, (const void *)arch_enter, code);
        name_step(p, h);
        step(p, 0, __NR_munmap, (long)self,
             (long)((in_place ? keep : h->reserve_used) - self), 0, 0);
        uint64_t rest = in_place ? keep + len : h->reserve_used;   /* the reserve left */
        step(p, 0, __NR_prctl, PR_SET_MM, PR_SET_MM_MAP, (long)&t->map, sizeof t->map);
        step(p, 1, __NR_prctl, PR_SET_MM, PR_SET_MM_MAP, (long)&t->map_plain, sizeof t->map);
        step(p, 1, __NR_prctl, PR_SET_MM, PR_SET_MM_EXE_FILE, h->exe_fd, 0);
        close_steps(p, h);
        /* The trampoline itself goes last, with the reserve left above it
         * when it is the hand-over page, in the exit; without an exit the
         * trampoline stays and the reserve goes in a step of its own (the
         * eighth step at most: ENTER_MAX_STEPS) */
        p->exit_arg[0] = (int64_t)keep;
        p->exit_arg[1] = (int64_t)((p->exit_via && in_place ? h->reserve_used : keep + len) -
                                   keep);
        if (!p->exit_via && h->reserve_used > rest)
            step(p, 0, __NR_munmap, (long)rest, (long)(h->reserve_used - rest), 0, 0);
        /* W^X: the copy runs read-only.  Where the system refuses to make
         * memory executable (prctl PR_SET_MDWE, systemd's
         * MemoryDenyWriteExecute=), the steps run from our own text. */
        if (sys_mprotect((void *)keep, len, PROT_READ | PROT_EXEC) == 0) {
            ((void (*)(const struct enter_plan *))(void *)mem)(p);
            __builtin_unreachable();
        }
    }

    /* From our own text, which is mapped while the steps run (no exe_fd)
     * and which the exit unmaps whole, with the rest of the loader; without
     * an exit the loader stays, and copied strings' mapping does anyway */
    own_text_steps(p, t, h);
    p->exit_arg[0] = (int64_t)self;
    p->exit_arg[1] = (int64_t)(h->reserve_used - self);
    arch_enter(p);
}
