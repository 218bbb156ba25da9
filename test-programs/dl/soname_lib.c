/* same_soname.c's libraries: libsoname_one.so and libsoname_two.so, both
 * under the soname libsoname_x.so; kept_changed.c's libsoname_pad.so. */
const char *soname_which(void)
{
    return NAME;
}

#ifdef PAD
/* libsoname_pad.so (kept_changed.c): another layout, which a kept copy of
 * libsoname_one.so would misread were it taken back for it */
const char soname_pad[1 << 16] = { 1 };
#endif
