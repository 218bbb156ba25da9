/* The rules are those of fs/binfmt_script.c: look at the first 256 bytes
 * only; the interpreter is the first word after "#!" (spaces and tabs
 * separate), the rest of the line, trimmed, is one optional argument; a line
 * cut off by the 256-byte limit is accepted only if the interpreter's name
 * itself was not cut. */
#include "libsys/mem.h"
#include "script.h"

static int spacetab(char c) { return c == ' ' || c == '\t'; }
static int terminator(char c) { return spacetab(c) || c == '\0'; }

int script_is_script(const void *head, size_t len)
{
    return len >= 2 && memcmp(head, "#!", 2) == 0;
}

int script_parse(const void *head, size_t len, struct script_line *out,
                 struct load_error *err)
{
    char buf[SCRIPT_BUF] = { 0 };
    memcpy(buf, head, len < SCRIPT_BUF ? len : SCRIPT_BUF);
    char *buf_end = buf + SCRIPT_BUF - 1;   /* the last byte is never used */
    char *end = memchr(buf, '\n', SCRIPT_BUF);
    char *p;

    if (!end) {
        for (p = buf + 2; p < buf_end && spacetab(*p); p++)
            ;
        if (p == buf_end)
            return load_fail(err, LOAD_EXIT_NOEXEC, "#! line holds no interpreter");
        while (p < buf_end && !terminator(*p))
            p++;
        if (p == buf_end)
            return load_fail(err, LOAD_EXIT_NOEXEC,
                             "#! interpreter name is longer than %d bytes", SCRIPT_BUF);
        end = buf_end;
    }
    while (end > buf + 2 && spacetab(end[-1]))
        end--;
    *end = '\0';
    for (p = buf + 2; p < end && spacetab(*p); p++)
        ;
    if (p == end || *p == '\0')
        return load_fail(err, LOAD_EXIT_NOEXEC, "#! line holds no interpreter");
    char *name = p;
    while (!terminator(*p))
        p++;
    out->has_arg = 0;
    if (*p) {
        *p++ = '\0';
        while (spacetab(*p))
            p++;
        out->has_arg = *p != '\0';
    }
    memcpy(out->interp, name, strlen(name) + 1);
    memcpy(out->arg, p, strlen(p) + 1);
    return 0;
}
