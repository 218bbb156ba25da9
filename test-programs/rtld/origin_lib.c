/* rtld test: liborigin, found through the program's $ORIGIN/lib rpath. */
const char *origin_where(void)
{
    return "liborigin.so, found in $ORIGIN/lib";
}
