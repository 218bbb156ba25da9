/* exit() runs the destructor of a library still open, which has the
 * library's last handle closed meanwhile: by itself ("self"), or by another
 * thread that it waits for ("thread").  That dlclose must not unmap the
 * code the destructor runs (glibc's _dl_fini holds a reference on every
 * object; musl never unloads), though the library's 8 MiB of data is more
 * than rtld keeps mapped after a dlclose.  Compared with musl's linker. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int ask[2], done[2];

static void *closer(void *h)
{
    char c;
    if (read(ask[0], &c, 1) == 1) {
        int r = dlclose(h);
        if (write(done[1], &r, sizeof r) != sizeof r)
            return 0;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    void *h = dlopen("./libexit_close.so", RTLD_NOW);
    void **handle = h ? dlsym(h, "exit_close_handle") : 0;
    int *to = h ? dlsym(h, "exit_close_ask") : 0, *from = h ? dlsym(h, "exit_close_done") : 0;
    if (!handle || !to || !from)
        return 1;
    *handle = h;
    if (!strcmp(argv[1], "thread")) {
        pthread_t t;
        if (pipe(ask) || pipe(done) || pthread_create(&t, 0, closer, h))
            return 1;
        *to = ask[1];
        *from = done[0];
    }
    printf("main: exit, the library still open\n");
    fflush(stdout);
    return 0;
}
