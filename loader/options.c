#include "libsys/mem.h"
#include "options.h"

/* Inline arrays, not pointers: nothing here needs relocating. */
static const struct { char name[16]; char takes_value; } spec[OPT_COUNT] = {
    [OPT_ARGV0] = { "--argv0", 1 },
    [OPT_LIBRARY_PATH] = { "--library-path", 1 },
    [OPT_PRELOAD] = { "--preload", 1 },
    [OPT_LIST] = { "--list", 0 },
    [OPT_SECURE] = { "--secure", 0 },
};

int options_parse(int argc, char **argv, unsigned accepted, struct options *o,
                  struct load_error *err)
{
    int i = 1;
    *o = (struct options){ 0 };
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {  /* "-" is a name */
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            i++;
            break;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            o->help = 1;
            return 0;
        }
        if (!strcmp(a, "--version")) {
            o->version = 1;
            return 0;
        }
        int id = 0;
        size_t len = 0;
        for (; id < OPT_COUNT; id++) {
            len = strlen(spec[id].name);
            if ((accepted & OPT_BIT(id)) && !strncmp(a, spec[id].name, len) &&
                (a[len] == '\0' || (a[len] == '=' && spec[id].takes_value)))
                break;
        }
        if (id == OPT_COUNT)
            return load_fail(err, LOAD_EXIT_USAGE, "unknown option %s (try --help)", a);
        if (!spec[id].takes_value) {
            o->value[id] = "";
        } else if (a[len] == '=') {
            o->value[id] = a + len + 1;
        } else if (++i == argc) {
            return load_fail(err, LOAD_EXIT_USAGE, "option %s needs a value", spec[id].name);
        } else {
            o->value[id] = argv[i];
        }
    }
    if (i >= argc)
        return load_fail(err, LOAD_EXIT_USAGE, "no program given (try --help)");
    o->prog = i;
    return 0;
}

int options_started_as_exe_link(const char *execfn)
{
    /* procfs has no other entry called "exe" than the per-process links
     * (fs/proc/base.c: "exe" in tgid_base_stuff and tid_base_stuff) */
    if (!execfn || strncmp(execfn, "/proc/", 6))
        return 0;
    size_t n = strlen(execfn);
    return n > 10 && !strcmp(execfn + n - 4, "/exe");
}
