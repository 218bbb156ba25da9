/* rtld test: libgone, present when the program is linked but removed
 * before it runs: rtld must report the missing library. */
int gone_value(void)
{
    return 1;
}
