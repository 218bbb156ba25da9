/* dl test (global_order): a library that names itself through scope_who,
 * a symbol every variant defines (-DNAME="..."). */
const char *scope_who(void);

const char *scope_who(void)
{
    return NAME;
}
