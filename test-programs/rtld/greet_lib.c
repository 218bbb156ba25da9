/* rtld test: libgreet, whose greeting() a preloaded library replaces. */
const char *greeting(void)
{
    return "greeting from libgreet";
}

const char *greet_indirect(void)
{
    return greeting();
}
