/* loader: run an ELF program the way execve(2) would, from user space.
 *
 * The sequence follows the kernel's load_elf_binary(): resolve #! scripts,
 * validate the headers, map the program and its PT_INTERP interpreter, build
 * the program's stack table in place of our own, release our descriptors
 * and jump. */
#include "libsys/fmt.h"
#include "libsys/initial_stack.h"
#include "libsys/mem.h"
#include "libsys/siphash.h"
#include "libsys/syscall.h"
#include "elf_map.h"
#include "handover.h"
#include "options.h"
#include "placement.h"
#include "script.h"
#include "stack_build.h"
#include "stack_room.h"

#define PROGNAME "loader"

/* Two files can be open at once: the program and its interpreter.  Every
 * run writes them: they share the hand-over page (handover.h).  The room for
 * a program header table not in a file's first bytes is large and rarely
 * used: it lives in the rest of .bss. */
static struct elf_file prog_file HANDOVER_PAGE, interp_file HANDOVER_PAGE;
static struct elf_phdr_room phdr_room;

/* The reserve at the top of our image (handover-page.ld): an interpreter
 * or a static PIE goes there, where the kernel would put it (placement.h). */
extern char __loader_reserve[] __attribute__((visibility("hidden")));
extern const char _end[] __attribute__((visibility("hidden")));

struct reserve {
    uint64_t start, top;        /* [start, top): the reserve; top is our image's end */
    uint64_t used;              /* the lowest address mapped into it, else top */
};

/* The refusal being reported, and the loader's other large buffers, are
 * static: the loader's own stack use stays small, so a program whose
 * arguments fill most of a small stack (ulimit -s) still starts. */
static struct load_error err;

static const char usage[] =
    "Usage: " PROGNAME " [--argv0 NAME] [--secure] PROG [ARGS...]\n"
    "Run the ELF executable or #! script PROG as execve(2) would, with ARGS.\n"
    "  --argv0 NAME  pass NAME as argv[0] instead of PROG\n"
    "  --secure      start PROG with AT_SECURE=1, as if set-user-ID (for testing\n"
    "                how its dynamic linker and libc treat secure mode)\n"
    "  --help        show this text\n"
    "  --version     show the version\n"
    "Exit status on refusal: 2 usage, 125 out of resources, 126 not executable\n"
    "or bad format, 127 not found.\n";

__attribute__((noreturn))
static void die(const struct load_error *err)
{
    load_error_exit(PROGNAME, err);
}

__attribute__((noreturn))
static void die_about(struct load_error *err, const char *file)
{
    load_error_file(err, file);
    die(err);
}

/* An interpreter (#! or PT_INTERP) that cannot be opened: name the file
 * that asked for it, as "FILE: interpreter PATH: why". */
__attribute__((noreturn))
static void die_interpreter(struct load_error *err, const char *file, const char *interp)
{
    static char why[sizeof err->msg];
    memcpy(why, err->msg, sizeof why);
    load_fail(err, err->status, "interpreter %s: %s", interp, why);
    die_about(err, file);
}

/* Map f at place_in_reserve's address when it fits there, else wherever mmap
 * puts it; returns the bias. */
static uint64_t map_in_reserve(struct elf_file *f, struct reserve *rs, int align,
                               uint64_t pagesz)
{
    uint64_t bias, base = place_in_reserve(&f->info, rs->start, rs->top, align, pagesz);
    if (base ? elf_map_over(f, pagesz, base, &bias, &err) : elf_map(f, pagesz, &bias, &err))
        die_about(&err, f->path);
    if (base)
        rs->used = base;
    return bias;
}

/* argv as the program will see it: built from the back so each #! level
 * can replace argv[0] with "interpreter [arg] script" (binfmt_script). */
struct front_args {
    const char *slot[1 + 2 * SCRIPT_MAX_DEPTH + SCRIPT_MAX_DEPTH];
    size_t first;
};

static void front_push(struct front_args *f, const char *s)
{
    f->slot[--f->first] = s;
}

/* Open prog, following #! lines to the ELF file that finally runs. */
static struct elf_file *open_program(const char *prog, struct front_args *front,
                                     const struct exec_creds *creds)
{
    static struct script_line lines[SCRIPT_MAX_DEPTH];
    const char *path = prog;

    const char *script = NULL;      /* the file whose #! named path */
    for (int depth = 0;; depth++) {
        if (elf_file_open(&prog_file, path, creds, &err)) {
            if (script)
                die_interpreter(&err, script, path);
            die_about(&err, path);
        }
        if (!script_is_script(prog_file.head.bytes, prog_file.head_len))
            return &prog_file;
        if (elf_file_noexec(&prog_file)) {     /* as execve: EACCES */
            load_fail(&err, LOAD_EXIT_NOEXEC, "%s", sys_strerror(-EACCES));
            die_about(&err, path);
        }
        if (depth == SCRIPT_MAX_DEPTH) {
            load_fail(&err, LOAD_EXIT_NOEXEC, "too many levels of #! interpreters");
            die_about(&err, prog);
        }
        struct script_line *l = &lines[depth];
        if (script_parse(prog_file.head.bytes, prog_file.head_len, l, &err))
            die_about(&err, path);
        elf_file_close(&prog_file);
        front->first++;                 /* the old argv[0] is dropped */
        front_push(front, path);
        if (l->has_arg)
            front_push(front, l->arg);
        front_push(front, l->interp);
        script = path;
        path = l->interp;
    }
}

static void load_headers(struct elf_file *f, struct elf_phdr_room *room, uint64_t pagesz)
{
    if (elf_file_headers(f, room, pagesz, ELF_PROGRAM, &err))
        die_about(&err, f->path);
}

/* The program properties of the file the kernel reads them from: the
 * program's own without an interpreter, else the interpreter's
 * (fs/binfmt_elf.c load_elf_binary) */
static void load_properties(struct elf_file *f, uint64_t hwcap2)
{
    if (elf_file_properties(f, hwcap2, &err))
        die_about(&err, f->path);
}

/* Open, validate and map the PT_INTERP interpreter of prog: in the reserve,
 * its p_align not honoured (the kernel's load_elf_interp() maps it at
 * mmap's choice). */
static uint64_t load_interp(struct elf_file *prog, const struct exec_creds *creds,
                            struct reserve *rs, uint64_t pagesz, uint64_t hwcap2)
{
    static char buf[ELF_MAX_INTERP];

    const char *path = elf_file_interp(prog, buf, &err);
    if (!path)
        die_about(&err, prog->path);
    if (elf_file_open(&interp_file, path, creds, &err))
        die_interpreter(&err, prog->path, path);
    /* the program's table is not read again once its interpreter's is:
     * one room serves both (keeping .bss, and so the image, small) */
    if (prog->ph == phdr_room.ph)
        prog->ph = NULL;
    load_headers(&interp_file, &phdr_room, pagesz);
    load_properties(&interp_file, hwcap2);
    return map_in_reserve(&interp_file, rs, 0, pagesz);
}

/* End of the strings the kernel put at the top of our stack: argument and
 * environment strings, then AT_EXECFN's. */
static uint64_t strings_end(const struct initial_stack *st)
{
    const char *last[3] = { st->argv[st->argc - 1],
                            st->envc ? st->envp[st->envc - 1] : NULL,
                            st->execfn };
    uint64_t end = 0;
    for (int i = 0; i < 3; i++)
        if (last[i] && (uint64_t)last[i] + strlen(last[i]) + 1 > end)
            end = (uint64_t)last[i] + strlen(last[i]) + 1;
    return end;
}

/* Random bits for the layout, drawn from the 16 bytes of this execve's
 * AT_RANDOM, which the program gets too (its stack canary, glibc's pointer
 * guard): through a PRF keyed by them, so that the layout tells nothing of
 * them, at no system call.  (getrandom where an emulator gives none; not
 * RDRAND: only CPUID can tell whether the CPU has it, and CPUID is an exit
 * to the hypervisor in a virtual machine, 10-15 us nested, here.) */
static uint64_t layout_random(const struct initial_stack *st)
{
    const void *seed = (const void *)initial_stack_aux(st, AT_RANDOM, 0);
    uint64_t rnd = 0;
    if (seed)
        rnd = siphash24(seed, 0, 0);
    else
        sys_getrandom(&rnd, sizeof rnd);
    return rnd;
}

/* The last component of path (the whole path when it has no '/') */
static const char *last_component(const char *path)
{
    const char *slash = memrchr(path, '/', strlen(path));
    return slash ? slash + 1 : path;
}

__attribute__((noreturn))
void start_main(uint64_t *sp)
{
    struct initial_stack st;
    struct options opt;

    /* No self_relocate(): the loader is linked without relocations (the
     * loader-image test), so that no page of its file is written. */
    initial_stack_parse(sp, &st);
    /* A program re-executing itself through /proc/self/exe reaches us when
     * the link could not be pointed at it: its argv[1] is an argument, not
     * a program to run (busybox would run `cat ./f | sort`'s ./f). */
    if (options_started_as_exe_link(st.execfn)) {
        load_fail(&err, LOAD_EXIT_NOEXEC, "started as %s with argv[0] \"%s\": cannot tell "
                  "which program to run (the link names the loader, not the program "
                  "that re-executed itself)", st.execfn, st.argc ? st.argv[0] : "");
        die(&err);
    }
    if (options_parse(st.argc, st.argv, OPT_BIT(OPT_ARGV0) | OPT_BIT(OPT_SECURE), &opt, &err))
        die(&err);
    if (opt.help || opt.version)
        w_print_exit(1, opt.help ? usage : PROGNAME " 0.1\n", 0);

    uint64_t pagesz = st.pagesz;
    struct exec_creds creds = { (uint32_t)st.euid, (uint32_t)st.egid };
    const char *prog = st.argv[opt.prog];
    struct front_args front;        /* slots below .first are unused */
    front.first = sizeof front.slot / sizeof front.slot[0];
    front_push(&front, opt.value[OPT_ARGV0] ? opt.value[OPT_ARGV0] : prog);

    /* The kernel randomised this execve's layout unless the stack ends at
     * STACK_TOP exactly (setarch -R, randomize_va_space 0); then so do we.
     * (AT_EXECFN's string, at most PATH_MAX bytes, ends 8 bytes below
     * the stack's end: far below STACK_TOP, the stack was randomised) */
    int randomize = !st.execfn || (uint64_t)st.execfn < ARCH_STACK_TOP - 4096 - 9 ||
                    (uint64_t)st.execfn + strlen(st.execfn) + 1 + 8 != ARCH_STACK_TOP;
    uint64_t rnd = 0;
    if (randomize)
        rnd = layout_random(&st);

    struct elf_file *f = open_program(prog, &front, &creds);
    load_headers(f, &phdr_room, pagesz);
    uint64_t hwcap2 = initial_stack_aux(&st, AT_HWCAP2, 0);
    if (f->info.interp < 0)
        load_properties(f, hwcap2);
    /* (its start rounded up: AT_PAGESZ may exceed the link's page size) */
    uint64_t image_end = ((uint64_t)_end + pagesz - 1) & -pagesz;
    struct reserve rs = { ((uint64_t)__loader_reserve + pagesz - 1) & -pagesz, image_end,
                          image_end };
    uint64_t bias, base = 0;
    if (f->info.type == ET_DYN && f->info.interp < 0) {
        bias = map_in_reserve(f, &rs, 1, pagesz);          /* a static PIE */
    } else if (elf_map_at(f, pagesz, f->info.type == ET_DYN
                                         ? place_dyn_program(&f->info, rnd, randomize, pagesz)
                                         : 0, &bias, &err)) {
        die_about(&err, f->path);
    }
    uint64_t entry = bias + f->info.entry;
    if (f->info.interp >= 0) {
        base = load_interp(f, &creds, &rs, pagesz, hwcap2);
        entry = base + interp_file.info.entry;
    }

    struct stack_args sa = {
        .pre = front.slot + front.first,
        .npre = sizeof front.slot / sizeof front.slot[0] - front.first,
        .argv = (const char *const *)st.argv + opt.prog + 1,
        .argc = (size_t)(st.argc - opt.prog - 1),
        .envp = (const char *const *)st.envp,
        .envc = (size_t)st.envc,
        .auxv = st.auxv,
        .auxc = (size_t)st.auxc,
        .auxpos = st.auxpos,
        .execfn = prog,
        .phdr = bias + f->info.phdr_vaddr,
        .phnum = f->head.eh.e_phnum,
        .base = base,
        .entry = bias + f->info.entry,
        /* --secure: AT_SECURE=1 as for a set-user-ID program, so that its
         * dynamic linker and libc apply their secure-mode rules (a testing
         * aid: it takes privileges away, never gives any) */
        .secure = st.secure || opt.value[OPT_SECURE],
        /* argv[0] other than our PROG string breaks the kernel's contiguous
         * argument strings unless they are all copied */
        .copy_strings = opt.value[OPT_ARGV0] || front.first + 1 < sizeof front.slot / sizeof front.slot[0],
    };
    /* The table ends below the kernel's strings, or replaces them all. */
    uint64_t top = (sa.copy_strings ? strings_end(&st) : st.strings) & ~15ull;
    size_t size = stack_size(&sa);
    if (stack_room(&st, top - size, pagesz, &err))
        die_about(&err, f->path);
    /* PT_GNU_STACK with PF_X asks for an executable stack; PROT_GROWSDOWN
     * extends the change down the whole stack mapping. */
    if (f->info.exec_stack) {
        long r = sys_mprotect((void *)((top - 1) & -pagesz), pagesz,
                              PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN);
        if (r) {
            load_fail(&err, LOAD_EXIT_NOEXEC, "cannot make the stack executable: %s",
                      sys_strerror(r));
            die_about(&err, f->path);
        }
    }
    /* the image replaces our table in place, or with copied strings is built
     * off the stack, which need not hold it twice (handover.h) */
    struct handover h = {
        .sa = &sa, .top = top, .size = size, .entry = entry,
        .prog = &f->info, .bias = bias,
        .brk = place_brk(&f->info, bias, rnd, randomize, pagesz),
        .exe_fd = f->fd, .interp_fd = f->info.interp >= 0 ? interp_file.fd : -1,
        .env_end = (uint64_t)st.execfn,
        .euid = creds.euid,
        .name = last_component(prog),       /* (a string of our stack's) */
        .vdso = initial_stack_aux(&st, AT_SYSINFO_EHDR, 0),
        .reserve_used = rs.used,
        .pagesz = pagesz,
    };
    long r = handover(&h);
    load_fail(&err, LOAD_EXIT_SYSTEM, "cannot map the initial stack image: %s",
              sys_strerror(r));
    die_about(&err, f->path);
}
