/* rtld test: libstrong, linked before libweak (see weak_lib.c). */
const char *flavour(void)
{
    return "strong flavour from libstrong";
}

const char *colour(void) __attribute__((weak));
const char *colour(void)
{
    return "weak colour from libstrong";
}
