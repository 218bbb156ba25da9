/* Finding a library file: DT_RPATH (only without DT_RUNPATH), the library
 * path (LD_LIBRARY_PATH or --library-path), DT_RUNPATH, then the default
 * directories, with $ORIGIN, $LIB and $PLATFORM expanded (as glibc's and
 * musl's ld.so do; gABI "Shared Object Dependencies"). */
#include "libsys/mem.h"
#include "libsys/syscall.h"
#include "search_path.h"

/* Append the expansion of one search-path entry [s, e) joined with name to
 * out; 0 when it does not fit. */
static int expand(const char *s, const char *e, const char *name, const char *origin,
                  char *out)
{
    static const struct { const char *var; size_t len; } vars[] = {
        { "ORIGIN", 6 }, { "LIB", 3 }, { "PLATFORM", 8 },
    };
    size_t n = 0;
    while (s < e) {
        const char *val = NULL;
        size_t skip = 1;
        if (*s == '$') {
            int brace = s + 1 < e && s[1] == '{';
            for (size_t i = 0; i < sizeof vars / sizeof vars[0] && !val; i++) {
                const char *v = s + 1 + brace;
                if ((size_t)(e - v) >= vars[i].len + brace && !strncmp(v, vars[i].var, vars[i].len) &&
                    (!brace || v[vars[i].len] == '}')) {
                    val = i == 0 ? origin : i == 1 ? "lib" : rtld_config.platform;
                    skip = 1 + 2 * brace + vars[i].len;
                }
            }
            if (!val)
                return 0;   /* unknown or unusable variable: skip the entry */
        }
        if (val) {
            size_t l = strlen(val);
            if (n + l >= SEARCH_PATH_MAX)
                return 0;
            memcpy(out + n, val, l);
            n += l;
        } else {
            if (n + 1 >= SEARCH_PATH_MAX)
                return 0;
            out[n++] = *s;
        }
        s += skip;
    }
    if (n == 0) {
        /* an empty entry means the current directory (glibc; musl skips
         * it), which a set-user-ID program's caller chooses: not then */
        if (rtld_config.secure)
            return 0;
        out[n++] = '.';
    }
    size_t l = strlen(name);
    if (n + 1 + l >= SEARCH_PATH_MAX)
        return 0;
    out[n++] = '/';
    memcpy(out + n, name, l + 1);
    return 1;
}

int search_path_each(const char *list, char sep, const char *name, const char *origin,
                     char *out, int (*try)(const char *path, void *ctx), void *ctx)
{
    if (!list)
        return 0;
    for (const char *s = list;;) {
        const char *e = s;
        while (*e && *e != sep && !(sep == ':' && *e == ';'))
            e++;
        /* $ORIGIN needs to know where the object is */
        if ((origin || !memchr(s, '$', (size_t)(e - s))) && expand(s, e, name, origin, out)) {
            int r = try(out, ctx);
            if (r)
                return r;
        }
        if (!*e)
            return 0;
        s = e + 1;
    }
}

void search_path_origin(const char *path, char *out, size_t cap)
{
    const char *slash = memrchr(path, '/', strlen(path));
    size_t n = !slash ? 0 : slash > path ? (size_t)(slash - path) : 1;  /* "/x" lives in "/" */
    if (!n) {
        path = ".";
        n = 1;
    }
    if (n >= cap)
        n = cap - 1;
    memcpy(out, path, n);
    out[n] = '\0';
}
