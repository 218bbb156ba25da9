/* rtld: a dynamic linker for musl-linked programs.
 *
 * Runs as a program's PT_INTERP (the kernel has mapped the program) or as
 * a command, `rtld [options] PROG [ARGS...]` (we map PROG with the loader's
 * code).  Then: load DT_NEEDED breadth first, lay out static TLS, relocate
 * dependencies before dependents, protect RELRO, order constructors, and
 * enter the program.  rtld's object is also our musl libc.so: DT_NEEDED
 * libc.so is rtld itself, whose libc part is relocated with the rest, so
 * that the program and its libraries can interpose malloc and friends.
 * Constructors run when libc asks (__libc_start_init), after it has set up
 * the thread pointer.  Programs linked against glibc are handed to glibc's
 * own dynamic linker. */
#include "libsys/enter_plan.h"
#include "libsys/fmt.h"
#include "libsys/initial_stack.h"
#include "libsys/mem.h"
#include "libsys/self_reloc.h"
#include "libsys/syscall.h"
#include "alloc.h"
#include "debug.h"
#include "elf_map.h"
#include "init_fini.h"
#include "interface.h"
#include "options.h"
#include "reloc.h"
#include "rtld.h"
#include "sigbus_guard.h"
#include "stack_build.h"
#include "stack_room.h"

extern const Elf64_Ehdr __ehdr_start __attribute__((visibility("hidden")));
extern char _start[] __attribute__((visibility("hidden")));

struct rtld_config rtld_config;

static struct dso main_dso, self_dso;
struct dso *const dso_rtld = &self_dso;
RTLD_LARGE static struct elf_file glibc_file;
RTLD_LARGE static struct elf_phdr_room prog_room, glibc_room;

static const char usage[] =
    "Usage: " PROGNAME " [--list] [--library-path PATH] [--preload LIBS] [--argv0 NAME]\n"
    "            PROG [ARGS...]\n"
    "Run the dynamically linked musl program PROG with ARGS, as its dynamic linker.\n"
    "  --library-path PATH  search PATH (colon-separated) instead of LD_LIBRARY_PATH\n"
    "  --preload LIBS       load LIBS (space or colon separated) before the program's\n"
    "                       dependencies, as LD_PRELOAD does\n"
    "  --argv0 NAME         pass NAME as argv[0] instead of PROG\n"
    "  --list               list the libraries PROG would load, like ldd(1)\n"
    "Programs linked against glibc are handed to " ARCH_GLIBC_INTERP ".\n"
    "RTLD_DEBUG=libs,reloc,symbols,bindings,statistics (or all) traces linking\n"
    "on stderr; RTLD_DEBUG=1 reports only the libraries found.\n"
    "Exit status on refusal: 2 usage, 125 out of resources, 126 bad file or\n"
    "unresolvable symbol, 127 program or library not found.\n";

void rtld_die(const struct load_error *err)
{
    load_error_exit(PROGNAME, err);
}

void rtld_report(const struct load_error *err)
{
    load_error_print(PROGNAME, err);
}

__attribute__((noreturn))
static void die_about(struct load_error *err, const char *file)
{
    load_error_file(err, file);
    rtld_die(err);
}

unsigned rtld_debug_parse(const char *value)
{
    static const struct { char word[12]; unsigned bits; } words[] = {
        { "1", DEBUG_FOUND }, { "libs", DEBUG_FOUND | DEBUG_SEARCH },
        { "reloc", DEBUG_RELOC }, { "symbols", DEBUG_SYMBOLS },
        { "bindings", DEBUG_BINDINGS }, { "statistics", DEBUG_STATISTICS },
        { "all", ~0u },
    };
    unsigned bits = 0;
    for (const char *s = value; s && *s;) {
        size_t n = 0;
        while (s[n] && s[n] != ',')
            n++;
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
            if (strlen(words[i].word) == n && !strncmp(s, words[i].word, n))
                bits |= words[i].bits;
        s += n + (s[n] == ',');
    }
    return bits;
}

void rtld_trace(const char *fmt, ...)
{
    struct writer w = { .fd = 2 };
    char line[8192];
    va_list ap;
    va_start(ap, fmt);
    fmt_vformat(line, sizeof line, fmt, ap);
    va_end(ap);
    w_printf(&w, PROGNAME ": %s\n", line);
    w_flush(&w);
}

/* The variables rtld reads, in one pass over the environment (the first
 * of a name counts, as for getenv); in secure mode none, as musl ignores
 * LD_PRELOAD and LD_LIBRARY_PATH then (glibc would still preload
 * set-user-ID libraries from system directories: musl's is the stricter
 * rule), and the debugging output too. */
static void read_environment(char **envp)
{
    const char *preload = NULL, *path = NULL, *debug = NULL;
    for (; *envp; envp++) {
        const char *e = *envp;
        if (e[0] == 'L' && !preload && !strncmp(e, "LD_PRELOAD=", 11))
            preload = e + 11;
        else if (e[0] == 'L' && !path && !strncmp(e, "LD_LIBRARY_PATH=", 16))
            path = e + 16;
        else if (e[0] == 'R' && !debug && !strncmp(e, "RTLD_DEBUG=", 11))
            debug = e + 11;
    }
    if (!rtld_config.secure) {
        rtld_config.preload = preload;
        rtld_config.library_path = path;
        rtld_config.debug = rtld_debug_parse(debug);
    }
}

/* Map PROG ourselves (command mode) and describe it as the main object. */
static uint64_t map_program(const char *prog, struct load_error *err)
{
    struct elf_file *f = load_file_record();
    uint64_t bias;
    sigbus_guard_start();
    if (elf_file_open(f, prog, NULL, err) || elf_file_headers(f, &prog_room, rtld_config.pagesz, ELF_PROGRAM, err) ||
        elf_map(f, rtld_config.pagesz, &bias, err))
        die_about(err, prog);
    main_dso.base = bias;
    main_dso.phnum = f->head.eh.e_phnum;
    if (f->info.phdr_vaddr) {
        main_dso.phdr = (const Elf64_Phdr *)(bias + f->info.phdr_vaddr);
    } else {        /* headers not in any segment: keep a copy */
        Elf64_Phdr *ph = rtld_alloc(main_dso.phnum * sizeof *ph);
        if (!ph)
            die_about(err, prog);
        memcpy(ph, f->ph, main_dso.phnum * sizeof *ph);
        main_dso.phdr = ph;
    }
    rtld_config.prog_fd = f->fd;    /* open until enter(): its $ORIGIN */
    return bias + f->info.entry;
}

/* The program the kernel mapped (PT_INTERP mode), from AT_PHDR. */
static void describe_program(const struct initial_stack *st)
{
    main_dso.phdr = (const Elf64_Phdr *)initial_stack_aux(st, AT_PHDR, 0);
    main_dso.phnum = initial_stack_aux(st, AT_PHNUM, 0);
    for (size_t i = 0; i < main_dso.phnum; i++)
        if (main_dso.phdr[i].p_type == PT_PHDR)     /* bias from PT_PHDR */
            main_dso.base = (uint64_t)main_dso.phdr - main_dso.phdr[i].p_vaddr;
}

static const char *program_interp(void)
{
    for (size_t i = 0; i < main_dso.phnum; i++)
        if (main_dso.phdr[i].p_type == PT_INTERP)
            return (const char *)(main_dso.base + main_dso.phdr[i].p_vaddr);
    return NULL;
}

/* Is this a glibc program?  It names glibc's C library or dynamic linker. */
static int needs_glibc(const struct dso *d)
{
    const char *interp = program_interp();
    if (interp && !strcmp(interp, ARCH_GLIBC_INTERP))
        return 1;
    for (const Elf64_Dyn *dyn = d->dynamic; dyn && dyn->d_tag != DT_NULL; dyn++)
        if (dyn->d_tag == DT_NEEDED && dyn->d_val < d->strsz &&
            !strcmp(d->strtab + dyn->d_val, "libc.so.6"))
            return 1;
    return 0;
}

/* Enter the program: in PT_INTERP mode the kernel's stack is the
 * program's; in command mode rebuild it as the loader does. */
__attribute__((noreturn))
static void enter(const struct initial_stack *st, const struct options *opt, int command,
                  uint64_t base, uint64_t entry, uint64_t prog_entry)
{
    sigbus_guard_stop();        /* from here on, SIGBUS is the program's */
    if (rtld_config.prog_fd >= 0)
        sys_close(rtld_config.prog_fd);
    if (!command) {
        for (uint64_t *a = st->auxv; a[0] != AT_NULL; a += 2)
            if (a[0] == AT_BASE)
                a[1] = base;        /* the interpreter actually entered */
        static struct enter_plan in_place;
        in_place.sp = (uint64_t)(st->argv - 1);
        in_place.entry = entry;
        arch_enter(&in_place);
    }
    const char *prog = st->argv[opt->prog];
    const char *argv0 = opt->value[OPT_ARGV0] ? opt->value[OPT_ARGV0] : prog;
    struct stack_args sa = {
        .pre = &argv0, .npre = 1,
        .argv = (const char *const *)st->argv + opt->prog + 1,
        .argc = (size_t)(st->argc - opt->prog - 1),
        .envp = (const char *const *)st->envp, .envc = (size_t)st->envc,
        .auxv = st->auxv, .auxc = (size_t)st->auxc, .auxpos = st->auxpos,
        .execfn = prog,
        .phdr = (uint64_t)main_dso.phdr, .phnum = main_dso.phnum,
        .base = base, .entry = prog_entry, .secure = st->secure,
        .copy_strings = opt->value[OPT_ARGV0] != NULL,
    };
    uint64_t top = st->strings & ~15ull;
    if (sa.copy_strings) {      /* the kernel's strings end with AT_EXECFN's */
        const char *fn = st->execfn;
        top = ((uint64_t)fn + strlen(fn) + 1) & ~15ull;
    }
    size_t size = stack_size(&sa);
    RTLD_LARGE static struct load_error err;
    if (stack_room(st, top - size, rtld_config.pagesz, &err))
        die_about(&err, prog);
    /* built off the stack, which need not hold the table twice */
    uint64_t *table = rtld_alloc(size);
    if (!table) {
        load_fail(&err, LOAD_EXIT_SYSTEM, "out of memory for the initial stack image");
        die_about(&err, prog);
    }
    static struct enter_plan plan;
    plan.image = table;
    plan.len = size;
    plan.sp = stack_build(&sa, table, size, top);
    plan.entry = entry;
    arch_enter(&plan);
}

__attribute__((noreturn))
static void hand_to_glibc(const struct initial_stack *st, const struct options *opt,
                          int command, uint64_t prog_entry)
{
    struct load_error err;
    uint64_t bias;
    rtld_debug(DEBUG_FOUND, "%s: linked against glibc, handing it to " ARCH_GLIBC_INTERP,
               main_dso.path);
    sigbus_guard_start();
    if (elf_file_open(&glibc_file, ARCH_GLIBC_INTERP, NULL, &err) ||
        elf_file_headers(&glibc_file, &glibc_room, rtld_config.pagesz, ELF_PROGRAM, &err) ||
        elf_map(&glibc_file, rtld_config.pagesz, &bias, &err)) {
        char why[sizeof err.msg];
        memcpy(why, err.msg, sizeof why);
        load_fail(&err, err.status, "glibc program, but " ARCH_GLIBC_INTERP ": %s", why);
        die_about(&err, main_dso.path);
    }
    elf_file_close(&glibc_file);
    enter(st, opt, command, bias, bias + glibc_file.info.entry, prog_entry);
}

/* Our own object, rtld and libc.so: it joins the global scope where a
 * DT_NEEDED first names libc (load_library), else last.  Its relative
 * relocations are done (self_relocate); its symbolic ones, libc's, wait
 * for relocate_all like every other object's. */
static void describe_self(const char *path, struct load_error *err)
{
    self_dso.base = (uint64_t)&__ehdr_start;
    self_dso.phdr = (const Elf64_Phdr *)(self_dso.base + __ehdr_start.e_phoff);
    self_dso.phnum = __ehdr_start.e_phnum;
    self_dso.path = self_dso.name = path;
    self_dso.is_rtld = 1;
    if (dso_parse(&self_dso, err))
        die_about(err, path);
    dso_names_hashed(&self_dso);
}

/* LD_PRELOAD or --preload: a library that cannot be loaded is left out
 * with a warning, as glibc does (musl leaves it out silently). */
static void load_preloads(const char *list)
{
    RTLD_LARGE static char name[4096];
    RTLD_LARGE static struct load_error err;
    for (const char *s = list; s && *s;) {
        size_t n = 0;
        while (s[n] && s[n] != ' ' && s[n] != ':')
            n++;
        if (n && n < sizeof name) {
            memcpy(name, s, n);
            name[n] = '\0';
            if (!load_library(name, &main_dso, &err)) {
                if (err.status == LOAD_EXIT_NOTFOUND)
                    rtld_trace("warning: library %s not found; not preloaded", name);
                else
                    rtld_trace("warning: %s%s%s; not preloaded", err.has_file ? err.file : "",
                               err.has_file ? ": " : "", err.msg);
            }
        }
        s += n + (s[n] != '\0');
    }
}

static uint64_t now_ns(void)
{
    struct { int64_t sec, nsec; } ts = { 0, 0 };
    _syscall2(__NR_clock_gettime, 1 /* CLOCK_MONOTONIC */, (long)&ts);
    return (uint64_t)ts.sec * 1000000000u + (uint64_t)ts.nsec;
}

/* Relocate dependencies before their dependents: reverse load order.
 * Every missing symbol has its line (as under musl), then rtld stops. */
static void relocate_all(struct load_error *err)
{
    uint64_t start = rtld_config.debug & DEBUG_STATISTICS ? now_ns() : 0;
    for (struct dso *d = dso_tail_get(); d; d = d->prev)
        if (relocate(d, err))
            rtld_die(err);
    if (rtld_stats.unresolved)
        sys_exit_group(LOAD_EXIT_NOEXEC);
    if (start)
        rtld_stats.reloc_ns = now_ns() - start;
}

static void report_statistics(void)
{
    size_t objects = dso_count();
    uint64_t total = 0;
    for (int t = 0; t < 64; t++)
        total += rtld_stats.relocs[t];
    rtld_debug(DEBUG_STATISTICS, "statistics: %zu objects, %lu symbol lookups, %lu relocations "
               "in %lu us", objects, (unsigned long)rtld_stats.lookups, (unsigned long)total,
               (unsigned long)(rtld_stats.reloc_ns / 1000));
    for (unsigned s = 0; s < 64; s++)
        if (rtld_stats.relocs[s])
            rtld_debug(DEBUG_STATISTICS, "statistics:   %s: %lu",
                       s ? arch_reloc_name(reloc_slot_type(s)) : "other types",
                       (unsigned long)rtld_stats.relocs[s]);
}

/* --list: the objects a program would load, like ldd(1); 127 when one is
 * missing. */
__attribute__((noreturn))
static void list_objects(void)
{
    struct writer w = { .fd = 1 };
    int missing = 0;
    for (struct dso *d = dso_head; d; d = d->next) {
        if (d->is_main || (d->is_rtld && !d->as_libc))
            continue;
        if (d->missing)
            w_printf(&w, "\t%s => not found\n", d->name);
        else
            w_printf(&w, "\t%s => %s (%p)\n", d->name, d->path, (void *)d->map_lo);
        missing |= d->missing;
    }
    /* and the dynamic linker, which musl's ldd lists too */
    w_printf(&w, "\t%s (%p)\n", self_dso.path, (void *)self_dso.map_lo);
    w_flush(&w);
    sys_exit_group(missing ? LOAD_EXIT_NOTFOUND : 0);
}

/* A glibc program's list comes from glibc's ld.so, as ldd does it. */
__attribute__((noreturn))
static void list_glibc(const char *prog, char **envp)
{
    const char *argv[] = { ARCH_GLIBC_INTERP, "--list", prog, NULL };
    long r = _syscall3(__NR_execve, (long)argv[0], (long)argv, (long)envp);
    RTLD_LARGE static struct load_error err;
    load_fail(&err, LOAD_EXIT_NOEXEC, "cannot run " ARCH_GLIBC_INTERP ": %s", sys_strerror(r));
    die_about(&err, prog);
}

__attribute__((noreturn))
void start_main(uint64_t *sp)
{
    struct initial_stack st;
    struct options opt = { 0 };
    RTLD_LARGE static struct load_error err;    /* static: keep the stack use small */

    self_relocate();
    rtld_config.prog_fd = -1;
    initial_stack_parse(sp, &st);
    rtld_config.pagesz = st.pagesz;
    rtld_config.secure = (int)st.secure;
    rtld_config.platform = (const char *)initial_stack_aux(&st, AT_PLATFORM, 0);
    if (!rtld_config.platform)
        rtld_config.platform = "";
    rtld_config.hwcap = initial_stack_aux(&st, AT_HWCAP, 0);
    rtld_config.hwcap2 = initial_stack_aux(&st, AT_HWCAP2, 0);
    rtld_config.vdso = (const void *)initial_stack_aux(&st, AT_SYSINFO_EHDR, 0);

    /* As a command, the kernel entered us at our own entry point. */
    int command = initial_stack_aux(&st, AT_ENTRY, 0) == (uint64_t)_start;
    uint64_t prog_entry;
    const char *self_path;
    if (command) {
        if (options_parse(st.argc, st.argv, OPT_BIT(OPT_ARGV0) | OPT_BIT(OPT_LIBRARY_PATH) |
                          OPT_BIT(OPT_PRELOAD) | OPT_BIT(OPT_LIST), &opt, &err))
            rtld_die(&err);
        rtld_config.list = opt.value[OPT_LIST] != NULL;
        if (opt.help || opt.version)
            w_print_exit(1, opt.help ? usage : PROGNAME " 0.1\n", 0);
        main_dso.path = st.argv[opt.prog];
        prog_entry = map_program(main_dso.path, &err);
        self_path = st.execfn ? st.execfn : st.argv[0];
    } else {
        describe_program(&st);
        main_dso.path = st.execfn ? st.execfn : st.argv[0];
        prog_entry = initial_stack_aux(&st, AT_ENTRY, 0);
        self_path = program_interp();
    }
    main_dso.name = main_dso.path;
    main_dso.is_main = 1;
    if (dso_parse(&main_dso, &err))
        die_about(&err, main_dso.path);
    dso_names_hashed(&main_dso);

    read_environment(st.envp);
    if (opt.value[OPT_LIBRARY_PATH])
        rtld_config.library_path = opt.value[OPT_LIBRARY_PATH];
    if (opt.value[OPT_PRELOAD])
        rtld_config.preload = opt.value[OPT_PRELOAD];
    describe_self(self_path ? self_path : PROGNAME, &err);

    /* A program without PT_INTERP (static, static-pie) asks for no dynamic
     * linker: start it as the kernel would, with AT_BASE 0. */
    if (rtld_config.list && !main_dso.dynamic) {
        struct writer w = { .fd = 1 };
        w_puts(&w, "\tstatically linked\n");
        w_flush(&w);
        sys_exit_group(0);
    }
    if (command && !program_interp())
        enter(&st, &opt, command, 0, prog_entry, prog_entry);
    if (main_dso.dynamic && needs_glibc(&main_dso)) {
        if (rtld_config.list)
            list_glibc(main_dso.path, st.envp);
        hand_to_glibc(&st, &opt, command, prog_entry);
    }

    dso_append(&main_dso);
    load_preloads(rtld_config.preload);
    if (load_dependencies(dso_head, &err))
        rtld_die(&err);
    if (!dso_listed(&self_dso))
        dso_append(&self_dso);
    if (rtld_config.list)
        list_objects();

    debug_publish();        /* before RELRO makes DT_DEBUG read-only */
    struct tls_static tls;
    tls_layout(&tls);
    relocate_all(&err);
    if (protect_relro(dso_head, &err))
        rtld_die(&err);
    if (init_fini_startup() || interface_fill(&tls)) {
        load_fail(&err, LOAD_EXIT_SYSTEM, "out of memory");
        rtld_die(&err);
    }
    report_statistics();
    rtld_config.running = 1;    /* from now on, loads are dlopen's */
    enter(&st, &opt, command, self_dso.base, prog_entry, prog_entry);
}
