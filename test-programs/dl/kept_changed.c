/* A library kept mapped after its dlclose (rtld/load.c) is taken back only
 * while its file is unchanged: PATH is dlopen'ed, closed, then its file
 * replaced, in place (rewritten with TWO's bytes, laid out differently: a
 * new modification time) or by a rename over it (a new inode with ONE's
 * bytes), and dlopen'ed again: each time the new file's code must run.  And an unchanged file,
 * closed and opened again, still works.  The copies of the replaced file
 * must not stay mapped: the renamed-over file's blocks would stay on disk.
 * rtld only: musl's linker never unloads, so it runs the first file's code
 * every time.
 *   kept_changed PATH ONE TWO */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "objects.h"

static const char *which(const char *path)
{
    void *h = dlopen(path, RTLD_NOW);
    const char *(*f)(void) = h ? (const char *(*)(void))dlsym(h, "soname_which") : 0;
    const char *name = f ? f() : "nothing";
    if (h && dlclose(h))
        name = "dlclose failed";
    return name;
}

/* Copy from's bytes over to's (in place: the same inode, when it exists). */
static int rewrite(const char *to, const char *from)
{
    static char buf[1 << 20];
    int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_TRUNC | O_CREAT, 0755);
    ssize_t n = in < 0 || out < 0 ? -1 : read(in, buf, sizeof buf);
    int ok = n > 0 && write(out, buf, (size_t)n) == n;
    close(in);
    return close(out) == 0 && ok;
}

/* Whether /proc/self/maps shows a mapping of a deleted file that was at
 * path ("PATH (deleted)") */
static int deleted_mapped(const char *path)
{
    char want[4096 + 16];
    snprintf(want, sizeof want, "%s (deleted)", path);
    return mapped(want) != 0;
}

int main(int argc, char **argv)
{
    if (argc < 4)
        return 2;
    const char *path = argv[1], *one = argv[2], *two = argv[3];
    char renamed[4096];
    snprintf(renamed, sizeof renamed, "%s.new", path);
    printf("first: %s\n", which(path));
    printf("unchanged, again: %s\n", which(path));
    if (!rewrite(path, two))
        return 3;
    printf("rewritten in place: %s\n", which(path));
    if (!rewrite(renamed, one) || rename(renamed, path))
        return 4;
    printf("renamed over it: %s\n", which(path));
    printf("the replaced file still mapped: %s\n", deleted_mapped(path) ? "yes" : "no");
    return 0;
}
