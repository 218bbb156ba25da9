/* stack_build.c: the program's initial stack (psABI §3.4.1, Figure 3.9):
 * argc, argv[] NULL, envp[] NULL, auxv ending in AT_NULL, padding, and in
 * copy mode the strings and bytes they point to. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "libsys/elf_defs.h"
#include "stack_build.h"

#define TOP     0x7ffffffde000ull   /* 16-byte aligned final end of the image */
#define GUARD   64                  /* bytes checked untouched past the image */
#define FILL    0xaa

static const unsigned char random_bytes[16] = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
static const char platform[] = "x86_64";
static const char base_platform[] = "x86_64-base";
static const char old_execfn[] = "/usr/bin/loader";

#define AT_UNKNOWN 0x1234

/* The loader's own auxv, as the kernel might have built it (entries in the
 * kernel's order, plus one type nobody knows). */
static uint64_t tmpl[64];
static size_t tmpl_n;               /* entries before AT_NULL */

static void tmpl_add(uint64_t type, uint64_t val)
{
    tmpl[2 * tmpl_n] = type;
    tmpl[2 * tmpl_n + 1] = val;
    tmpl_n++;
    tmpl[2 * tmpl_n] = AT_NULL;
    tmpl[2 * tmpl_n + 1] = 0;
}

static void make_tmpl(void)
{
    tmpl_n = 0;
    tmpl_add(AT_SYSINFO_EHDR, 0x7fff00001000);
    tmpl_add(AT_MINSIGSTKSZ, 3376);
    tmpl_add(AT_HWCAP, 0x178bfbff);
    tmpl_add(AT_PAGESZ, 4096);
    tmpl_add(AT_CLKTCK, 100);
    tmpl_add(AT_PHDR, 0x555500000040);
    tmpl_add(AT_PHENT, 99);
    tmpl_add(AT_PHNUM, 11);
    tmpl_add(AT_BASE, 0);
    tmpl_add(AT_FLAGS, 5);
    tmpl_add(AT_ENTRY, 0x555500001000);
    tmpl_add(AT_UID, 1000);
    tmpl_add(AT_EUID, 1001);
    tmpl_add(AT_GID, 1002);
    tmpl_add(AT_EGID, 1003);
    tmpl_add(AT_SECURE, 0);
    tmpl_add(AT_RANDOM, (uint64_t)random_bytes);
    tmpl_add(AT_HWCAP2, 2);
    tmpl_add(AT_EXECFN, (uint64_t)old_execfn);
    tmpl_add(AT_PLATFORM, (uint64_t)platform);
    tmpl_add(AT_EXECFD, 3);
    tmpl_add(AT_UNKNOWN, 77);
}

static const char *const one_pre[] = { "prog" };
static const char *const two_args[] = { "a", "bb" };
static const char *const two_env[] = { "X=1", "LANG=C" };

static uint8_t tmpl_pos[AUX_INDEX_MAX];

static struct stack_args base_args(void)
{
    make_tmpl();
    auxv_index(tmpl, tmpl_pos);
    return (struct stack_args){
        .pre = one_pre, .npre = 1,
        .argv = two_args, .argc = 2,
        .envp = two_env, .envc = 2,
        .auxv = tmpl, .auxc = tmpl_n, .auxpos = tmpl_pos,
        .execfn = "./prog",
        .phdr = 0x400040, .phnum = 13, .base = 0x7f0000000000,
        .entry = 0x401020, .secure = 1,
    };
}

/* A built image and where it was built. */
struct image {
    unsigned char *mem;
    uint64_t *w;                    /* the image as words */
    size_t size;
    uint64_t sp;
    /* parsed */
    uint64_t argc;
    uint64_t *argv, *envp, *auxv;
    size_t auxn;                    /* pairs before AT_NULL */
    size_t table_end;               /* byte offset just past AT_NULL's pair */
};

static struct image build(const struct stack_args *a, uint64_t top)
{
    struct image im = { 0 };
    auxv_index(tmpl, tmpl_pos);     /* tests may have changed the template */
    im.size = stack_size(a);
    im.mem = aligned_alloc(16, im.size + GUARD);
    cr_assert_not_null(im.mem);
    memset(im.mem, FILL, im.size + GUARD);
    im.w = (uint64_t *)im.mem;
    im.sp = stack_build(a, im.w, im.size, top);
    for (size_t i = im.size; i < im.size + GUARD; i++)
        cr_assert_eq(im.mem[i], FILL, "byte %zu past the %zu-byte image was written",
                     i - im.size, im.size);

    /* walk it as a program's _start would */
    size_t i = 0;
    im.argc = im.w[i++];
    im.argv = &im.w[i];
    i += im.argc;
    cr_assert_leq(i * 8, im.size);
    cr_assert_eq(im.w[i], 0, "argv[argc] is not NULL");
    i++;
    im.envp = &im.w[i];
    while (im.w[i]) {
        i++;
        cr_assert_lt(i * 8, im.size, "envp runs off the image");
    }
    i++;
    im.auxv = &im.w[i];
    while (im.w[i] != AT_NULL) {
        i += 2;
        cr_assert_lt(i * 8, im.size, "auxv runs off the image");
    }
    im.auxn = (size_t)(&im.w[i] - im.auxv) / 2;
    cr_assert_eq(im.w[i + 1], 0, "AT_NULL's value is not 0");
    im.table_end = (i + 2) * 8;
    cr_assert_leq(im.table_end, im.size);
    return im;
}

/* Host pointer for an address inside the image at its final place. */
static const char *host(const struct image *im, uint64_t addr)
{
    cr_assert(addr >= im->sp && addr < im->sp + im->size,
              "%#lx is not inside the image [%#lx, %#lx)", (unsigned long)addr,
              (unsigned long)im->sp, (unsigned long)(im->sp + im->size));
    return (const char *)im->mem + (addr - im->sp);
}

static uint64_t aux_get(const struct image *im, uint64_t type, int *found)
{
    *found = 0;
    for (size_t k = 0; k < im->auxn; k++)
        if (im->auxv[2 * k] == type) {
            *found = 1;
            return im->auxv[2 * k + 1];
        }
    return 0;
}

/* Bytes the tables need: argc, argv + NULL, envp + NULL, auxv + AT_NULL. */
static size_t table_bytes(const struct stack_args *a)
{
    return 8 * (1 + a->npre + a->argc + 1 + a->envc + 1 + 2 * (a->auxc + 1));
}

static void check_frame(const struct image *im, const struct stack_args *a, uint64_t top)
{
    cr_assert_eq(im->size % 16, 0, "size %zu is not a multiple of 16", im->size);
    cr_assert_eq(im->sp, top - im->size, "sp %#lx, expected top - size = %#lx",
                 (unsigned long)im->sp, (unsigned long)(top - im->size));
    cr_assert_eq(im->sp % 16, 0, "sp %#lx is not 16-byte aligned", (unsigned long)im->sp);
    if (!a->copy_strings)
        cr_assert(im->size >= table_bytes(a) && im->size < table_bytes(a) + 16,
                  "size %zu for %zu bytes of tables", im->size, table_bytes(a));
    else
        cr_assert_geq(im->size, table_bytes(a));
}

static void free_image(struct image *im) { free(im->mem); }

/* ------------------------------------------------------------------ */

Test(stack_build, frame_and_alignment)
{
    struct stack_args a = base_args();
    struct image im = build(&a, TOP);
    check_frame(&im, &a, TOP);
    free_image(&im);
}

Test(stack_build, alignment_for_every_parity)
{
    static const char *const v[] = { "0", "1", "2", "3", "4", "5", "6", "7" };
    uint64_t tops[] = { TOP, 0x7ffc12345670ull, 0x10000ull };
    for (int copy = 0; copy < 2; copy++)
    for (size_t t = 0; t < 3; t++)
    for (size_t npre = 0; npre < 3; npre++)
    for (size_t argc = 0; argc < 5; argc++)
    for (size_t envc = 0; envc < 4; envc++) {
        struct stack_args a = base_args();
        a.pre = v; a.npre = npre;
        a.argv = v + 3; a.argc = argc;
        a.envp = v; a.envc = envc;
        a.copy_strings = copy;
        struct image im = build(&a, tops[t]);
        check_frame(&im, &a, tops[t]);
        cr_assert_eq(im.argc, npre + argc);
        free_image(&im);
    }
}

Test(stack_build, argc_argv_envp)
{
    static const char *const pre[] = { "/bin/sh", "-e", "./script" };
    struct stack_args a = base_args();
    a.pre = pre;
    a.npre = 3;
    struct image im = build(&a, TOP);
    cr_assert_eq(im.argc, 5);
    cr_assert_eq(im.argv[0], (uint64_t)pre[0]);
    cr_assert_eq(im.argv[1], (uint64_t)pre[1]);
    cr_assert_eq(im.argv[2], (uint64_t)pre[2]);
    cr_assert_eq(im.argv[3], (uint64_t)two_args[0]);
    cr_assert_eq(im.argv[4], (uint64_t)two_args[1]);
    cr_assert_eq(im.argv[5], 0);
    cr_assert_eq(im.envp, im.argv + 6, "envp must follow argv's NULL");
    cr_assert_eq(im.envp[0], (uint64_t)two_env[0]);
    cr_assert_eq(im.envp[1], (uint64_t)two_env[1]);
    cr_assert_eq(im.envp[2], 0);
    cr_assert_eq(im.auxv, im.envp + 3, "auxv must follow envp's NULL");
    free_image(&im);
}

Test(stack_build, auxv_overrides)
{
    struct stack_args a = base_args();
    a.execfn = "/path/to/prog";
    struct image im = build(&a, TOP);
    int f;
    cr_assert_eq(aux_get(&im, AT_PHDR, &f), 0x400040); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_PHENT, &f), 56); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_PHNUM, &f), 13); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_BASE, &f), 0x7f0000000000); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_ENTRY, &f), 0x401020); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_FLAGS, &f), 0); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_SECURE, &f), 1); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_EXECFN, &f), (uint64_t)a.execfn); cr_assert(f);
    free_image(&im);
}

Test(stack_build, auxv_secure_zero_and_base_zero)
{
    struct stack_args a = base_args();
    a.secure = 0;
    a.base = 0;                 /* static program: no interpreter */
    make_tmpl();
    tmpl[2 * 15 + 1] = 1;       /* the loader itself ran AT_SECURE=1 */
    cr_assert_eq(tmpl[2 * 15], AT_SECURE);
    struct image im = build(&a, TOP);
    int f;
    cr_assert_eq(aux_get(&im, AT_SECURE, &f), 0); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_BASE, &f), 0); cr_assert(f);
    free_image(&im);
}

Test(stack_build, auxv_order_unknown_kept_execfd_dropped)
{
    struct stack_args a = base_args();
    struct image im = build(&a, TOP);
    /* the output is the template in order, without AT_EXECFD */
    size_t k = 0;
    for (size_t t = 0; t < tmpl_n; t++) {
        if (tmpl[2 * t] == AT_EXECFD)
            continue;
        cr_assert_lt(k, im.auxn, "auxv too short");
        cr_assert_eq(im.auxv[2 * k], tmpl[2 * t], "auxv[%zu] is type %lu, expected %lu",
                     k, (unsigned long)im.auxv[2 * k], (unsigned long)tmpl[2 * t]);
        k++;
    }
    cr_assert_eq(im.auxn, k, "auxv has %zu entries, expected %zu", im.auxn, k);
    int f;
    aux_get(&im, AT_EXECFD, &f);
    cr_assert(!f, "AT_EXECFD must not be passed on");
    /* untouched values */
    cr_assert_eq(aux_get(&im, AT_UNKNOWN, &f), 77); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_SYSINFO_EHDR, &f), 0x7fff00001000); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_PAGESZ, &f), 4096); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_HWCAP, &f), 0x178bfbff); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_HWCAP2, &f), 2); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_UID, &f), 1000); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_EUID, &f), 1001); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_GID, &f), 1002); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_EGID, &f), 1003); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_MINSIGSTKSZ, &f), 3376); cr_assert(f);
    /* without copying, the kernel's strings and bytes stay where they are */
    cr_assert_eq(aux_get(&im, AT_RANDOM, &f), (uint64_t)random_bytes); cr_assert(f);
    cr_assert_eq(aux_get(&im, AT_PLATFORM, &f), (uint64_t)platform); cr_assert(f);
    free_image(&im);
}

Test(stack_build, auxv_entries_not_in_template_not_added)
{
    struct stack_args a = base_args();
    tmpl_n = 0;
    tmpl_add(AT_PAGESZ, 4096);
    tmpl_add(AT_ENTRY, 1);
    a.auxc = tmpl_n;
    struct image im = build(&a, TOP);
    cr_assert_eq(im.auxn, 2);
    cr_assert_eq(im.auxv[0], AT_PAGESZ);
    cr_assert_eq(im.auxv[1], 4096);
    cr_assert_eq(im.auxv[2], AT_ENTRY);
    cr_assert_eq(im.auxv[3], 0x401020);
    free_image(&im);
}

Test(stack_build, execfd_only_entry)
{
    struct stack_args a = base_args();
    tmpl_n = 0;
    tmpl_add(AT_EXECFD, 3);
    a.auxc = tmpl_n;
    struct image im = build(&a, TOP);
    cr_assert_eq(im.auxn, 0);
    check_frame(&im, &a, TOP);
    free_image(&im);
}

Test(stack_build, padding_is_zero)
{
    /* counts chosen so that there is a padding word, and AT_EXECFD's
     * dropped pair leaves 16 more bytes */
    struct stack_args a = base_args();
    struct image im = build(&a, TOP);
    for (size_t i = im.table_end; i < im.size; i++)
        cr_assert_eq(im.mem[i], 0, "padding byte at %zu of %zu is %#x",
                     i, im.size, im.mem[i]);
    cr_assert_geq(im.size - im.table_end, 16, "test expects padding to check");
    free_image(&im);
}

Test(stack_build, no_arguments_at_all)
{
    static const char *const none[1] = { NULL };
    struct stack_args a = base_args();
    a.pre = none; a.npre = 0;
    a.argv = none; a.argc = 0;
    struct image im = build(&a, TOP);
    check_frame(&im, &a, TOP);
    cr_assert_eq(im.argc, 0);
    cr_assert_eq(im.argv[0], 0);
    cr_assert_eq(im.envp, im.argv + 1);
    cr_assert_eq(im.envp[0], (uint64_t)two_env[0]);
    free_image(&im);
}

Test(stack_build, only_argv0)
{
    struct stack_args a = base_args();
    a.argc = 0;
    struct image im = build(&a, TOP);
    check_frame(&im, &a, TOP);
    cr_assert_eq(im.argc, 1);
    cr_assert_eq(im.argv[0], (uint64_t)one_pre[0]);
    cr_assert_eq(im.argv[1], 0);
    free_image(&im);
}

Test(stack_build, empty_environment)
{
    static const char *const none[1] = { NULL };
    struct stack_args a = base_args();
    a.envp = none;
    a.envc = 0;
    struct image im = build(&a, TOP);
    check_frame(&im, &a, TOP);
    cr_assert_eq(im.argc, 3);
    cr_assert_eq(im.envp, im.argv + 4);
    cr_assert_eq(im.envp[0], 0);
    cr_assert_eq(im.auxv, im.envp + 1);
    cr_assert_eq(im.auxv[0], AT_SYSINFO_EHDR);
    free_image(&im);
}

static char many_buf[1000][8];
static const char *many[1000];

static void fill_many(void)
{
    for (int i = 0; i < 1000; i++) {
        snprintf(many_buf[i], sizeof many_buf[i], "a%d", i);
        many[i] = many_buf[i];
    }
}

Test(stack_build, thousand_arguments)
{
    fill_many();
    struct stack_args a = base_args();
    a.argv = many;
    a.argc = 1000;
    struct image im = build(&a, TOP);
    check_frame(&im, &a, TOP);
    cr_assert_eq(im.argc, 1001);
    cr_assert_eq(im.argv[0], (uint64_t)one_pre[0]);
    for (int i = 0; i < 1000; i++)
        cr_assert_eq(im.argv[1 + i], (uint64_t)many[i], "argv[%d]", 1 + i);
    cr_assert_eq(im.argv[1001], 0);
    cr_assert_eq(im.envp[0], (uint64_t)two_env[0]);
    int f;
    cr_assert_eq(aux_get(&im, AT_PHNUM, &f), 13);
    free_image(&im);
}

/* ------------------------------------------------------------------ */
/* copy mode: every string copied into the image, as the kernel lays them
 * out (argument strings, environment strings, AT_EXECFN string, 8 zero
 * bytes, from low to high addresses) */

Test(stack_build, copy_strings_content_and_order)
{
    static const char *const pre[] = { "/bin/sh", "-e", "./script" };
    struct stack_args a = base_args();
    a.pre = pre;
    a.npre = 3;
    a.copy_strings = 1;
    a.execfn = "./script";
    struct image im = build(&a, TOP);
    check_frame(&im, &a, TOP);
    cr_assert_eq(im.argc, 5);
    const char *want[] = { "/bin/sh", "-e", "./script", "a", "bb" };
    for (int i = 0; i < 5; i++) {
        cr_assert_str_eq(host(&im, im.argv[i]), want[i], "argv[%d]", i);
        cr_assert_geq(im.argv[i], im.sp + im.table_end,
                      "argv[%d] string overlaps the tables", i);
    }
    cr_assert_str_eq(host(&im, im.envp[0]), "X=1");
    cr_assert_str_eq(host(&im, im.envp[1]), "LANG=C");
    cr_assert_eq(im.envp[2], 0);

    /* contiguous, in order: argv strings, then envp strings, then execfn */
    uint64_t p = im.argv[0];
    for (int i = 0; i < 5; i++) {
        cr_assert_eq(im.argv[i], p, "argv[%d] not contiguous with argv[%d]", i, i - 1);
        p += strlen(want[i]) + 1;
    }
    for (int i = 0; i < 2; i++) {
        cr_assert_eq(im.envp[i], p, "envp[%d] does not follow the previous string", i);
        p += strlen(two_env[i]) + 1;
    }
    int f;
    uint64_t execfn = aux_get(&im, AT_EXECFN, &f);
    cr_assert(f);
    cr_assert_eq(execfn, p, "AT_EXECFN string does not follow the environment");
    cr_assert_str_eq(host(&im, execfn), "./script");
    p += strlen("./script") + 1;
    cr_assert_eq(p + 8, TOP, "AT_EXECFN string must end 8 bytes below the top");
    free_image(&im);
}

Test(stack_build, copy_strings_auxv_bytes)
{
    struct stack_args a = base_args();
    tmpl_add(AT_BASE_PLATFORM, (uint64_t)base_platform);
    a.auxc = tmpl_n;
    a.copy_strings = 1;
    struct image im = build(&a, TOP);
    check_frame(&im, &a, TOP);
    int f;
    uint64_t r = aux_get(&im, AT_RANDOM, &f);
    cr_assert(f);
    cr_assert_arr_eq(host(&im, r), random_bytes, 16, "AT_RANDOM bytes not copied");
    host(&im, r + 15);
    cr_assert_geq(r, im.sp + im.table_end);
    uint64_t pl = aux_get(&im, AT_PLATFORM, &f);
    cr_assert(f);
    cr_assert_str_eq(host(&im, pl), platform);
    cr_assert_geq(pl, im.sp + im.table_end);
    uint64_t bpl = aux_get(&im, AT_BASE_PLATFORM, &f);
    cr_assert(f);
    cr_assert_str_eq(host(&im, bpl), base_platform);
    /* these sit below the argument strings */
    cr_assert_lt(r, im.argv[0]);
    cr_assert_lt(pl, im.argv[0]);
    cr_assert_lt(bpl, im.argv[0]);
    /* nothing overlaps: the 16 random bytes and both strings are disjoint */
    cr_assert(r + 16 <= pl || pl + sizeof platform <= r);
    cr_assert(r + 16 <= bpl || bpl + sizeof base_platform <= r);
    cr_assert(pl + sizeof platform <= bpl || bpl + sizeof base_platform <= pl);
    free_image(&im);
}

Test(stack_build, copy_strings_gap_is_zero)
{
    struct stack_args a = base_args();
    a.copy_strings = 1;
    struct image im = build(&a, TOP);
    int f;
    /* lowest copied byte: the last thing put down is below every other */
    uint64_t lowest = im.argv[0];
    uint64_t r = aux_get(&im, AT_RANDOM, &f);
    uint64_t pl = aux_get(&im, AT_PLATFORM, &f);
    if (r < lowest) lowest = r;
    if (pl < lowest) lowest = pl;
    for (size_t i = im.table_end; i < lowest - im.sp; i++)
        cr_assert_eq(im.mem[i], 0, "padding byte at %zu is %#x", i, im.mem[i]);
    free_image(&im);
}

/* The header (and the kernel, whose stack top is fresh zeroed memory)
 * puts 8 zero bytes above the AT_EXECFN string. */
Test(stack_build, copy_strings_end_marker_is_zero)
{
    struct stack_args a = base_args();
    a.copy_strings = 1;
    struct image im = build(&a, TOP);
    for (size_t i = im.size - 8; i < im.size; i++)
        cr_assert_eq(im.mem[i], 0, "end marker byte %zu of 8 is %#x (never written)",
                     i - (im.size - 8), im.mem[i]);
    free_image(&im);
}

Test(stack_build, copy_strings_no_arguments_empty_env)
{
    static const char *const none[1] = { NULL };
    struct stack_args a = base_args();
    a.pre = none; a.npre = 0;
    a.argv = none; a.argc = 0;
    a.envp = none; a.envc = 0;
    a.copy_strings = 1;
    struct image im = build(&a, TOP);
    check_frame(&im, &a, TOP);
    cr_assert_eq(im.argc, 0);
    cr_assert_eq(im.argv[0], 0);
    cr_assert_eq(im.envp[0], 0);
    int f;
    cr_assert_str_eq(host(&im, aux_get(&im, AT_EXECFN, &f)), "./prog");
    free_image(&im);
}

Test(stack_build, copy_strings_thousand_arguments)
{
    fill_many();
    struct stack_args a = base_args();
    a.argv = many;
    a.argc = 1000;
    a.copy_strings = 1;
    struct image im = build(&a, TOP);
    check_frame(&im, &a, TOP);
    cr_assert_eq(im.argc, 1001);
    cr_assert_str_eq(host(&im, im.argv[0]), "prog");
    for (int i = 0; i < 1000; i++) {
        cr_assert_str_eq(host(&im, im.argv[1 + i]), many[i], "argv[%d]", 1 + i);
        cr_assert_eq(im.argv[1 + i], im.argv[i] + strlen(host(&im, im.argv[i])) + 1);
    }
    free_image(&im);
}

/* The loader rebuilds its initial stack table over its own: argv's tail,
 * envp and auxv are one block below the kernel's strings, which the image
 * replaces in place, moving it a word or two up or down (and dropping
 * AT_EXECFD).  The result equals the image built elsewhere from separate
 * arrays. */
Test(stack_build, in_place_over_the_kernels_table)
{
    static const char *const strs[] = { "loader", "--x", "--y", "prog", "a", "b", "c" };
    static uint64_t region[512] __attribute__((aligned(16)));
    static uint64_t ref[512] __attribute__((aligned(16)));
    for (size_t skip = 1; skip <= 3; skip++)        /* loader and options before PROG */
    for (size_t argc = 0; argc <= 3; argc++)
    for (size_t envc = 0; envc <= 2; envc++)
    for (size_t gap = 0; gap < 24; gap += 8) {      /* bytes between table and strings */
        make_tmpl();
        size_t old_argc = skip + 1 + argc;
        size_t words = 1 + old_argc + 1 + envc + 1 + 2 * (tmpl_n + 1);
        uint64_t strings = (uint64_t)(region + 512) - 40;
        uint64_t *sp0 = (uint64_t *)((strings - gap - words * 8) & ~15ull);
        uint64_t *w = sp0;
        *w++ = old_argc;
        for (size_t i = 0; i < old_argc; i++)
            *w++ = (uint64_t)(i < skip ? strs[i] : i == skip ? strs[3] : strs[4 + i - skip - 1]);
        *w++ = 0;
        const char *const *envp = (const char *const *)w;
        for (size_t i = 0; i < envc; i++)
            *w++ = (uint64_t)two_env[i];
        *w++ = 0;
        memcpy(w, tmpl, (tmpl_n + 1) * 16);
        uint8_t pos[AUX_INDEX_MAX];
        auxv_index(w, pos);

        struct stack_args a = base_args();
        a.pre = strs + 3;
        a.npre = 1;
        a.argv = (const char *const *)(sp0 + 1 + skip + 1);
        a.argc = argc;
        a.envp = envp;
        a.envc = envc;
        a.auxv = w;
        a.auxpos = pos;
        uint64_t top = strings & ~15ull;
        size_t size = stack_size(&a);

        /* the reference, from separate arrays, into another buffer */
        struct stack_args r = a;
        const char *rargv[3], *renv[2];
        memcpy(rargv, a.argv, argc * 8);
        memcpy(renv, envp, envc * 8);
        static uint64_t rauxv[128];
        memcpy(rauxv, w, (tmpl_n + 1) * 16);
        r.argv = rargv;
        r.envp = renv;
        r.auxv = rauxv;
        memset(ref, FILL, sizeof ref);
        stack_build(&r, ref, size, top);

        uint64_t *img = (uint64_t *)(top - size);
        cr_assert_geq(img, sp0, "the new table starts inside the old one");
        cr_assert_eq(stack_build(&a, img, size, top), (uint64_t)img);
        cr_assert_arr_eq(img, ref, size, "skip %zu, argc %zu, envc %zu, gap %zu",
                         skip, argc, envc, gap);
        cr_assert_eq(img[0], 1 + argc);
        cr_assert_eq(img[1], (uint64_t)strs[3]);
        for (size_t i = 0; i < argc; i++)
            cr_assert_eq(img[2 + i], (uint64_t)strs[4 + i]);
    }
}

/* ------------------------------------------------------------------ */
/* stack_fits: an image below the mapped stack needs RLIMIT_STACK room */

Test(stack_fits, within_the_limit)
{
    uint64_t top = 0x7ffffffff000;
    cr_assert(stack_fits(top - 200 * 1024 + 8, top, 200 * 1024, 4096));
    cr_assert(stack_fits(top - 16, top, 4096, 4096));
    cr_assert(stack_fits(top - (1ull << 30), top, ~0ull, 4096), "no limit");
}

Test(stack_fits, over_the_limit)
{
    uint64_t top = 0x7ffffffff000;
    /* the word pushed below sp at entry must fit too */
    cr_assert_not(stack_fits(top - 200 * 1024, top, 200 * 1024, 4096));
    cr_assert_not(stack_fits(top - 4096 - 16, top, 4096, 4096));
    cr_assert_not(stack_fits(4, top, ~0ull, 4096), "below address 8");
}
