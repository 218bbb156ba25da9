/* reexec: re-executes itself through /proc/self/exe, as busybox does for
 * the parts of a shell pipeline, with argv[0] naming the part ("tr") and a
 * first argument that is a file, not a program.  The child prints what it
 * got; the parent prints the child's status.
 *
 *   reexec [FILE]     (FILE defaults to ./f)
 *
 * Started through the loader, the re-executed /proc/self/exe must be this
 * program again, or, where the loader could not make the link name it, a
 * refusal: never FILE run as a program. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc > 0 && !strcmp(argv[0], "tr")) {
        printf("child: argv[1] = %s\n", argc > 1 ? argv[1] : "(none)");
        return 0;
    }
    char *child_argv[] = { "tr", argc > 1 ? argv[1] : "./f", NULL };
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execv("/proc/self/exe", child_argv);
        perror("execv /proc/self/exe");
        _exit(127);
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        perror("reexec: fork/wait");
        return 1;
    }
    if (WIFEXITED(status))
        printf("parent: child exited with status %d\n", WEXITSTATUS(status));
    else
        printf("parent: child killed by signal %d\n", WTERMSIG(status));
    return 0;
}
