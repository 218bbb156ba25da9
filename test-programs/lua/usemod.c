/* A Lua C module whose undefined symbols include another module's
 * (pairmod.so, loaded RTLD_GLOBAL by package.loadlib(path, "*")): a
 * function and a __thread variable (general-dynamic TLS across objects). */
#include <lauxlib.h>
#include <lua.h>

extern __thread int pairmod_tls;
int pairmod_answer(int);

static int l_answer(lua_State *L)
{
    lua_pushinteger(L, pairmod_answer((int)luaL_checkinteger(L, 1)));
    return 1;
}

static int l_tls(lua_State *L)   /* pairmod's counter, bumped by 10 */
{
    pairmod_tls += 10;
    lua_pushinteger(L, pairmod_tls);
    return 1;
}

static const luaL_Reg funcs[] = { { "answer", l_answer }, { "tls", l_tls }, { NULL, NULL } };

int luaopen_usemod(lua_State *L)
{
    luaL_newlib(L, funcs);
    return 1;
}
