/* rtld test: a COPY relocation whose sizes differ.  The program was linked
 * against a libcopysize.so whose `table` has LINKED words, the room of its
 * copy; the library it runs with has table_words().  The smaller size is
 * copied (glibc's rule; musl's linker copies the program's size, reading
 * past a smaller definition), and nothing of the program's own after its
 * copy is written. */
#include <stdio.h>

extern int table[];
int table_words(void);
int after[64];          /* the program's own .bss, after its copy (.dynbss) */

int main(void)
{
    int copied = 0, past = 0, written = 0;
    for (int i = 0; i < LINKED; i++) {
        copied += table[i] == 0x5a5a5a5a;
        past += i >= table_words() && table[i] != 0;    /* read past the definition */
    }
    for (int i = 0; i < 64; i++)
        written += after[i] != 0;
    printf("the library's table: %d words; the program's copy: %d words, %d of them copied\n",
           table_words(), LINKED, copied);
    printf("the copy past the library's table: %s\n", past ? "NOT ZERO" : "zero");
    printf("the program's variable after its copy: %s\n", written ? "OVERWRITTEN" : "intact");
    return 0;
}
