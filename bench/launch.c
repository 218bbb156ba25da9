/*
 * launch - wall-time part of the loader benchmark (hosted tool; libc is fine).
 *
 *   launch N CMD_A [ARGS...] -- CMD_B [ARGS...]
 *
 * Runs CMD_A and CMD_B alternately (A B A B ...), N times each, every run as
 * fork + execve + waitpid with stdout redirected to /dev/null, and times each
 * run with clock_gettime(CLOCK_MONOTONIC) (from just before fork to just after
 * waitpid returns).  The environment is passed through unchanged, so run it
 * under `env -i ...` for a fixed environment.  CMD paths are used as given
 * (no PATH search).  A few untimed warm-up runs of each come first.
 *
 * Output (one line each, to stdout):
 *   a N <total seconds> <mean microseconds> <mean minor page faults>
 *   b N <total seconds> <mean microseconds> <mean minor page faults>
 *   ratio <total_b / total_a>
 *   median-ratio <median over the N pairs of b's time / a's time>
 *
 * Each pair runs back to back, so a pair's ratio hardly feels a slow drift
 * of the machine's load, and the median ignores the pairs that another
 * process's burst hit: on a shared machine it moves much less between runs
 * than the ratio of the totals.
 *
 * The page faults are the child's (wait4's rusage), from fork to exit: the
 * few the child takes between fork and execve are the same for A and B.
 *
 * Any run that fails to start or exits other than with status 0 aborts the
 * benchmark with exit status 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WARMUP 10

extern char **environ;

static int devnull = -1;

static double now(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        perror("launch: clock_gettime");
        exit(1);
    }
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* Run argv once; return its duration in seconds and add its minor page
 * faults to *faults.  Exits on any failure. */
static double run_once(char **argv, long *faults)
{
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) {
        perror("launch: fork");
        exit(1);
    }
    if (pid == 0) {
        if (dup2(devnull, STDOUT_FILENO) < 0)
            _exit(126);
        execve(argv[0], argv, environ);
        _exit(127);
    }
    int status;
    struct rusage ru;
    pid_t w;
    do
        w = wait4(pid, &status, 0, &ru);
    while (w < 0 && errno == EINTR);
    double t1 = now();
    if (w != pid) {
        perror("launch: waitpid");
        exit(1);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        if (WIFEXITED(status))
            fprintf(stderr, "launch: %s exited with status %d%s\n", argv[0],
                    WEXITSTATUS(status),
                    WEXITSTATUS(status) == 127 ? " (execve failed?)" : "");
        else
            fprintf(stderr, "launch: %s killed by signal %d\n", argv[0],
                    WIFSIGNALED(status) ? WTERMSIG(status) : -1);
        exit(1);
    }
    *faults += ru.ru_minflt;
    return t1 - t0;
}

static void usage(void)
{
    fprintf(stderr, "usage: launch N CMD_A [ARGS...] -- CMD_B [ARGS...]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc < 5)
        usage();
    char *end;
    errno = 0;
    long n = strtol(argv[1], &end, 10);
    if (errno || *end || n <= 0)
        usage();

    char **cmd_a = &argv[2];
    char **cmd_b = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            argv[i] = NULL;
            cmd_b = &argv[i + 1];
            break;
        }
    }
    if (!cmd_b || !cmd_a[0] || !cmd_b[0])
        usage();

    devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (devnull < 0) {
        perror("launch: /dev/null");
        return 1;
    }

    long faults_a = 0, faults_b = 0;
    for (int i = 0; i < WARMUP; i++) {
        run_once(cmd_a, &faults_a);
        run_once(cmd_b, &faults_b);
    }

    double total_a = 0, total_b = 0;
    double *pair = malloc((size_t)n * sizeof *pair);
    if (!pair) {
        perror("launch: malloc");
        return 1;
    }
    faults_a = faults_b = 0;
    for (long i = 0; i < n; i++) {
        double a = run_once(cmd_a, &faults_a);
        double b = run_once(cmd_b, &faults_b);
        total_a += a;
        total_b += b;
        pair[i] = b / a;
    }
    qsort(pair, (size_t)n, sizeof *pair, by_value);

    printf("a %ld %.6f %.2f %.1f\n", n, total_a, total_a / (double)n * 1e6,
           (double)faults_a / (double)n);
    printf("b %ld %.6f %.2f %.1f\n", n, total_b, total_b / (double)n * 1e6,
           (double)faults_b / (double)n);
    printf("ratio %.3f\n", total_b / total_a);
    printf("median-ratio %.3f\n", n % 2 ? pair[n / 2] : (pair[n / 2 - 1] + pair[n / 2]) / 2);
    return 0;
}
