/* rtld test: libruntop (-DTOP, needs librunleaf) and librunleaf, neither
 * with a search path of its own: librunleaf is found through the DT_RUNPATH
 * of the program that needs or dlopens libruntop (runpath_deps.c). */
#ifdef TOP
int run_leaf_value(void);

int run_top_value(void)
{
    return run_leaf_value() + 1;
}
#else
int run_leaf_value(void)
{
    return 41;
}
#endif
