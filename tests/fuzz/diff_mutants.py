#!/usr/bin/env python3
"""Differential mutants: damaged copies of real programs and libraries run
both ways, to find where the loader and rtld part from their references.
A tool run by hand (docs/fuzzing.md), not a test: it prints what differs.

  diff_mutants.py loader BUILD_DIR COUNT [SEED]
      random bytes of a program's ELF header and program headers changed;
      each mutant run directly (the kernel's execve) and through the loader
  diff_mutants.py rtld BUILD_DIR COUNT [SEED]
      random bytes of a library's headers, dynamic section and symbol, hash,
      version and relocation tables changed; its program run with rtld and
      with musl's linker (both find the mutant through the program's
      $ORIGIN, in a directory of its own)

Each mutant is classed by how the two runs end; a mutant kept for a look
stays in the printed directory.  rtld's IFUNC program is left out: musl's
linker refuses every IFUNC, so that comparison says nothing.
"""
import collections
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile

PROGRAMS = ("hello-musl-static", "hello-musl-static-pie", "hello-musl-dynamic",
            "hello-glibc-dynamic", "hello-glibc-static", "hello-glibc-nopie",
            "bss_tail-musl-static")
# (program, the library of it that is damaged)
LIBRARIES = (("zlib-example", "libz.so.1"), ("diamond", "libdiamond.so"),
             ("tls", "libtls_gd.so"), ("chain", "libchain_b.so"),
             ("ver-new", "libver.so"), ("copyreloc", "libcopy.so"))
MUSL_LINKER = "/lib/ld-musl-%s.so.1" % os.uname().machine
# section types whose bytes an rtld mutant may change (gABI, GNU):
# SYMTAB, STRTAB, RELA, HASH, DYNAMIC, REL, DYNSYM, RELR, GNU_HASH, VERDEF,
# VERNEED, VERSYM
SECTION_TYPES = {2, 3, 4, 5, 6, 9, 11, 19, 0x6ffffff6, 0x6ffffffd, 0x6ffffffe, 0x6fffffff}


def run(cmd, cwd=None, env=None):
    """(status, stdout, stderr); status is -signal, "timeout" or "exec errno N"."""
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=10, cwd=cwd,
                           env=env or {"PATH": "/usr/bin:/bin"})
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return "timeout", b"", b""
    except OSError as e:
        return "exec errno %d" % e.errno, b"", b""


def header_ranges(data):
    """The ELF header's and the program header table's byte ranges."""
    phoff, = struct.unpack_from("<Q", data, 32)
    phnum, = struct.unpack_from("<H", data, 56)
    return [(0, 64), (phoff, phoff + 56 * phnum)]


def table_ranges(data):
    """header_ranges and the contents of the sections the dynamic linker reads."""
    ranges = header_ranges(data)
    shoff, = struct.unpack_from("<Q", data, 40)
    shnum, = struct.unpack_from("<H", data, 60)
    for i in range(shnum):
        sh = shoff + 64 * i
        kind, = struct.unpack_from("<I", data, sh + 4)
        off, size = struct.unpack_from("<QQ", data, sh + 24)
        if kind in SECTION_TYPES and size and off + size <= len(data):
            ranges.append((off, off + size))
    return ranges


def mutate(rnd, data, ranges):
    m = bytearray(data)
    for _ in range(rnd.choice((1, 1, 2, 3))):
        lo, hi = rnd.choice(ranges)
        at = rnd.randrange(lo, hi)
        if rnd.random() < 0.5:
            m[at] = rnd.randrange(256)
        else:
            m[at] ^= 1 << rnd.randrange(8)
    return m


def classify(ref, got, refused_by_ref, name):
    """How the run under test (got) differs from the reference's (ref)."""
    if isinstance(got[0], int) and got[0] < 0 and not (isinstance(ref[0], int) and ref[0] < 0):
        return "%s killed by signal %d, the reference %s" % (
            name, -got[0], "refused it" if refused_by_ref(ref) else "was not")
    if got[0] == "timeout" and ref[0] != "timeout":
        return name + " hangs"
    if ref[0] == 0 and got[0] != 0:
        return "the reference runs it, %s refuses it" % name
    if ref[0] == 0 and got[1] != ref[1]:
        return "both run it, the output differs"
    return None


def loader_mutant(build, rnd, work):
    prog = os.path.join(build, "test-programs", rnd.choice(PROGRAMS))
    data = open(prog, "rb").read()
    path = os.path.join(work, "mutant")
    with open(path, "wb") as f:
        f.write(mutate(rnd, data, header_ranges(data)))
    os.chmod(path, 0o755)
    ref = run([path])
    got = run([os.path.join(build, "loader", "loader"), path])
    if str(ref[0]).startswith("exec") and got[0] == 0:
        return "the kernel refuses it, the loader runs it", ref, got
    return classify(ref, got, lambda r: str(r[0]).startswith("exec"), "the loader"), ref, got


def rtld_mutant(build, rnd, work):
    progs = os.path.join(build, "test-programs", "rtld")
    prog, lib = rnd.choice(LIBRARIES)
    data = open(os.path.join(progs, lib), "rb").read()
    with open(os.path.join(work, lib), "wb") as f:
        f.write(mutate(rnd, data, table_ranges(data)))
    shutil.copy(os.path.join(progs, prog), work)
    for other in os.listdir(progs):
        if ".so" in other and not os.path.exists(os.path.join(work, other)):
            os.symlink(os.path.join(progs, other), os.path.join(work, other))
    env = {"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": work}
    ref = run([MUSL_LINKER, "./" + prog], cwd=work, env=env)
    got = run([os.path.join(build, "rtld", "rtld"), "./" + prog], cwd=work, env=env)
    return classify(ref, got, lambda r: r[0] == 127, "rtld"), ref, got


def main():
    if len(sys.argv) not in (4, 5) or sys.argv[1] not in ("loader", "rtld"):
        sys.exit(__doc__)
    what, build, count = sys.argv[1], os.path.abspath(sys.argv[2]), int(sys.argv[3])
    rnd = random.Random(int(sys.argv[4]) if len(sys.argv) == 5 else 1)
    one = loader_mutant if what == "loader" else rtld_mutant
    kept = tempfile.mkdtemp(prefix="diff-mutants.")
    counts = collections.Counter()
    for i in range(count):
        work = os.path.join(kept, str(i))
        os.makedirs(work)
        how, ref, got = one(build, rnd, work)
        counts[how or "same"] += 1
        if how:
            print("%s: %s\n  reference: %s %r\n  %s: %s %r" % (
                work, how, ref[0], ref[2][:200], what, got[0], got[2][:200]))
        else:
            shutil.rmtree(work)
    if not os.listdir(kept):
        os.rmdir(kept)
    for how, n in counts.most_common():
        print("%6d  %s" % (n, how))


if __name__ == "__main__":
    main()
