/* A Lua C module built without liblua.so: its Lua symbols resolve at load
 * time to the interpreter's liblua.so.  The test loads it with
 * package.loadlib(path, "*") (RTLD_GLOBAL), then calls luaopen_pairmod and
 * pairmod_info through package.loadlib; usemod.so uses its exports.
 *   pairmod.start()     starts a worker thread (before tlsmod is loaded)
 *   pairmod.run(f, n)   the worker calls f(n) (f: light userdata, a C
 *                       function long(long)) and the result comes back
 *   pairmod.stop()      ends and joins the worker
 *   pairmod.tls()       this thread's pairmod_tls (starts at 7) */
#include <lauxlib.h>
#include <lua.h>
#include <pthread.h>
#include <stdio.h>

__thread int pairmod_tls = 7;
int pairmod_answer(int x) { return 6 * x; }

__attribute__((constructor)) static void ctor(void) { printf("pairmod: constructor\n"); }
__attribute__((destructor)) static void dtor(void) { printf("pairmod: destructor\n"); }

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long (*job)(long);
static long job_arg, job_result;
static int job_pending, job_done, quit, running;
static pthread_t worker;

static void *worker_main(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&lock);
    for (;;) {
        while (!job_pending && !quit)
            pthread_cond_wait(&cond, &lock);
        if (quit)
            break;
        job_result = job(job_arg);
        job_pending = 0;
        job_done = 1;
        pthread_cond_broadcast(&cond);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

static int l_start(lua_State *L)
{
    if (running)
        return luaL_error(L, "worker already running");
    quit = 0;
    if (pthread_create(&worker, NULL, worker_main, NULL) != 0)
        return luaL_error(L, "pthread_create failed");
    running = 1;
    return 0;
}

static int l_run(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TLIGHTUSERDATA);
    long (*f)(long) = (long (*)(long))lua_touserdata(L, 1);
    long n = luaL_checkinteger(L, 2);
    if (!running)
        return luaL_error(L, "no worker");
    pthread_mutex_lock(&lock);
    job = f;
    job_arg = n;
    job_done = 0;
    job_pending = 1;
    pthread_cond_broadcast(&cond);
    while (!job_done)
        pthread_cond_wait(&cond, &lock);
    long r = job_result;
    pthread_mutex_unlock(&lock);
    lua_pushinteger(L, r);
    return 1;
}

static int l_stop(lua_State *L)
{
    (void)L;
    if (running) {
        pthread_mutex_lock(&lock);
        quit = 1;
        pthread_cond_broadcast(&cond);
        pthread_mutex_unlock(&lock);
        pthread_join(worker, NULL);
        running = 0;
    }
    return 0;
}

static int l_tls(lua_State *L)
{
    lua_pushinteger(L, pairmod_tls++);
    return 1;
}

int pairmod_info(lua_State *L)
{
    lua_pushfstring(L, "pairmod info: %d", pairmod_answer(7));
    return 1;
}

static const luaL_Reg funcs[] = {
    { "start", l_start }, { "run", l_run }, { "stop", l_stop }, { "tls", l_tls },
    { NULL, NULL },
};

int luaopen_pairmod(lua_State *L)
{
    luaL_newlib(L, funcs);
    return 1;
}
