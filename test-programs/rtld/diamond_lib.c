/* rtld test: libdiamond (-DNAME=D, needs libchain_c and libdiamond_e) and
 * libdiamond_e (-DNAME=E).  With the program needing libchain_a (-> B -> C)
 * then libdiamond, constructors run depth first, dependencies before
 * dependents and each once: C, B, A, E, D, main. */
#include "announce.h"

#define STR(x) #x
#define XSTR(x) STR(x)

__attribute__((constructor)) static void ctor(void) { say(XSTR(NAME) ": constructor\n"); }
__attribute__((destructor)) static void dtor(void) { say(XSTR(NAME) ": destructor\n"); }

#ifdef NEEDS_E
int chain_c_value(void);
int diamond_e_value(void);

int diamond_d_value(void)
{
    return chain_c_value() + diamond_e_value();
}
#else
int diamond_e_value(void)
{
    return 4;
}
#endif
