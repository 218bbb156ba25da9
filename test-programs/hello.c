/* The baseline program of bench/ and the simplest end-to-end case. */
#include <stdio.h>

int main(int argc, char **argv)
{
    (void)argv;
    printf("hello %d\n", argc);
    return 0;
}
