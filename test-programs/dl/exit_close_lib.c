/* libexit_close.so: 8 MiB of data, more than rtld keeps mapped after a
 * dlclose (rtld/load.c KEPT_DATA), and a destructor which, run by exit(),
 * has the library's last handle closed, by itself or by another thread
 * (exit_close.c), then goes on running its own code. */
#include <dlfcn.h>
#include <stdio.h>
#include <unistd.h>

char exit_close_data[8 << 20];
void *exit_close_handle;
int exit_close_ask = -1, exit_close_done = -1;  /* pipes to the closing thread */

__attribute__((destructor)) static void fini(void)
{
    int r;
    exit_close_data[4096] = 1;
    if (exit_close_ask < 0) {
        r = dlclose(exit_close_handle);
        printf("destructor: its own handle closed by itself: %d\n", r);
    } else {
        char c = 0;
        if (write(exit_close_ask, &c, 1) != 1 || read(exit_close_done, &r, sizeof r) != sizeof r)
            r = -9;
        printf("destructor: its own handle closed by another thread: %d\n", r);
    }
    fflush(stdout);
    printf("destructor: still running its code after that: %d\n", exit_close_data[4096]);
}
