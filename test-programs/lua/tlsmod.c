/* A Lua C module with __thread data, initialised (counter) and zero (tname),
 * linked against liblua.so (its DT_NEEDED is the interpreter's own library).
 * Built as tlsmod.so and, with -DMOD=latemod, as latemod.so (loaded after a
 * thread has started).
 *   tlsmod.bump(n)      adds n to this thread's counter (starts at 100)
 *   tlsmod.name()       this thread's name, "" until set (zero TLS)
 *   tlsmod.setname(s)   sets it
 *   tlsmod.spawn(n)     in a new thread: counter and name are fresh there;
 *                       returns that thread's bump(n) and name(), and whether
 *                       its counter lives at another address
 *   tlsmod.same_addr()  whether &counter is what it was at luaopen
 *   tlsmod.bump_ptr()   bump() for C, long(long), as light userdata, for
 *                       pairmod's worker thread */
#include <lauxlib.h>
#include <lua.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#ifndef MOD
#define MOD tlsmod
#endif
#define STR_(x) #x
#define STR(x) STR_(x)
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)

static __thread long counter = 100;
static __thread char tname[32];
static long *main_counter;

__attribute__((constructor)) static void ctor(void) { printf(STR(MOD) ": constructor\n"); }
__attribute__((destructor)) static void dtor(void) { printf(STR(MOD) ": destructor\n"); }

static long bump(long n) { counter += n; return counter; }

static int l_bump(lua_State *L)
{
    lua_pushinteger(L, bump(luaL_checkinteger(L, 1)));
    return 1;
}

static int l_name(lua_State *L)
{
    lua_pushstring(L, tname);
    return 1;
}

static int l_setname(lua_State *L)
{
    const char *s = luaL_checkstring(L, 1);
    snprintf(tname, sizeof tname, "%s", s);
    return 0;
}

struct spawn_arg { long n, result; char name[32]; int other_addr; };

static void *spawn_main(void *p)
{
    struct spawn_arg *a = p;
    a->result = bump(a->n);
    memcpy(a->name, tname, sizeof a->name);
    snprintf(tname, sizeof tname, "worker");  /* this thread's only */
    a->other_addr = &counter != main_counter;
    return NULL;
}

static int l_spawn(lua_State *L)
{
    struct spawn_arg a = { luaL_checkinteger(L, 1), 0, "?", 0 };
    pthread_t t;
    if (pthread_create(&t, NULL, spawn_main, &a) != 0)
        return luaL_error(L, "pthread_create failed");
    pthread_join(t, NULL);
    lua_pushinteger(L, a.result);
    lua_pushstring(L, a.name);
    lua_pushboolean(L, a.other_addr);
    return 3;
}

static int l_same_addr(lua_State *L)
{
    lua_pushboolean(L, &counter == main_counter);
    return 1;
}

static int l_bump_ptr(lua_State *L)
{
    lua_pushlightuserdata(L, (void *)bump);
    return 1;
}

static const luaL_Reg funcs[] = {
    { "bump", l_bump }, { "name", l_name }, { "setname", l_setname },
    { "spawn", l_spawn }, { "same_addr", l_same_addr }, { "bump_ptr", l_bump_ptr },
    { NULL, NULL },
};

int CAT(luaopen_, MOD)(lua_State *L)
{
    main_counter = &counter;
    luaL_newlib(L, funcs);
    lua_pushstring(L, STR(MOD) " 1.0");
    lua_setfield(L, -2, "version");
    return 1;
}
