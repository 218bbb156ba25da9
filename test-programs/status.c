/* Writes to stdout and stderr and exits with the status given as argv[1]:
 * the end-to-end tests compare all three. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    int status = argc > 1 ? atoi(argv[1]) : 0;
    printf("to stdout, exiting with %d\n", status);
    fprintf(stderr, "to stderr\n");
    return status;
}
