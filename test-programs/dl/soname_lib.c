/* same_soname.c's libraries: libsoname_one.so and libsoname_two.so, both
 * under the soname libsoname_x.so. */
const char *soname_which(void)
{
    return NAME;
}
