#!/usr/bin/env python3
"""End-to-end tests: run real programs directly and through the loader and
require identical stdout, stderr and exit status.

    run_e2e.py --loader PATH --programs DIR [--cpu CPU] [--wrap 'qemu-x86_64']

With --wrap, both runs happen under the wrapper (qemu-user): the direct run
as `qemu-x86_64 PROG`, the loader run as `qemu-x86_64 LOADER PROG`, so the
loader itself is emulated and compared with what qemu's own ELF loader does.

Programs from DIR are the test programs built by test-programs/meson.build
(NAME-VARIANT, VARIANT one of musl/glibc x static/static-pie/dynamic/nopie)
for CPU (default x86_64); the system's programs (ls, sh, python3, ...) and
#! scripts naming them are run only when CPU is the build machine's.
auxv_dump prints argc, argv, the environment's checksum and the auxiliary
vector normalised to what must not depend on load addresses, so equal output
means the loader handed over the same initial stack the kernel does.
"""
import os
import platform
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from compare_runs import differences, execute, parse_args, run_cases  # noqa: E402

BASE_ENV = {"PATH": "/usr/bin:/bin", "HOME": "/root", "LANG": "C", "E2E": "1"}

# arguments each test program is run with
PROGRAM_ARGS = {
    "hello": ["a", "b"],
    "status": ["3"],
    "auxv_dump": ["one", "two words", ""],
    "bss_huge": [],
    "bss_tail": [],
    "tls_static": [],
    "threads": [],
    "malloc_heavy": [],
    "stack_perms": [],
    "bti_probe": [],            # arch/aarch64: whether BTI guards its code
}


class Case:
    def __init__(self, name, argv, env=None, cwd=None, loader_opts=(), direct_argv0=None,
                 direct=None, expanded=None):
        self.name = name
        self.argv = argv                  # [PROG, ARGS...] as given to the loader
        self.env = env or BASE_ENV
        self.cwd = cwd
        self.loader_opts = list(loader_opts)
        self.direct_argv0 = direct_argv0  # argv[0] of the direct run, if not PROG
        self.direct = direct              # explicit direct command, if not argv
        self.expanded = expanded          # for #! scripts: the argv the kernel execs,
                                          # the reference under qemu-user, which
                                          # does not interpret #! itself


def drop_execfn(out):
    if not isinstance(out, bytes):
        return out
    return b"".join(l for l in out.splitlines(True) if not l.startswith(b"AT_EXECFN = "))


def check(case, loader, wrap):
    if case.argv is None:
        return ["required program is not installed"]
    if wrap and case.expanded:
        direct_cmd, exe = wrap + case.expanded, None
    elif case.direct:
        direct_cmd, exe = wrap + case.direct, None
    elif case.direct_argv0 is not None:
        # execve(PROG, [argv0, ARGS...]): qemu-user takes -0 for the same
        direct_cmd = (wrap + ["-0", case.direct_argv0, case.argv[0]] + case.argv[1:]
                      if wrap else [case.direct_argv0] + case.argv[1:])
        exe = None if wrap else case.argv[0]
    else:
        direct_cmd, exe = wrap + case.argv, None
    want = execute(direct_cmd, case.env, case.cwd, executable=exe)
    got = execute(wrap + [loader] + case.loader_opts + case.argv, case.env, case.cwd)
    if wrap and case.expanded:
        # The reference ran the interpreter, so its AT_EXECFN names the
        # interpreter, where the kernel (and the loader) name the script;
        # the native run checks that line against the kernel itself.
        want, got = (tuple(drop_execfn(x) for x in r) for r in (want, got))
    problems = differences(want, got, names=("direct", "loader"), indent="  ", limit=600)
    if want[0] == "timeout" or (isinstance(want[0], int) and want[0] < 0):
        problems.append("the direct run itself failed: %r" % (want[0],))
    return problems


def make_scripts(tmp, programs, native):
    """#! scripts: one with /bin/sh (native only), one whose interpreter is
    auxv_dump with an argument (so argv rewriting is visible), and a
    two-level chain."""
    dump = os.path.join(programs, "auxv_dump-musl-static")
    scripts = {}

    def write(name, text):
        path = os.path.join(tmp, name)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o755)
        scripts[name] = path

    if native:
        write("shell.sh", "#!/bin/sh\necho \"script $0 has $# args: $*\"\nexit 4\n")
    write("dump-arg", "#!%s   -x  y \t\necho never\n" % dump)
    write("dump-noarg", "#!%s\n" % dump)
    write("chain", "#!%s chained\n" % scripts["dump-arg"])
    # binfmt_script quirk: no newline, a blank, then the zero padding of a
    # short file gives the interpreter an empty argument
    write("blank-no-newline", "#!%s " % dump)
    return scripts


def build_cases(programs, tmp, arch):
    cases = []
    names = sorted(n for n in os.listdir(programs)
                   if "-" in n and os.access(os.path.join(programs, n), os.X_OK)
                   and os.path.isfile(os.path.join(programs, n)) and not n.endswith(".sh"))
    for n in names:
        base = n.split("-")[0]
        if base not in PROGRAM_ARGS:
            continue
        path = os.path.join(programs, n)
        cases.append(Case(n, [path] + PROGRAM_ARGS[base]))
        if base == "auxv_dump":
            # relative path: AT_EXECFN and argv[0] must keep it as given
            cases.append(Case(n + " relative path", ["./" + n, "rel"], cwd=programs))
            cases.append(Case(n + " empty environment", [path, "x"], env={}))
            big_env = dict(BASE_ENV)
            big_env.update({"VAR%04d" % i: "v" * (i % 300) for i in range(2000)})
            cases.append(Case(n + " 1000 args, big environment",
                              [path] + ["arg%d" % i for i in range(1000)], env=big_env))
            cases.append(Case(n + " --argv0", [path, "z"], loader_opts=["--argv0", "renamed"],
                              direct_argv0="renamed"))
    dump = os.path.join(programs, "auxv_dump-musl-static")
    native = arch.CPU == platform.machine()
    scripts = make_scripts(tmp, programs, native)
    # binfmt_script: argv[0] is replaced by interpreter, [argument,] script
    expansion = {
        "dump-arg": [dump, "-x  y", scripts["dump-arg"]],
        "dump-noarg": [dump, scripts["dump-noarg"]],
        "chain": [dump, "-x  y", scripts["dump-arg"], "chained", scripts["chain"]],
        "blank-no-newline": [dump, "", scripts["blank-no-newline"]],
    }
    if native:
        expansion["shell.sh"] = ["/bin/sh", scripts["shell.sh"]]
    for s, expanded in expansion.items():
        cases.append(Case("#! script " + s, [scripts[s], "arg1", "arg 2"],
                          expanded=expanded + ["arg1", "arg 2"]))
    cases.append(Case("#! script with --argv0 (dropped, as by the kernel)",
                      [scripts["dump-arg"], "q"], loader_opts=["--argv0", "ignored"],
                      direct=[scripts["dump-arg"], "q"], expanded=expansion["dump-arg"] + ["q"]))

    listing = os.path.join(tmp, "listing")
    os.mkdir(listing)
    for f in ("b.txt", "a.txt", "c.dat"):
        with open(os.path.join(listing, f), "w") as fh:
            fh.write(f * 3)
    dynamic_loaders = [
        ("dynamic loader run as a program", [arch.GLIBC_LDSO_FILE,
                                             os.path.join(programs, "hello-glibc-dynamic"), "x"]),
        ("musl dynamic loader run as a program", [arch.MUSL_INTERP,
                                                  os.path.join(programs, "hello-musl-dynamic")]),
    ]
    system = dynamic_loaders if not native else dynamic_loaders + [
        ("ls", ["/bin/ls", "-la", "--time-style=+%s", listing]),
        ("ls missing file", ["/bin/ls", "/nonexistent-e2e"]),
        ("sh", ["/bin/sh", "-c", 'echo "$0: $*"; echo err >&2; exit 5', "name", "a", "b"]),
        ("bash", ["/bin/bash", "-c", 'for i in 1 2 3; do echo $i; done; type cd']),
        ("true", ["/bin/true"]),
        ("false", ["/bin/false"]),
        ("env", ["/usr/bin/env"]),
        ("python3", ["/usr/bin/python3", "-c",
                     "import sys, hashlib, json, ctypes; "
                     "print(sys.argv, hashlib.sha256(b'x').hexdigest(), json.dumps([1, 2]))",
                     "pyarg"]),
        ("python3 exit status", ["/usr/bin/python3", "-c", "raise SystemExit(9)"]),
        ("perl", ["/usr/bin/perl", "-MPOSIX", "-e",
                  'print join(",", @ARGV), " ", POSIX::floor(2.5), "\\n"; exit 2', "p1", "p2"]),
    ]
    for name, argv in system:
        if os.path.exists(argv[0]):
            cases.append(Case("system " + name, argv))
        else:
            cases.append(Case("system " + name + " (missing: " + argv[0] + ")", None))
    return cases


def main():
    loader, programs, wrap, only, arch = parse_args("loader")
    with tempfile.TemporaryDirectory() as tmp:
        return run_cases(build_cases(programs, tmp, arch), lambda case: check(case, loader, wrap),
                         only)


if __name__ == "__main__":
    sys.exit(main())
