#!/usr/bin/env python3
"""rtld against musl's own dynamic linker.

    run_rtld.py --rtld PATH --programs DIR [--cpu CPU] [--wrap 'qemu-x86_64'] [-k TEXT]

DIR holds the programs and libraries test-programs/rtld/meson.build
builds: every program twice, NAME with musl's dynamic linker as PT_INTERP
and NAME-interp with rtld.  Each case runs a program three ways:

  direct   NAME ARGS, with musl's own dynamic linker: the reference;
  command  rtld [OPTIONS] NAME ARGS;
  interp   NAME-interp ARGS, the kernel starting rtld as its PT_INTERP;

and requires the same exit status, stdout and stderr from all of them --
or, where musl's linker cannot be the reference (IFUNC) or where rtld must
refuse (a missing library, an unresolvable symbol), the exact output and
status the case states.  With --wrap, every run happens under the wrapper
(qemu-user): `qemu-x86_64 NAME`, `qemu-x86_64 RTLD NAME`,
`qemu-x86_64 NAME-interp`, the case's environment passed with -E.
"""
import os
import shutil
import struct
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import mdwe  # noqa: E402
from compare_runs import differences, execute, parse_args, run_cases, show  # noqa: E402

BASE_ENV = {"PATH": "/usr/bin:/bin", "HOME": "/root", "LANG": "C", "RTLD_TESTS": "1"}


def pt_interp(path):
    """The PT_INTERP string of an ELF64 file, or None."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2:
        return None
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for i in range(phnum):
        p_type, _, p_offset, _, _, p_filesz = struct.unpack_from("<IIQQQQ", data, phoff + i * phentsize)
        if p_type == 3:
            return data[p_offset:p_offset + p_filesz].rstrip(b"\0").decode()
    return None


def relocations_against(path, name):
    """How many dynamic relocations of an ELF64 file (its SHT_RELA sections
    with the dynamic symbol table) name the symbol name: how many lines a
    missing symbol gets, one per relocation as under musl's linker (the
    count differs between CPUs)."""
    with open(path, "rb") as f:
        data = f.read()
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
    count = 0
    for _, sh_type, _, _, off, size, link, _, _, entsize in sections:
        if sh_type != 4:                # SHT_RELA
            continue
        symtab = sections[link]
        strtab = sections[symtab[6]]
        for r in range(off, off + size, entsize):
            symidx = struct.unpack_from("<Q", data, r + 8)[0] >> 32
            st_name, = struct.unpack_from("<I", data, symtab[4] + 24 * symidx)
            end = data.index(b"\0", strtab[4] + st_name)
            count += symidx != 0 and data[strtab[4] + st_name:end] == name.encode()
    return count


class Run:
    """One way of running a case's program."""
    def __init__(self, label, mode, opts=(), env=None, drop_env=(), rtld=None):
        self.label = label
        self.mode = mode                # "direct", "command" or "interp"
        self.opts = list(opts)          # rtld options (command mode)
        self.env = env or {}            # added to the case's environment
        self.drop_env = drop_env        # taken out of it
        self.rtld = rtld                # command mode: rtld by this path instead


DEFAULT_RUNS = (Run("rtld PROG", "command"), Run("PT_INTERP rtld", "interp"))


class Case:
    def __init__(self, name, prog, args=(), env=None, cwd=None, argv0=None, runs=DEFAULT_RUNS,
                 expect=None, reference="same", fresh_cwd=False, clear_env=False, launcher=()):
        self.name = name
        self.launcher = list(launcher)  # what starts the program, or rtld (command)
        self.prog = prog                # the reference program; prog + "-interp" the other
        self.args = list(args)
        self.env = env or {}            # added to BASE_ENV
        self.clear_env = clear_env      # start from an empty environment
        self.cwd = cwd
        self.argv0 = argv0              # argv[0] instead of the program's path
        self.runs = runs
        # expect(run, prog_path, reference_result) -> (status, stdout, stderr)
        # that run must give; by default the reference's own result
        self.expect = expect
        # "same": the reference must succeed (status 0, some output) and be
        # matched; "fails": musl's linker must refuse it (non-zero status);
        # "unchecked": it runs, but musl's linker does not do what the case
        # tests, which states its own expectation
        self.reference = reference
        self.fresh_cwd = fresh_cwd      # each run in a new empty directory


def run_one(case, run, rtld, wrap, tmp):
    """Run the case one way; return (result, path of the program run)."""
    env = {} if case.clear_env else dict(BASE_ENV)
    extra = dict(case.env)
    extra.update(run.env)
    for k in run.drop_env:
        extra.pop(k, None)
    prog = case.prog + "-interp" if run.mode == "interp" else case.prog
    cwd = tempfile.mkdtemp(dir=tmp) if case.fresh_cwd else case.cwd
    executable = None
    rtld = run.rtld or rtld
    if wrap:
        # the case's variables go to the guest only, not to qemu itself
        cmd = list(wrap)
        for k, v in sorted(extra.items()):
            cmd += ["-E", "%s=%s" % (k, v)]
        if run.mode == "command":
            cmd += [rtld] + run.opts + [prog]
        else:
            cmd += (["-0", case.argv0] if case.argv0 is not None else []) + [prog]
    else:
        env.update(extra)
        if run.mode == "command":
            cmd = case.launcher + [rtld] + run.opts + [prog]
        elif case.argv0 is not None:
            cmd, executable = [case.argv0], prog
        else:
            cmd = case.launcher + [prog]
    if run.mode == "command" and case.argv0 is not None:
        cmd[-1:-1] = ["--argv0", case.argv0]
    return execute(cmd + case.args, env, cwd, executable), prog


def check(case, rtld, wrap, tmp, arch):
    problems = []
    prog = os.path.join(case.cwd or "", case.prog)
    for p in (prog, prog + "-interp"):
        if not os.path.isfile(p):
            return ["program not built: %s" % p]
    # the two builds must really name the two linkers
    ref_interp, interp = pt_interp(prog), pt_interp(prog + "-interp")
    if ref_interp not in (arch.MUSL_INTERP, arch.GLIBC_INTERP):
        problems.append("reference %s has PT_INTERP %r" % (prog, ref_interp))
    if interp is None or os.path.realpath(interp) != os.path.realpath(rtld):
        problems.append("%s-interp has PT_INTERP %r, not rtld" % (prog, interp))

    ref, _ = run_one(case, Run("direct", "direct"), rtld, wrap, tmp)
    if case.reference == "same":
        if ref[0] != 0 or not ref[1]:
            problems.append("the reference run itself failed: status %r, stdout %r, stderr %r"
                            % (ref[0], show(ref[1]), show(ref[2])))
    elif case.reference == "fails":
        if ref[0] == 0 or ref[0] == "timeout" or (isinstance(ref[0], int) and ref[0] < 0):
            problems.append("musl's dynamic linker was expected to refuse this, but: status %r, "
                            "stdout %r, stderr %r" % (ref[0], show(ref[1]), show(ref[2])))
    for run in case.runs:
        got, path = run_one(case, run, rtld, wrap, tmp)
        want = case.expect(run, path, ref) if case.expect else ref
        problems += ["%s: %s" % (run.label, d) for d in differences(want, got)]
    return problems


def copy(src, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copy2(src, dst)


def build_cases(progs, rtld, wrap, tmp, arch):
    P = lambda name: os.path.join(progs, name)
    cases = []

    # --- the programs as built, compared with musl's linker
    cases.append(Case("hello", P("hello"), ["a", "two words", ""]))
    cases.append(Case("hello, empty environment", P("hello"), ["x"], clear_env=True))
    cases.append(Case("hello, --argv0 / argv[0]", P("hello"), ["argv0", "b"], argv0="renamed"))
    cases.append(Case("constructor and destructor order (libA -> libB -> libC)", P("chain")))
    cases.append(Case("constructor and destructor order (diamond)", P("diamond")))
    cases.append(Case("interposition and weak symbols", P("interpose")))
    cases.append(Case("COPY relocations (non-PIE)", P("copyreloc")))
    # a COPY whose definition is larger than the program's copy (linked
    # against a smaller build of the library): only the copy's room is
    # written, as musl's linker copies it
    cases.append(Case("COPY relocation of a definition larger than the program's copy",
                      P("copysize-grown")))
    # ... and smaller: rtld copies the definition's size, as glibc does;
    # musl's linker copies the program's, reading past the definition
    cases.append(Case("COPY relocation of a definition smaller than the program's copy "
                      "(expected output; musl's linker reads past the definition)",
                      P("copysize-shrunk"), reference="unchecked",
                      expect=lambda run, path, ref: (0, (
                          b"the library's table: 16 words; the program's copy: 64 words, "
                          b"16 of them copied\n"
                          b"the copy past the library's table: zero\n"
                          b"the program's variable after its copy: intact\n"), b"")))
    cases.append(Case("function-pointer equality (PIE)", P("fnptr")))
    cases.append(Case("function-pointer equality (non-PIE)", P("fnptr-nopie")))
    cases.append(Case("TLS in program and libraries, with threads (PIE)", P("tls")))
    cases.append(Case("TLS in program and libraries, with threads (non-PIE)", P("tls-nopie")))
    if arch.TLS_OTHER_DIALECT:
        cases.append(Case("TLS in program and libraries, with threads, the CPU's other TLS "
                          "dialect (x86_64: TLS descriptors; aarch64: DTPMOD64/DTPREL64)",
                          P("tls-other-dialect")))
    cases.append(Case("malloc replaced by the program", P("malloc-replace")))
    donated = b"a first block lies in the unused end of an object's page: yes\n"
    cases.append(Case("malloc takes the unused ends of the objects' pages (as under musl)",
                      P("donate"), expect=lambda run, path, ref: (0, donated, b"")))
    # musl 1.2.3's dl_iterate_phdr reports __tls_get_addr({id, 0}) as
    # dlpi_tls_data, which on a CPU with a DTP offset (riscv64: 0x800) is
    # that far into the block; rtld reports the block, as glibc does and
    # <link.h> describes: there the reference's verdict is corrected.
    def phdr_expect(run, path, ref):
        if not arch.DTP_OFFSET:
            return ref
        return ref[0], ref[1].replace(b"dlpi_tls_data elsewhere",
                                      b"dlpi_tls_data this thread's block"), ref[2]
    cases.append(Case("dl_iterate_phdr", P("phdr"), expect=phdr_expect))
    cases.append(Case("preload: none", P("preload")))
    preload = P("libpreload.so")
    cases.append(Case("preload: LD_PRELOAD / --preload", P("preload"), env={"LD_PRELOAD": preload},
                      runs=DEFAULT_RUNS + (Run("rtld --preload LIB PROG", "command",
                                                   opts=["--preload", preload],
                                                   drop_env=["LD_PRELOAD"]),)))
    # a preload that cannot be loaded is left out with a warning (glibc's
    # rule; musl's linker leaves it out silently)
    nope = "/nonexistent-rtld-test/libnope.so"

    def preload_warning(run, path, ref):
        warning = "rtld: warning: library %s not found; not preloaded\n" % nope
        return ref[0], ref[1], warning.encode() + ref[2]
    cases.append(Case("preload: a missing library is left out with a warning", P("preload"),
                      env={"LD_PRELOAD": nope + " " + preload}, expect=preload_warning,
                      runs=DEFAULT_RUNS + (Run("rtld --preload LIBS PROG", "command",
                                                   opts=["--preload", nope + ":" + preload],
                                                   drop_env=["LD_PRELOAD"]),)))
    cases.append(Case("zlib (Debian's source built with musl): small program", P("zlib-demo"),
                      fresh_cwd=True))
    cases.append(Case("zlib (Debian's source built with musl): zlib's example.c", P("zlib-example"),
                      fresh_cwd=True))

    # --- IFUNC.  musl's dynamic linker supports neither STT_GNU_IFUNC
    # symbols nor R_X86_64_IRELATIVE (by design: musl does not do IFUNC), so
    # it must refuse the program and cannot be the reference: the resolvers'
    # choice is fixed, and these are the results it gives.
    ifunc_out = (b"ifunc_add(2, 3) from the program: 1005\n"
                 b"ifunc_add(2, 3) from the library: 1005\n"
                 b"through the program's pointer: 1005\n"
                 b"pointers equal: yes\n"
                 b"hidden ifunc_mul(4, 5) in the library: 2020\n"
                 b"the program's own prog_sub(9, 4): 3005\n")
    cases.append(Case("IFUNC (expected output; musl's linker refuses it)", P("ifunc"),
                      reference="fails", expect=lambda run, path, ref: (0, ifunc_out, b"")))

    # --- where rtld follows the gABI and the LSB but musl's linker does not
    # do what is tested, so that the reference is not checked.  musl ignores
    # DT_PREINIT_ARRAY (in dynamic and static programs alike).
    # (DT_INIT and DT_FINI run where musl runs them: arch.LEGACY_INITFINI)
    legacy = arch.LEGACY_INITFINI
    cases.append(Case("DT_PREINIT_ARRAY (expected output; musl's linker ignores it)", P("preinit"),
                      reference="unchecked", expect=lambda run, path, ref: (0, (
                          b"main: preinit_array entry 1\n"
                          b"main: preinit_array entry 2\n"
                          + (b"C: DT_INIT\n" if legacy else b"") +
                          b"C: constructor\nC: init_array entry\n"
                          b"B: constructor (printf, errno 0)\nB: init_array entry\n"
                          b"A: constructor\nA: init_array entry\n"
                          b"main: constructor\n"
                          b"main: running\n"
                          b"A: fini_array entry\nA: destructor\n"
                          b"B: fini_array entry\nB: destructor\n"
                          b"C: fini_array entry\nC: destructor\n"
                          + (b"C: DT_FINI\n" if legacy else b"")), b"")))
    cases.append(Case("symbol versions: default version", P("ver-new")))
    # musl's linker matches names only (and skips hidden versions), so it
    # would bind the old program to ver_fn@@VER_2.
    cases.append(Case("symbol versions: an old program gets the version it was linked with "
                      "(expected output; musl's linker ignores versions)", P("ver-old"),
                      reference="unchecked", expect=lambda run, path, ref: (
                          0, b"got ver_fn@VER_1, the compatibility version\n", b"")))

    # --- $ORIGIN: the program in app/, its library in app/lib/
    app = os.path.join(tmp, "app")
    copy(P("liborigin.so"), os.path.join(app, "lib", "liborigin.so"))
    for kind in ("rpath", "runpath"):
        name = "origin-" + kind
        for suffix in ("", "-interp"):
            copy(P(name + suffix), os.path.join(app, name + suffix))
        dt = "DT_RPATH" if kind == "rpath" else "DT_RUNPATH"
        cases.append(Case("$ORIGIN/lib in %s" % dt, os.path.join(app, name)))
        cases.append(Case("$ORIGIN/lib in %s, relative program path" % dt, os.path.join("app", name),
                          cwd=tmp))
    # a library's dependency found through the DT_RUNPATH of the program
    # that needs or dlopens the library, as musl's linker finds it (the
    # paths up the chain of needing objects; glibc fails there)
    for lib in ("libruntop.so", "librunleaf.so"):
        copy(P(lib), os.path.join(app, "lib", lib))
    for name, how in (("runpath-deps", "needs"), ("runpath-dlopen", "dlopens")):
        for suffix in ("", "-interp"):
            copy(P(name + suffix), os.path.join(app, name + suffix))
        cases.append(Case("a library's dependency through the DT_RUNPATH of the program that "
                          "%s it (musl's rule)" % how, os.path.join(app, name)))
    # through a symlink in another directory: $ORIGIN is where the program
    # file really is (musl and glibc read /proc/self/exe)
    elsewhere = os.path.join(tmp, "elsewhere")
    os.makedirs(elsewhere)
    for suffix in ("", "-interp"):
        os.symlink(os.path.join(app, "origin-rpath" + suffix),
                   os.path.join(elsewhere, "origin-rpath" + suffix))
    cases.append(Case("$ORIGIN/lib in DT_RPATH, run through a symlink",
                      os.path.join(elsewhere, "origin-rpath"), runs=(Run("PT_INTERP rtld", "interp"),)))

    # search order (gABI "Shared Object Dependencies", as glibc has it): a
    # DT_RPATH before LD_LIBRARY_PATH, a DT_RUNPATH after it; RTLD_DEBUG=1
    # names the copy found.  musl's linker searches LD_LIBRARY_PATH first,
    # so its result is not checked.
    other = os.path.join(tmp, "other-libdir")
    copy(P("liborigin.so"), os.path.join(other, "liborigin.so"))
    for kind, first, order in (("rpath", os.path.join(app, "lib"), "DT_RPATH before LD_LIBRARY_PATH"),
                               ("runpath", other, "LD_LIBRARY_PATH before DT_RUNPATH")):
        def search_order(run, path, ref, first=first):
            self = rtld if run.mode == "command" else pt_interp(path) or "?"
            return 0, b"loaded liborigin.so, found in $ORIGIN/lib\n", (
                "rtld: liborigin.so => %s/liborigin.so (needed by %s)\n"
                "rtld: libc.so => %s (needed by %s)\n" % (first, path, self, path)).encode()
        cases.append(Case("search order: %s (expected output; musl's linker searches "
                          "LD_LIBRARY_PATH first)" % order,
                          os.path.join(app, "origin-" + kind), reference="unchecked",
                          env={"LD_LIBRARY_PATH": other, "RTLD_DEBUG": "1"}, expect=search_order))

    # started with fexecve(3): AT_EXECFN is /dev/fd/N, closed by then, and
    # $ORIGIN comes from /proc/self/exe, as musl takes it.  Natively only:
    # under qemu-user the execve is the host kernel's, which runs the
    # program natively.
    if not wrap:
        fexecve = [sys.executable, "-c", "import os, sys\n"
                   "fd = os.open(sys.argv[1], os.O_RDONLY | os.O_CLOEXEC)\n"
                   "os.execve(fd, sys.argv[1:], os.environ)"]
        cases.append(Case("$ORIGIN/lib in DT_RPATH, started with fexecve",
                          os.path.join(app, "origin-rpath"), launcher=fexecve,
                          runs=(Run("PT_INTERP rtld", "interp"),)))

    # --- memory-deny-write-execute (tests/mdwe.py: prctl PR_SET_MDWE, and
    # the seccomp filter of systemd's MemoryDenyWriteExecute=): no mprotect
    # may add PROT_EXEC, new executable mappings are allowed.  musl's linker
    # runs programs so, and rtld must too.  Natively only: qemu-user's code
    # generator needs writable executable memory.
    mdwe_cases = [("hello", P("hello")),
                  ("constructor and destructor order (libA -> libB -> libC)", P("chain")),
                  ("TLS in program and libraries, with threads (PIE)", P("tls"))]
    for kind in mdwe.KINDS:
        launcher = [] if wrap else mdwe.usable_launcher(kind, arch)
        for name, prog in mdwe_cases:
            name += ", under memory-deny-write-execute (%s)" % kind
            if wrap:
                print("SKIP %s: qemu-user cannot run under it" % name)
            elif not launcher:
                print("SKIP %s: this kernel cannot set it up" % name)
            else:
                cases.append(Case(name, prog, launcher=launcher))

    # --- LD_LIBRARY_PATH: the library only in a directory of its own
    libdir = os.path.join(tmp, "libdir")
    copy(P("libpath.so"), os.path.join(libdir, "libpath.so"))
    cases.append(Case("LD_LIBRARY_PATH / --library-path", P("libpath"),
                      env={"LD_LIBRARY_PATH": "/nonexistent-rtld-test:" + libdir},
                      runs=DEFAULT_RUNS + (Run("rtld --library-path DIR PROG", "command",
                                                   opts=["--library-path", libdir],
                                                   drop_env=["LD_LIBRARY_PATH"]),)))

    # --- RTLD_DEBUG=1: one line per library found, in load order
    chain = P("chain")

    def chain_debug(run, path, ref):
        d = os.path.dirname(path)
        # libc.so is rtld's own object, named as rtld was started
        self = rtld if run.mode == "command" else pt_interp(path) or "?"
        lines = ["libchain_a.so => %s/libchain_a.so (needed by %s)" % (d, path),
                 "libc.so => %s (needed by %s)" % (self, path),
                 "libchain_b.so => %s/libchain_b.so (needed by %s/libchain_a.so)" % (d, d),
                 "libchain_c.so => %s/libchain_c.so (needed by %s/libchain_b.so)" % (d, d)]
        return ref[0], ref[1], "".join("rtld: %s\n" % l for l in lines).encode()
    cases.append(Case("RTLD_DEBUG=1 lists the libraries", chain, env={"RTLD_DEBUG": "1"},
                      expect=chain_debug))

    # --- glibc programs are handed to glibc's dynamic linker
    cases.append(Case("glibc program handed off", P("hello-glibc"), ["g1", "g 2"]))

    def handoff(run, path, ref):
        line = "rtld: %s: linked against glibc, handing it to %s\n" % (path, arch.GLIBC_INTERP)
        return ref[0], ref[1], line.encode() + ref[2]
    cases.append(Case("glibc program handed off, RTLD_DEBUG=1", P("hello-glibc"), ["g1"],
                      env={"RTLD_DEBUG": "1"}, expect=handoff))

    # --- refusals, with rtld's exact messages; musl's linker refuses too
    def refusal(status, fmt):
        def expect(run, path, ref):
            d = os.path.dirname(path)
            return status, b"", ("rtld: " + fmt.format(prog=path, dir=d) + "\n").encode()
        return expect
    gone = os.path.join(tmp, "gone")
    for suffix in ("", "-interp"):
        copy(P("needs-gone" + suffix), os.path.join(gone, "needs-gone" + suffix))
    cases.append(Case("missing library", os.path.join(gone, "needs-gone"), reference="fails",
                      expect=refusal(127, "library libgone.so needed by {prog} not found")))
    broken = os.path.join(tmp, "broken-chain")     # libchain_b.so left out
    for f in ("chain", "chain-interp", "libchain_a.so", "libchain_c.so"):
        copy(P(f), os.path.join(broken, f))
    cases.append(Case("missing library needed by a library", os.path.join(broken, "chain"),
                      reference="fails",
                      expect=refusal(127, "library libchain_b.so needed by {dir}/libchain_a.so not found")))
    vanish = os.path.join(tmp, "vanish")
    for suffix in ("", "-interp"):
        copy(P("needs-vanish" + suffix), os.path.join(vanish, "needs-vanish" + suffix))
    copy(P("libvanish_stub.so"), os.path.join(vanish, "libvanish.so"))
    # every missing symbol has its line, one per relocation against it, in
    # musl's order; rtld's status is 126 (a file that cannot be run), where
    # musl's linker exits with 127 for a missing symbol as for a missing
    # library.  (Where DT_RELA's range takes in DT_JMPREL's, riscv64, musl
    # walks those entries, and reports their symbols, twice.)
    def missing_symbols(run, path, ref):
        names = [line.split(b": ")[1] for line in ref[2].splitlines()
                 if line.endswith(b": symbol not found")]
        names = list(dict.fromkeys(names))
        lines = [b"rtld: %s: symbol %s not found (needed by %s)\n" % (path.encode(), n, path.encode())
                 * relocations_against(path, n.decode()) for n in names]
        return 126, b"", b"".join(lines) if len(names) == 2 else b"musl reported %r" % ref[2]
    cases.append(Case("unresolvable symbols, one line each", os.path.join(vanish, "needs-vanish"),
                      reference="fails", expect=missing_symbols))
    # a version the library does not define: named in the message (musl's
    # linker ignores versions and runs it)
    oldver = os.path.join(tmp, "oldver")
    for suffix in ("", "-interp"):
        copy(P("ver-new" + suffix), os.path.join(oldver, "ver-new" + suffix))
    copy(P("libver_v1.so"), os.path.join(oldver, "libver.so"))
    # (one line per relocation against it, as for a missing symbol)
    def version_missing(run, path, ref):
        line = b"rtld: %s: symbol ver_fn@VER_2 not found (needed by %s)\n" % (path.encode(),
                                                                             path.encode())
        return 126, b"", line * relocations_against(path, "ver_fn")
    cases.append(Case("symbol version not defined by the library", os.path.join(oldver, "ver-new"),
                      reference="unchecked", expect=version_missing))

    # --- rtld is its own libc.so, and no other C library runs: started
    # through a symbolic link in a directory with another libc.so (musl's),
    # or as a copy beside one, it runs the program on itself
    linked, alone = os.path.join(tmp, "linked"), os.path.join(tmp, "alone")
    for d in (linked, alone):
        copy(arch.MUSL_INTERP, os.path.join(d, "libc.so"))
    os.symlink(rtld, os.path.join(linked, "rtld"))
    copy(rtld, os.path.join(alone, "rtld"))
    cases.append(Case("rtld through a symlink beside another libc.so", P("hello"), ["x"],
                      runs=(Run("LINK PROG", "command", rtld=os.path.join(linked, "rtld")),)))
    cases.append(Case("a copy of rtld beside another libc.so", P("hello"), ["x"],
                      runs=(Run("COPY PROG", "command", rtld=os.path.join(alone, "rtld")),)))
    return cases


def main():
    rtld, progs, wrap, only, arch = parse_args("rtld")
    with tempfile.TemporaryDirectory() as tmp:
        return run_cases(build_cases(progs, rtld, wrap, tmp, arch),
                         lambda case: check(case, rtld, wrap, tmp, arch),
                         only)


if __name__ == "__main__":
    sys.exit(main())
