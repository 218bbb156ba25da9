/* rtld test: constructor order over a diamond: the program needs
 * libchain_a (-> libchain_b -> libchain_c) and libdiamond (-> libchain_c,
 * libdiamond_e); see diamond_lib.c. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int chain_a_value(void);
int diamond_d_value(void);

__attribute__((constructor)) static void ctor(void)
{
    static const char msg[] = "main: constructor\n";
    ssize_t r = write(1, msg, sizeof msg - 1);
    (void)r;
}

int main(void)
{
    printf("main: values %d %d\n", chain_a_value(), diamond_d_value());
    fflush(stdout);
    return 0;
}
