/* libFuzzer harness: rtld's search-path expansion (rtld/search_path.c).
 *
 * Input: one flag byte (bit 0: $ORIGIN unknown, i.e. origin NULL; bit 1:
 * separator ';' instead of ':'; bits 2-7: stop after that many paths, 0:
 * never), then four NUL-separated strings: the path list, the origin, the
 * library name and AT_PLATFORM.  Missing strings are empty. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "search_path.h"

struct seen {
    unsigned n, stop_at;
};

static int record(const char *path, void *ctx)
{
    struct seen *s = ctx;
    /* a NUL-terminated path shorter than PATH_MAX */
    if (!memchr(path, '\0', 4096))
        abort();
    if (path[0] == '\0')
        abort();
    s->n++;
    return s->stop_at && s->n == s->stop_at ? 7 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned flags = data[0];
    /* a NUL-terminated copy, so every string below ends */
    char *buf = malloc(size + 4);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, size - 1);
    memset(buf + size - 1, 0, 5);
    const char *str[4];
    char *p = buf, *end = buf + size - 1;
    for (int i = 0; i < 4; i++) {
        str[i] = p;
        if (p < end)
            p += strlen(p) + 1;
        if (p > end)
            p = end;
    }
    rtld_config.platform = str[3];
    struct seen s = { 0, flags >> 2 };
    char sep = flags & 2 ? ';' : ':';
    static char out[SEARCH_PATH_MAX];
    int r = search_path_each(str[0], sep, str[2], flags & 1 ? NULL : str[1], out, record, &s);
    if (r != 0 && r != 7)
        abort();
    if ((r == 7) != (s.stop_at && s.n == s.stop_at))
        abort();
    /* the origin of a path, into a small buffer */
    char org[64];
    memset(org, 0x5a, sizeof org);
    search_path_origin(str[0], org, 1 + flags % sizeof org);
    if (!memchr(org, '\0', 1 + flags % sizeof org))
        abort();
    free(buf);
    return 0;
}
