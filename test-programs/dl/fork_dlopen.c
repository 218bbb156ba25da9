/* fork while another thread is inside dlopen.  (1) The other thread runs a
 * plugin's constructor: the child's own dlopen of another library works,
 * and one of the plugin being constructed fails (its state is unknown in
 * the child, as musl says).  (2) The other thread is inside
 * dl_iterate_phdr: the child's dlopen works.  A child that hangs is killed
 * by its alarm.  Its output must equal the run under musl's own linker. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static sem_t inside, forked;

/* Called by libfork_slow.so's constructor; also the dl_iterate_phdr
 * callback's wait: tell main, then wait until it has forked. */
void fork_during_constructor(void)
{
    sem_post(&inside);
    while (sem_wait(&forked))
        ;
}

static int callback(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)info, (void)size, (void)data;
    fork_during_constructor();
    return 1;
}

static void *open_slow(void *arg)
{
    (void)arg;
    return dlopen("./libfork_slow.so", RTLD_NOW);
}

static void *iterate(void *arg)
{
    (void)arg;
    dl_iterate_phdr(callback, 0);
    return 0;
}

static void child(int also_slow)
{
    alarm(10);
    void *h = dlopen("./libfork_other.so", RTLD_NOW);
    int (*value)(void) = h ? (int (*)(void))dlsym(h, "fork_plugin_value") : 0;
    printf("child: dlopen of another library: %s\n", value && value() == 7 ? "works" : "fails");
    if (also_slow)
        printf("child: dlopen of the library under construction: %s\n",
               dlopen("./libfork_slow.so", RTLD_NOW) ? "returned it" : "fails");
    fflush(stdout);
    _exit(0);
}

static void run(const char *what, void *(*thread)(void *), int also_slow)
{
    pthread_t t;
    void *r;
    printf("%s\n", what);
    fflush(stdout);
    pthread_create(&t, 0, thread, 0);
    while (sem_wait(&inside))
        ;
    pid_t pid = fork();
    if (!pid)
        child(also_slow);
    int status;
    sem_post(&forked);
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status))
        printf("child killed by signal %d%s\n", WTERMSIG(status),
               WTERMSIG(status) == SIGALRM ? " (it hung)" : "");
    pthread_join(t, &r);
}

int main(void)
{
    sem_init(&inside, 0, 0);
    sem_init(&forked, 0, 0);
    run("fork during a plugin's constructor:", open_slow, 1);
    run("fork during dl_iterate_phdr:", iterate, 0);
    return 0;
}
