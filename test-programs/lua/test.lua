-- Lua under rtld: C modules through dlopen (require and package.loadlib),
-- their __thread data in the main thread, in a new thread and in a thread
-- started before the module was loaded, plus plain interpreter work.
-- Run from the directory holding the modules:  lua test.lua [close]
-- "close" ends with os.exit(3, true): lua_close dlcloses every module.
package.path = "./?.lua"
package.cpath = "./?.so"
local function show(...) print(...) end

-- interpreter work: strings, tables, math, closures, coroutines, errors
local words = {}
for w in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do
  words[#words + 1] = w
end
table.sort(words)
show("words", #words, table.concat(words, ","))
local freq = {}
for _, w in ipairs(words) do freq[w] = (freq[w] or 0) + 1 end
show("the x" .. freq.the, ("%-6s|%6.3f|%x|%q"):format("pi", math.pi, 48879, "a\nb"))
show("math", math.floor(-3.5), math.max(3, 9, 4), 7 // 2, 7 % -3, 2 ^ 10, math.tointeger(5.0),
     math.maxinteger, 1e308 * 10, -(0 / 0) ~= -(0 / 0))
show("utf8", utf8.len("héllo"), utf8.char(72, 233, 8364), #utf8.char(8364))
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
show("fib", fib(25))
local co = coroutine.wrap(function(a) for i = 1, 3 do a = coroutine.yield(a * i) end return "done" end)
show("coroutine", co(2), co(5), co(7), co(0))
local t = setmetatable({}, { __index = function(_, k) return k * 2 end })
show("metatable", t[21], rawget(t, 21))
show("pcall", pcall(error, { code = 42 }), select(2, pcall(error, "boom", 0)))
local big = {}
for i = 1, 200000 do big[i] = i * i end
show("big table", #big, big[100000], collectgarbage("count") > 0)
show("string", ("abc"):rep(3, "-"), ("Hello"):upper(), ("x=1, y=22"):gsub("%d+", "<%0>"))
show("pack", string.unpack("<i4", string.pack("<i4", -2)), #string.pack("z", "abc"))

-- a C module through require (dlopen), linked against liblua.so
local tlsmod = require "tlsmod"
show("tlsmod", tlsmod.version, package.loaded.tlsmod == tlsmod)
show("bump", tlsmod.bump(1), tlsmod.bump(10), tlsmod.bump(-5))
show("name", "[" .. tlsmod.name() .. "]")
tlsmod.setname("main")
show("name", "[" .. tlsmod.name() .. "]")
show("spawn", tlsmod.spawn(3))
show("spawn", tlsmod.spawn(4))
show("after spawn", tlsmod.bump(0), tlsmod.name(), tlsmod.same_addr())
show("require again", require("tlsmod") == tlsmod)

-- package.loadlib: "*" loads the library RTLD_GLOBAL, then its functions
local open, err, where = package.loadlib("./pairmod.so", "*")
show("loadlib *", open, err, where)
local pairmod = assert(package.loadlib("./pairmod.so", "luaopen_pairmod"))()
local info = assert(package.loadlib("./pairmod.so", "pairmod_info"))
show(info())
-- the same file under another name: the same object, constructor once
local again = assert(package.loadlib(".//pairmod.so", "luaopen_pairmod"))()
show("pairmod tls", pairmod.tls(), pairmod.tls(), again.tls())
-- a module using pairmod's exports (function and __thread variable)
local usemod = require "usemod"
show("usemod", usemod.answer(7), usemod.tls(), pairmod.tls())

-- a worker thread started after tlsmod was loaded, and before latemod was:
-- both modules' __thread data are fresh in it
pairmod.start()
show("worker tlsmod", pairmod.run(tlsmod.bump_ptr(), 5), pairmod.run(tlsmod.bump_ptr(), 5))
local latemod = require "latemod"
show("latemod", latemod.version, latemod.bump(1), "[" .. latemod.name() .. "]")
show("worker latemod", pairmod.run(latemod.bump_ptr(), 2), pairmod.run(latemod.bump_ptr(), 2))
show("main still", tlsmod.bump(0), latemod.bump(0), tlsmod.same_addr(), latemod.same_addr())
show("latemod spawn", latemod.spawn(9))
pairmod.stop()

-- failures: a missing module, a missing function, a missing file
local ok, msg = pcall(require, "nosuchmod")
show("missing module", ok, msg)
local f, e, w = package.loadlib("./tlsmod.so", "no_such_function")
show("missing function", f, w, type(e), e and e:find("no_such_function", 1, true) ~= nil)
f, e, w = package.loadlib("./no-such-file.so", "luaopen_x")
show("missing file", f, w, type(e), e and e:find("no-such-file.so", 1, true) ~= nil)

io.stderr:write("to stderr\n")
io.write("exiting with 3\n")
os.exit(3, arg[1] == "close")
