/* dl_iterate_phdr callbacks read what unwinders read, the first bytes of
 * each object's PT_GNU_EH_FRAME and PT_DYNAMIC, in two threads, while the
 * main thread loads and unloads a library over and over: an object a walk
 * was given stays mapped until the walk ends (glibc's dlclose waits for
 * the walk; musl never unmaps).  Compared with musl's linker. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

#define ROUNDS 5000

static volatile int stop;

static int read_tables(struct dl_phdr_info *info, size_t size, void *data)
{
    unsigned long *sum = data;
    (void)size;
    sched_yield();          /* (as a callback preempted: the window widens) */
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_GNU_EH_FRAME || ph->p_type == PT_DYNAMIC)
            *sum += *(volatile unsigned char *)(info->dlpi_addr + ph->p_vaddr);
    }
    return 0;
}

static void *walker(void *arg)
{
    unsigned long sum = 0;
    while (!stop)
        dl_iterate_phdr(read_tables, &sum);
    return arg;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        if (pthread_create(&t[i], 0, walker, 0))
            return 1;
    for (int i = 0; i < ROUNDS; i++) {
        void *h = dlopen("./libplugin_tlsvar.so", RTLD_NOW);
        if (!h || dlclose(h))
            return 1;
    }
    stop = 1;
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], 0);
    printf("%d loads and unloads while two threads read every object's tables: done\n", ROUNDS);
    return 0;
}
