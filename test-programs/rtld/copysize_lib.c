/* rtld test (copysize): a library whose `table` has WORDS words.  The
 * programs are linked against a build of it with another WORDS under the
 * same soname, so that their COPY relocation's symbol has another size
 * than the definition they run with. */
int table[WORDS] = { [0 ... WORDS - 1] = 0x5a5a5a5a };
int table_after = 0x77777777;   /* next in .data: what reading past the table finds */
int table_words(void);

int table_words(void)
{
    return WORDS;
}
