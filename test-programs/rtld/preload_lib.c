/* rtld test: libpreload, loaded with LD_PRELOAD (or rtld --preload): it
 * comes right after the program in the global scope, so its greeting()
 * wins over libgreet's, and its constructor runs before the program's. */
#include <string.h>
#include <unistd.h>

__attribute__((constructor)) static void ctor(void)
{
    static const char msg[] = "libpreload: constructor\n";
    ssize_t r = write(1, msg, sizeof msg - 1);
    (void)r;
}

const char *greeting(void)
{
    return "greeting from libpreload";
}
