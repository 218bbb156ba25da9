/* rtld test: libweak, linked after libstrong.  flavour() is weak here and
 * strong in libstrong; colour() is strong here and weak in libstrong.  A
 * dynamic linker takes the first definition in the global scope, weak or
 * not (as musl's and glibc's do): flavour() and colour() both come from
 * libstrong, also for this library's own calls. */
const char *flavour(void) __attribute__((weak));
const char *flavour(void)
{
    return "weak flavour from libweak";
}

const char *colour(void)
{
    return "strong colour from libweak";
}

const char *libweak_calls_flavour(void)
{
    return flavour();
}

const char *libweak_calls_colour(void)
{
    return colour();
}
