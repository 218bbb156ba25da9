/* stack_depth: how far below its entry stack pointer someone wrote before
 * main: the lowest non-zero byte in the 16 KiB under main's own frame.
 * Stack pages below the entry pointer are zero under the kernel; under the
 * loader they hold what its frames left there (README "Known
 * differences"), whose depth tests/identity bounds.
 *
 *   depth N   bytes from that lowest byte up to argv (argv = the entry
 *             stack pointer + 8: argc lies at it); main's frame depth when
 *             nothing lies below it */
#include <stdint.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    (void)argc;
    /* below main's frame and what it may spill there before the loop */
    uintptr_t top = ((uintptr_t)__builtin_frame_address(0) - 512) & ~(uintptr_t)15;
    uintptr_t lowest = top;
    for (uintptr_t a = top - 16384; a < top; a++)
        if (*(volatile const unsigned char *)a) {
            lowest = a;
            break;
        }
    printf("depth %lu\n", (unsigned long)((uintptr_t)argv - lowest));
    return 0;
}
