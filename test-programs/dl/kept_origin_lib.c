/* kept_origin.c's library: it needs libsoname_x.so, found through its
 * DT_RPATH $ORIGIN, and says which one it got. */
const char *soname_which(void);

const char *origin_which(void)
{
    return soname_which();
}
