/* dl test (global_order): a library loaded last, whose reference to
 * scope_who binds to the first definition in the global scope. */
const char *scope_who(void);
const char *scope_user(void);

const char *scope_user(void)
{
    return scope_who();
}
