/* libctor_thread.so: its constructor starts a thread that uses the
 * dynamic linker (dlsym, dladdr, dl_iterate_phdr) and waits for it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

int ctor_thread_value(void) { return 5; }

static int count(struct dl_phdr_info *info, size_t size, void *n)
{
    (void)info, (void)size;
    ++*(int *)n;
    return 0;
}

static void *use_linker(void *arg)
{
    (void)arg;
    Dl_info info;
    int objects = 0;
    dl_iterate_phdr(count, &objects);
    printf("thread: dlsym %s, dladdr %s, dl_iterate_phdr %s\n",
           dlsym(RTLD_DEFAULT, "strlen") ? "found strlen" : "failed",
           dladdr((void *)ctor_thread_value, &info) && strstr(info.dli_fname, "libctor_thread.so")
               ? "names this library" : "failed",
           objects >= 3 ? "lists the objects" : "failed");
    return 0;
}

__attribute__((constructor)) static void init(void)
{
    pthread_t t;
    pthread_create(&t, 0, use_linker, 0);
    pthread_join(t, 0);
    printf("constructor: the thread finished\n");
}
