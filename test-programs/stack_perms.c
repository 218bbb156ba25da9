/* Prints the protection of the stack mapping, so PT_GNU_STACK handling can
 * be compared: rw-p normally, rwxp when linked with -z execstack. */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char line[512];
    FILE *maps = fopen("/proc/self/maps", "r");
    if (!maps)
        return 1;
    while (fgets(line, sizeof line, maps))
        if (strstr(line, "[stack]")) {
            char perms[5] = { 0 };
            sscanf(line, "%*s %4s", perms);
            printf("stack %s\n", perms);
        }
    fclose(maps);
    return 0;
}
