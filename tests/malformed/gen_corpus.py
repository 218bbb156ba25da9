#!/usr/bin/env python3
"""Generate the malformed-input corpus for the loader.

    gen_corpus.py [--cpu CPU] OUTDIR

Every file is built from scratch here (no compiler): a minimal ELF
executable for CPU (default x86_64) whose only code is exit_group(0), then
one mutation per case; the CPU's machine number, code and address-space
limit come from arch/CPU/test_arch.json (tests/cpu.py).
OUTDIR/manifest.json lists the cases.  The runner runs each one as

    [WRAP...] LOADER ARGV...      with the working directory OUTDIR

so the paths in ARGV, in #! lines and in PT_INTERP are relative to OUTDIR
(the messages then do not depend on where the build directory is).

Manifest entry fields:
  name            case name
  argv            the loader's arguments (options, PROG, ARGS)
  file            the PROG argument (null for usage errors)
  expect_status   exit status
  expect_file     FILE of the line `loader: FILE: MESSAGE` (null: `loader: MESSAGE`)
  expect_message  MESSAGE
  expect_stderr   the whole expected stderr (derived from the three above)
  kind            "error" (a malformed input) or "control" (must run: status 0,
                  no output; proves the base image and the fixtures are sound)
  why             where the expectation comes from (loader source, gABI, kernel)
  run_as          optional: {"uid":, "gid":, "groups": []} when the runner is
                  root (the case needs an unprivileged process); skipped otherwise
                  if "root_only" is set
  requires        optional list of conditions the runner checks first
                  ("mmap_min_addr>0")
  per_wrapper     optional: {"qemu": {expect_... overrides, "reason": ...}}

Every expectation comes from reading loader/*.c (elf_validate.c, elf_file.c,
elf_map.c, script.c, options.c, main.c) and libsys (fmt.c prints "%#lx" with
a 0x prefix even for zero; strerror.c holds glibc's texts), checked against
the ELF gABI and the Linux kernel (fs/binfmt_elf.c, fs/binfmt_script.c,
fs/exec.c).  Where the loader's code disagrees with those, the expectation
is what the loader should do, and `bug` names the problem.
"""
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import cpu  # noqa: E402
from corpus import CorpusDir, expected_stderr, generator_main, write_manifest  # noqa: E402

# ---------------------------------------------------------------- ELF bits

ET_NONE, ET_REL, ET_EXEC, ET_DYN, ET_CORE = 0, 1, 2, 3, 4
EM_386 = 3
PT_NULL, PT_LOAD, PT_DYNAMIC, PT_INTERP, PT_NOTE, PT_PHDR = 0, 1, 2, 3, 4, 6
PT_GNU_STACK = 0x6474E551
PT_GNU_PROPERTY = 0x6474E553
PF_X, PF_W, PF_R = 1, 2, 4

EHDR_SIZE = 64
PHDR_SIZE = 56
PAGE = 0x1000
BASE = 0x400000                 # ET_EXEC link address
U64 = (1 << 64) - 1
MAX_PHNUM = 65536 // PHDR_SIZE  # ELF_MAX_PHNUM in loader/elf_validate.h: 1170

ARCH = cpu.load("x86_64")       # the CPU under test (generate sets it)

CODE_OFF = 0x200                # room for 8 program headers before it
STR_OFF = 0x280                 # PT_INTERP string
DEFAULT_SIZE = 0x300


def phdr(p_type, flags=PF_R, offset=0, vaddr=0, filesz=0, memsz=None, align=PAGE,
         paddr=None):
    return dict(type=p_type, flags=flags, offset=offset, vaddr=vaddr,
                paddr=vaddr if paddr is None else paddr, filesz=filesz,
                memsz=filesz if memsz is None else memsz, align=align)


def pack_phdr(p):
    return struct.pack("<IIQQQQQQ", p["type"], p["flags"], p["offset"] & U64,
                       p["vaddr"] & U64, p["paddr"] & U64, p["filesz"] & U64,
                       p["memsz"] & U64, p["align"] & U64)


def build_elf(phdrs, etype=ET_EXEC, entry=None, size=DEFAULT_SIZE, blobs=(),
              ident=None, machine=None, version=1, phoff=EHDR_SIZE,
              phnum=None, phentsize=PHDR_SIZE, base=None, code_off=CODE_OFF):
    """An ELF image: header, phdrs at phoff, the CPU's exit code at
    code_off, blobs (offset, bytes) on top, zero padded to size; machine
    defaults to the CPU's."""
    if machine is None:
        machine = ARCH.EM
    if base is None:
        base = BASE if etype == ET_EXEC else 0
    if entry is None:
        entry = base + code_off
    e_ident = bytearray(b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8))
    for i, v in (ident or {}).items():
        e_ident[i] = v
    table = b"".join(pack_phdr(p) for p in phdrs)
    ehdr = struct.pack("<16sHHIQQQIHHHHHH", bytes(e_ident), etype, machine, version,
                       entry & U64, phoff & U64, 0, 0, EHDR_SIZE, phentsize,
                       len(phdrs) if phnum is None else phnum, 64, 0, 0)
    code = ARCH.CODE_EXIT0
    img = bytearray(max(size, code_off + len(code)))
    img[0:EHDR_SIZE] = ehdr
    img[code_off:code_off + len(code)] = code
    if phoff + len(table) <= len(img) and table:
        img[phoff:phoff + len(table)] = table
    for off, data in blobs:
        if off + len(data) > len(img):
            img.extend(bytes(off + len(data) - len(img)))
        img[off:off + len(data)] = data
    return bytes(img[:size]) if size < len(img) else bytes(img)


def text_load(size=DEFAULT_SIZE, base=BASE, **kw):
    """The one PT_LOAD of the minimal image: the whole file, R+X, at base."""
    d = dict(flags=PF_R | PF_X, offset=0, vaddr=base, filesz=size, memsz=size,
             align=PAGE)
    d.update(kw)
    return phdr(PT_LOAD, **d)


def interp_phdr(length, offset=STR_OFF, base=BASE):
    return phdr(PT_INTERP, PF_R, offset, base + offset, length, length, 1)


def exec_with_interp(path_bytes, etype=ET_EXEC, filesz=None, size=DEFAULT_SIZE):
    """A program whose PT_INTERP holds path_bytes (exactly, as given)."""
    base = BASE if etype == ET_EXEC else 0
    n = len(path_bytes) if filesz is None else filesz
    size = max(size, STR_OFF + len(path_bytes))
    return build_elf([interp_phdr(n, base=base), text_load(size, base)], etype=etype,
                     size=size, blobs=[(STR_OFF, path_bytes)])


def valid_exec():
    return build_elf([text_load()])


def valid_dyn():
    return build_elf([text_load(base=0)], etype=ET_DYN)


# ------------------------------------------------------------------ corpus

class Corpus(CorpusDir):
    def __init__(self, outdir):
        super().__init__(outdir)
        self.files = set()

    def write(self, rel, data, mode=0o755):
        assert rel not in self.files, "file written twice: " + rel
        self.files.add(rel)
        return super().write(rel, data, mode)

    def script(self, rel, text, mode=0o755):
        return self.write(rel, text.encode() if isinstance(text, str) else text, mode)

    def case(self, name, argv, status, message, file="PROG", kind="error", why="",
             bug=None, **extra):
        self.claim(name)
        prog = None
        if argv:
            # PROG: the first argument after the options
            i = 0
            while i < len(argv) and argv[i].startswith("-"):
                if argv[i] == "--":
                    i += 1
                    break
                i += 2 if argv[i] in ("--argv0", "--library-path", "--preload") else 1
            prog = argv[i] if i < len(argv) else None
        if file == "PROG":
            file = prog
        stderr = expected_stderr("loader", kind, file, message)
        entry = dict(name=name, argv=list(argv), file=prog, expect_status=status,
                     expect_file=file, expect_message=message, expect_stderr=stderr,
                     kind=kind, why=why)
        if bug:
            entry["bug"] = bug
        entry.update(extra)
        self.cases.append(entry)

    def error(self, name, data, message, status=126, mode=0o755, file="PROG",
              args=(), opts=(), fname=None, **kw):
        """A single-file case: write data to fname (default: NAME) and run it."""
        fname = fname or name
        self.write(fname, data, mode)
        self.case(name, list(opts) + [fname] + list(args), status, message, file=file, **kw)

    def control(self, name, argv, why="", **kw):
        self.case(name, argv, 0, None, kind="control", why=why, **kw)


def generate(outdir, cpu_name="x86_64"):
    global ARCH
    ARCH = cpu.load(cpu_name)
    USER_LIMIT = ARCH.USER_LIMIT
    outdir = os.path.abspath(outdir)
    os.makedirs(outdir, exist_ok=True)
    c = Corpus(outdir)
    NOEXEC, NOTFOUND, USAGE, SYSTEM = 126, 127, 2, 125

    # ---- fixtures shared by several cases (and controls proving them sound)
    c.write("valid_exec", valid_exec())
    c.write("valid_dyn", valid_dyn())
    c.write("interp_text", b"this is not an ELF interpreter\n")
    c.write("interp_noexec", valid_dyn(), 0o644)
    c.write("interp_bad_machine", build_elf([text_load(base=0)], etype=ET_DYN, machine=EM_386))
    c.write("bad_load_interp", build_elf(
        [text_load(base=0, filesz=DEFAULT_SIZE, memsz=0x100)], etype=ET_DYN))
    c.script("script_ok", "#!./valid_exec\n")
    os.makedirs(c.path("a_directory"), exist_ok=True)
    os.chmod(c.path("a_directory"), 0o755)

    c.control("control_valid_exec", ["valid_exec"], "the base ET_EXEC image runs")
    c.control("control_valid_dyn", ["valid_dyn"], "the base ET_DYN image runs")
    c.write("control_with_interp", exec_with_interp(b"./valid_dyn\0"))
    c.control("control_with_interp", ["control_with_interp"],
              "PT_INTERP naming a good ET_DYN interpreter runs it")
    c.control("control_script", ["script_ok"], "#! naming a good ELF runs it")
    c.control("control_argv0", ["--argv0", "x", "valid_exec", "a", "b"],
              "options and arguments are passed through")
    c.write("control_phoff_unaligned", build_elf([text_load()], phoff=0x41,
                                                 entry=BASE + CODE_OFF))
    c.control("control_phoff_unaligned", ["control_phoff_unaligned"],
              "program headers at an unaligned offset are read with pread")

    # ---- usage (options.c): no FILE in the line
    U = "options.c options_parse"
    c.case("usage_no_program", [], USAGE, "no program given (try --help)", file=None, why=U)
    c.case("usage_double_dash_only", ["--"], USAGE, "no program given (try --help)",
           file=None, why=U)
    c.case("usage_unknown_option", ["-x", "valid_exec"], USAGE,
           "unknown option -x (try --help)", file=None, why=U)
    c.case("usage_unknown_long_option", ["--frobnicate", "valid_exec"], USAGE,
           "unknown option --frobnicate (try --help)", file=None, why=U)
    c.case("usage_argv0_without_value", ["--argv0"], USAGE,
           "option --argv0 needs a value", file=None, why=U)
    c.case("usage_argv0_equals_without_program", ["--argv0=name"], USAGE,
           "no program given (try --help)", file=None, why=U + ": --argv0=NAME form")
    c.case("usage_option_prefix", ["--argv0x", "valid_exec"], USAGE,
           "unknown option --argv0x (try --help)", file=None,
           why=U + ": an option name must end at '\\0' or '='")
    c.case("usage_rtld_option", ["--library-path", "/lib", "valid_exec"], USAGE,
           "unknown option --library-path (try --help)", file=None,
           why=U + ": main.c accepts only OPT_BIT(OPT_ARGV0); --library-path is rtld's")
    c.case("usage_argv0_without_program", ["--argv0", "name"], USAGE,
           "no program given (try --help)", file=None, why=U)

    # ---- opening the program (elf_file.c elf_file_open)
    O = "elf_file.c elf_file_open"
    c.case("missing_program", ["no_such_program"], NOTFOUND, "No such file or directory",
           why=O + ": open fails ENOENT -> 127")
    # execve("") fails ENOENT; the empty FILE part is still printed, so the
    # line has the same shape as every other refusal
    c.case("empty_program_name", [""], NOTFOUND, "No such file or directory",
           why=O + ": open(\"\") fails ENOENT; load_error.has_file keeps the empty name")
    c.case("empty_program_name_after_options", ["--argv0", "x", "--", ""], NOTFOUND,
           "No such file or directory", why=O)
    c.case("missing_directory_component", ["no_such_dir/prog"], NOTFOUND,
           "No such file or directory", why=O)
    c.case("not_a_directory_component", ["valid_exec/prog"], NOEXEC, "Not a directory",
           why=O + ": open_status: only ENOENT is 127, as shells report a failed execve")
    c.case("directory", ["a_directory"], NOEXEC, "is a directory", why=O)
    c.write("no_exec_permission", valid_exec(), 0o644)
    c.case("no_exec_permission", ["no_exec_permission"], NOEXEC, "Permission denied",
           why=O + ": may_exec (no x bit at all, refused even for root)")
    c.case("device_file", ["/dev/null"], NOEXEC, "not a regular file", why=O)
    for n in ("symlink_loop_a", "symlink_loop_b"):
        if os.path.lexists(c.path(n)):
            os.unlink(c.path(n))
    os.symlink("symlink_loop_b", c.path("symlink_loop_a"))
    os.symlink("symlink_loop_a", c.path("symlink_loop_b"))
    c.case("symlink_loop", ["symlink_loop_a"], NOEXEC, "Too many levels of symbolic links",
           why=O + ": open fails ELOOP -> 126")

    # A FIFO and a socket are not regular files.  The loader opens before it
    # looks at the type: open(O_RDONLY) of a FIFO blocks until a writer comes
    # (the kernel's execve refuses it at once, fs/namei.c may_open), and open
    # of a socket fails ENXIO, a code missing from libsys/strerror.c.
    fifo = c.path("a_fifo")
    if os.path.lexists(fifo):
        os.unlink(fifo)
    os.mkfifo(fifo, 0o755)
    c.case("fifo", ["a_fifo"], NOEXEC, "not a regular file",
           why=O + ": 'require a regular file'",
           bug="elf_file_open opens O_RDONLY before checking the type: blocks forever on a FIFO")
    sock_path = c.path("a_socket")
    if os.path.lexists(sock_path):
        os.unlink(sock_path)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.bind(sock_path)
    finally:
        s.close()
    os.chmod(sock_path, 0o755)
    c.case("socket", ["a_socket"], NOEXEC, "not a regular file",
           why=O + ": 'require a regular file'",
           bug="open of a socket fails ENXIO before the type check; the line says 'Unknown error'")

    # File names longer than the 256-byte buffers of struct load_error
    long_missing = "/".join(["no_such_directory_%02d" % i for i in range(14)]) + "/prog"
    c.case("long_path_missing", [long_missing], NOTFOUND, "No such file or directory",
           why=O, bug="load_error.file[256] truncates the file name to 255 bytes")
    long_name = "n" * 300
    c.case("name_too_long", [long_name], NOEXEC, "File name too long",
           why=O + ": open fails ENAMETOOLONG -> 126",
           bug="load_error.file[256] truncates the file name to 255 bytes")

    # ---- ELF identification and header (elf_validate.c elf_check_header)
    H = "elf_validate.c elf_check_header"
    BAD = "not an ELF file (bad magic number)"
    c.error("empty_file", b"", BAD, why=H)
    c.error("short_3_bytes", b"\x7fEL", BAD, why=H)
    c.error("short_1_byte", b"#", BAD, why=H + " (one byte: not even #!)")
    c.error("text_file", b"hello, world\n", BAD, why=H)
    c.error("bad_magic", b"\x7fELG" + valid_exec()[4:], BAD, why=H)
    c.error("truncated_header_4", b"\x7fELF", "truncated ELF header (4 of 64 bytes)", why=H)
    c.error("truncated_header_63", valid_exec()[:63], "truncated ELF header (63 of 64 bytes)",
            why=H)
    c.error("class_32", build_elf([text_load()], ident={4: 1}),
            "not a 64-bit ELF file (class 1)", why=H)
    KI = "fs/binfmt_elf.c load_elf_binary: e_ident's class and data bytes are not checked"
    for name, ident in (("class_none", {4: 0}), ("data_msb", {5: 2}), ("data_none", {5: 0})):
        c.write(name, build_elf([text_load()], ident=ident))
        c.control(name, [name], why=KI)
    K = "fs/binfmt_elf.c load_elf_binary: not checked, the kernel runs it (issue 10, point 9)"
    c.write("ei_version_0", build_elf([text_load()], ident={6: 0}))
    c.control("ei_version_0", ["ei_version_0"], why=K)
    c.write("e_version_2", build_elf([text_load()], version=2))
    c.control("e_version_2", ["e_version_2"], why=K)
    c.error("machine_i386", build_elf([text_load()], machine=EM_386),
            cpu.wrong_machine(EM_386, ARCH), why=H)
    other = cpu.foreign_machine(ARCH)
    c.error("machine_other_cpu", build_elf([text_load()], machine=other),
            cpu.wrong_machine(other, ARCH), why=H + ": a program for another CPU we support")
    c.error("type_none", build_elf([text_load()], etype=ET_NONE, base=BASE),
            "ELF type 0 is not an executable", why=H)
    c.error("type_rel", build_elf([text_load()], etype=ET_REL, base=BASE),
            "ELF type 1 is not an executable", why=H)
    c.error("type_core", build_elf([text_load()], etype=ET_CORE, base=BASE),
            "ELF type 4 is not an executable", why=H)
    c.error("phentsize_32", build_elf([text_load()], phentsize=32),
            "program header size 32 is not 56", why=H)
    c.error("phentsize_0", build_elf([text_load()], phentsize=0),
            "program header size 0 is not 56", why=H)
    c.error("phnum_0", build_elf([text_load()], phnum=0), "no program headers", why=H)
    # The limit: 65536 bytes of program headers, as fs/binfmt_elf.c
    # elf_read_phdrs has it on current kernels.  Older kernels also refused
    # more than ELF_MIN_ALIGN (a page: 73 headers), but execve on Linux 6.18
    # runs 74 and 1170 headers (checked), so the loader must too.
    PHNUM_BUG = ("ELF_MAX_PHDR_BYTES was changed to ARCH_ELF_MIN_ALIGN (4096: at most 73 "
                 "headers); the running kernel (6.18) accepts up to 65536 bytes (1170)")
    c.error("phnum_too_many", build_elf([text_load()], phnum=MAX_PHNUM + 1),
            "too many program headers (%d, at most %d)" % (MAX_PHNUM + 1, MAX_PHNUM), why=H,
            bug=PHNUM_BUG)
    c.error("phnum_pn_xnum", build_elf([text_load()], phnum=0xFFFF),
            "too many program headers (65535, at most %d)" % MAX_PHNUM,
            why=H + " (PN_XNUM is not supported for executables, as in the kernel)",
            bug=PHNUM_BUG)
    big_code = EHDR_SIZE + MAX_PHNUM * PHDR_SIZE + 0x100
    big_size = big_code + 0x100
    many = [phdr(PT_NULL)] * (MAX_PHNUM - 1) + [text_load(size=big_size)]
    c.write("control_phnum_max", build_elf(many, size=big_size, code_off=big_code))
    c.control("control_phnum_max", ["control_phnum_max"],
              "1170 program headers (64 KiB, the kernel's limit), read beyond the first "
              "1024 bytes (elf_file.c elf_file_headers pread); execve on Linux 6.18 "
              "runs it", bug=PHNUM_BUG)
    few_code = EHDR_SIZE + 74 * PHDR_SIZE + 0x100
    few = [phdr(PT_NULL)] * 73 + [text_load(size=few_code + 0x100)]
    c.write("control_phnum_74", build_elf(few, size=few_code + 0x100, code_off=few_code))
    c.control("control_phnum_74", ["control_phnum_74"],
              "74 program headers (4144 bytes, more than a page); execve on Linux 6.18 "
              "runs it", bug=PHNUM_BUG)
    # writable, with .bss beginning in a page past the end of the file
    many[-2] = text_load(flags=PF_R | PF_W, offset=(big_size + 0x1FFF) & ~0xFFF,
                         vaddr=BASE + 0x100000, filesz=0x10, memsz=0x20)
    many[-1], many[-2] = many[-2], many[-1]
    c.error("load_outside_file_far_phdr", build_elf(many, size=big_size, code_off=big_code),
            "PT_LOAD 2 lies outside the file",
            why="elf_validate.c check_load: the last of 1170 program headers, read with pread",
            bug=PHNUM_BUG)
    c.error("phdrs_past_eof", build_elf([text_load()], phnum=20),
            "program headers lie outside the file", why=H + ": 20*56 bytes at 64 > 0x300")
    c.error("phoff_outside", build_elf([text_load()], phoff=DEFAULT_SIZE - 8),
            "program headers lie outside the file", why=H)
    c.error("phoff_beyond_eof", build_elf([text_load()], phoff=0x100000),
            "program headers lie outside the file", why=H)
    c.error("phoff_overflow", build_elf([text_load()], phoff=U64 - 7),
            "program headers lie outside the file",
            why=H + ": e_phoff near 2^64 must not wrap past the check")

    # ---- program headers (elf_validate.c elf_check_phdrs / check_load / check_order)
    P = "elf_validate.c check_load"
    S = DEFAULT_SIZE
    PE = ("elf_validate.c elf_check_phdrs: file pages past the end of the file are "
          "refused only where the loader would clear .bss in one (a writable segment's "
          "last file page; the kernel's padzero fails the exec there too)")
    RWX = PF_R | PF_W | PF_X
    c.error("load_outside_file", build_elf([text_load(flags=RWX, offset=0x10000,
                                                      vaddr=BASE + 0x10000, filesz=0x100,
                                                      memsz=0x200)]),
            "PT_LOAD 1 lies outside the file", why=PE)
    c.write("control_bss_offset_past_eof", build_elf(
        [text_load(), phdr(PT_LOAD, PF_R | PF_W, 0x10000, BASE + 0x10000, 0, 0x1000)]))
    c.control("control_bss_offset_past_eof", ["control_bss_offset_past_eof"],
              P + ": a pure .bss PT_LOAD (p_filesz 0) reads no file bytes, its "
                  "p_offset may lie past the end (the kernel does not look at it)")
    c.write("control_filesz_past_eof", build_elf([text_load(filesz=S + 1, memsz=S + 1)]))
    c.control("control_filesz_past_eof", ["control_filesz_past_eof"],
              PE + ": the kernel maps it and runs it, and so does the loader")
    c.write("control_bss_past_eof_readonly", build_elf([text_load(filesz=S + 1,
                                                                  memsz=S + 2)]))
    c.control("control_bss_past_eof_readonly", ["control_bss_past_eof_readonly"],
              PE + ": a read-only segment's tail is not cleared (the kernel's padzero "
              "fails there and is ignored)")
    c.error("load_filesz_past_eof", build_elf([text_load(flags=RWX, filesz=0x1001,
                                                         memsz=0x1002)]),
            "PT_LOAD 1 lies outside the file", why=PE)
    c.error("load_offset_filesz_wrap",
            build_elf([text_load(offset=0x200, vaddr=BASE + 0x200, filesz=U64 - 0xFF,
                                 memsz=U64 - 0xFF)]),
            "PT_LOAD 1 lies outside the file",
            why=P + ": p_offset + p_filesz wraps around 2^64")
    c.error("load_filesz_gt_memsz", build_elf([text_load(filesz=S, memsz=S - 1)]),
            "PT_LOAD 1: file size exceeds memory size", why=P)
    c.write("load_align_not_pow2", build_elf([text_load(align=0x3000)]))
    c.control("load_align_not_pow2", ["load_align_not_pow2"],
              why=K + ": maximum_alignment() skips an alignment that is not a power of two")
    c.write("load_not_congruent_align",
            build_elf([text_load(vaddr=BASE + 0x1000, align=0x200000)],
                      entry=BASE + 0x1000 + CODE_OFF))
    c.control("load_not_congruent_align", ["load_not_congruent_align"],
              why=K + ": p_vaddr == p_offset mod p_align is never checked")
    c.error("load_not_congruent_page",
            build_elf([text_load(vaddr=BASE + 0x10, align=0x10)], entry=BASE + 0x10 + CODE_OFF),
            "PT_LOAD 1: offset and address are not congruent modulo the page size",
            why=P + "; gABI: loadable segments congruent modulo the page size")
    c.error("load_not_congruent_page_align0",
            build_elf([text_load(vaddr=BASE + 0x800, align=0)], entry=BASE + 0x800 + CODE_OFF),
            "PT_LOAD 1: offset and address are not congruent modulo the page size",
            why=P + ": p_align 0 means none, the page rule still holds")
    c.error("load_beyond_user_space",
            build_elf([text_load(vaddr=USER_LIMIT, memsz=PAGE)], entry=USER_LIMIT + CODE_OFF),
            "PT_LOAD 1 lies outside the user address space", why=P)
    c.error("load_vaddr_wraps",
            build_elf([text_load(vaddr=U64 - 0xFFF, memsz=0x2000)], entry=U64 - 0xFFF + CODE_OFF),
            "PT_LOAD 1 lies outside the user address space",
            why=P + ": p_vaddr + p_memsz wraps around 2^64")
    c.error("load_memsz_huge", build_elf([text_load(memsz=1 << 63)]),
            "PT_LOAD 1 lies outside the user address space", why=P)
    c.error("load_second_outside_file",
            build_elf([phdr(PT_NOTE, PF_R, 0x100, BASE + 0x100, 0x10),
                       text_load(),
                       text_load(flags=PF_R | PF_W, offset=0x2000, vaddr=BASE + 0x2000,
                                 filesz=0x10, memsz=0x20)]),
            "PT_LOAD 2 lies outside the file",
            why=PE + "; PT_LOADs are numbered among PT_LOADs only, from 1")
    c.write("control_data_past_eof",
            build_elf([text_load(),
                       text_load(flags=PF_R | PF_W, offset=0x2000, vaddr=BASE + 0x2000,
                                 filesz=0x10, memsz=0x10)]))
    c.control("control_data_past_eof", ["control_data_past_eof"],
              PE + ": a data PT_LOAD wholly past the end of the file, never touched, "
              "runs under the kernel and through the loader")
    O2 = K + ": PT_LOADs are mapped in table order, a later one over an earlier one"
    c.write("load_unsorted",
            build_elf([text_load(vaddr=BASE + 0x200000),
                       text_load(flags=PF_R, offset=0, vaddr=BASE, filesz=0x100, memsz=0x100)],
                      entry=BASE + 0x200000 + CODE_OFF))
    c.control("load_unsorted", ["load_unsorted"], why=O2 + "; the hole between them is unmapped")
    c.write("load_overlap",
            build_elf([text_load(memsz=0x2000),
                       text_load(offset=0x100, vaddr=BASE + 0x100, filesz=0x100, memsz=0x100)]))
    c.control("load_overlap", ["load_overlap"], why=O2)
    E = "elf_validate.c elf_check_phdrs"
    # Program properties (loader/elf_property.h): a note the kernel reads
    # on aarch64 and refuses when malformed, and does not read elsewhere
    P = ("fs/binfmt_elf.c parse_elf_properties: read where the CPU's kernel "
         "uses them (arch/aarch64/arch.h), refused when malformed")
    PROP_OFF = 0x240
    good_note = struct.pack("<III4sIIII", 4, 16, 5, b"GNU", 0xC0000000, 4, 1, 0)

    def with_property(note, filesz=None, offset=PROP_OFF):
        n = len(note) if filesz is None else filesz
        return build_elf([text_load(), phdr(PT_GNU_PROPERTY, PF_R, offset, BASE + offset, n,
                                            align=8)],
                         blobs=[(PROP_OFF, note)])

    c.write("property_ok", with_property(good_note))
    c.control("property_ok", ["property_ok"], why=P)
    bad = {"property_bad_type": (good_note[:8] + struct.pack("<I", 1) + good_note[12:],
                                 "PT_GNU_PROPERTY: not a GNU program property note"),
           "property_bad_size": (good_note[:20] + struct.pack("<I", 8) + good_note[24:],
                                 "PT_GNU_PROPERTY: bad property 0xc0000000 (8 bytes)")}
    for name, (note, msg) in bad.items():
        if ARCH.GNU_PROPERTY:
            c.error(name, with_property(note), msg, why=P)
        else:
            c.write(name, with_property(note))
            c.control(name, [name], why=P + ": not on this CPU")
    if ARCH.GNU_PROPERTY:
        c.error("property_too_large", with_property(good_note, filesz=1025),
                "PT_GNU_PROPERTY is too large (1025 bytes, at most 1024)", why=P)
        c.error("property_past_end", with_property(good_note, offset=0x1000),
                "PT_GNU_PROPERTY: truncated note (0 bytes)", why=P + ": the read comes back short")
    c.error("no_load", build_elf([phdr(PT_GNU_STACK, PF_R | PF_W, align=16)]),
            "no PT_LOAD segment", why=E)
    c.error("no_load_only_null", build_elf([phdr(PT_NULL), phdr(PT_NULL)]),
            "no PT_LOAD segment", why=E)
    c.error("entry_outside", build_elf([text_load()], entry=0x12345678),
            "entry point 0x12345678 is not in an executable segment", why=E)
    c.error("entry_past_end", build_elf([text_load()], entry=BASE + S),
            "entry point %#x is not in an executable segment" % (BASE + S),
            why=E + ": p_vaddr + p_memsz is already outside")
    c.error("entry_zero", build_elf([text_load()], entry=0),
            "entry point 0x0 is not in an executable segment",
            why=E + "; libsys fmt.c prints %#lx of 0 as 0x0")
    c.error("entry_in_data_segment",
            build_elf([text_load(filesz=0x200, memsz=0x200),
                       text_load(flags=PF_R | PF_W, offset=0x200, vaddr=BASE + 0x1200,
                                 filesz=0x100, memsz=0x100)],
                      entry=BASE + 0x1200),
            "entry point 0x401200 is not in an executable segment", why=E)

    # ---- PT_INTERP (elf_check_phdrs, elf_file_interp, elf_check_interp)
    I = "elf_validate.c elf_check_phdrs PT_INTERP"
    good = b"./valid_dyn\0"
    c.error("interp_twice",
            build_elf([interp_phdr(len(good)), interp_phdr(len(good)), text_load()],
                      blobs=[(STR_OFF, good)]),
            "more than one PT_INTERP", why=I)
    c.error("interp_outside_file",
            build_elf([phdr(PT_INTERP, PF_R, 0x10000, 0, 12, 12, 1), text_load()]),
            "PT_INTERP lies outside the file", why=I)
    c.error("interp_offset_wrap",
            build_elf([phdr(PT_INTERP, PF_R, STR_OFF, 0, U64 - 0x7F, U64 - 0x7F, 1), text_load()]),
            "PT_INTERP lies outside the file", why=I + ": p_offset + p_filesz wraps")
    c.error("interp_len_0", exec_with_interp(good, filesz=0),
            "PT_INTERP has a bad length (0 bytes)", why=I + "; kernel: p_filesz < 2")
    c.error("interp_len_1", exec_with_interp(b"\0", filesz=1),
            "PT_INTERP has a bad length (1 bytes)", why=I + "; kernel: p_filesz < 2")
    c.error("interp_too_long", exec_with_interp(b"/" * 4096 + b"\0", size=STR_OFF + 4097),
            "PT_INTERP has a bad length (4097 bytes)", why=I + "; kernel: p_filesz > PATH_MAX")
    c.error("interp_len_2", exec_with_interp(b"x\0"),
            "interpreter x: No such file or directory", status=NOTFOUND,
            why=I + ": 2 bytes is the shortest length accepted; then main.c load_interp")
    longest = b"./" * 2043 + b"valid_dyn\0"
    assert len(longest) == 4096
    c.write("control_interp_4096", exec_with_interp(longest))
    c.control("control_interp_4096", ["control_interp_4096"],
              I + ": a 4096-byte PT_INTERP (PATH_MAX, NUL included) is accepted and used")
    IC = "elf_validate.c elf_check_interp"
    c.error("interp_not_nul_terminated", exec_with_interp(b"./valid_dyn"),
            "PT_INTERP is not a NUL-terminated string", why=IC + "; gABI, kernel")
    # Like the kernel, only the last byte must be NUL; the path ends at the
    # first NUL (patchelf leaves NUL padding when it shortens the path).
    c.error("interp_embedded_nul", exec_with_interp(b"./no_such_interp\0./valid_dyn\0"),
            "interpreter ./no_such_interp: No such file or directory", status=NOTFOUND,
            why=IC + ": the path ends at the first NUL (fs/binfmt_elf.c checks only the "
                     "last byte), then main.c load_interp")
    c.write("control_interp_nul_padded", exec_with_interp(b"./valid_dyn\0\0\0\0\0"))
    c.control("control_interp_nul_padded", ["control_interp_nul_padded"],
              IC + ": NUL padding after the path is accepted")
    c.error("interp_empty", exec_with_interp(b"\0\0"),
            "PT_INTERP names an empty path", why=IC + ": the empty-path check")
    LI = "main.c load_interp: open failure is about the program, 'interpreter PATH: WHY'"
    c.error("interp_missing", exec_with_interp(b"/nonexistent/ld-linux-x86-64.so.2\0"),
            "interpreter /nonexistent/ld-linux-x86-64.so.2: No such file or directory",
            status=NOTFOUND, why=LI)
    c.error("interp_missing_relative", exec_with_interp(b"./no_such_interp\0"),
            "interpreter ./no_such_interp: No such file or directory", status=NOTFOUND, why=LI)
    c.error("interp_missing_dyn", exec_with_interp(b"./no_such_interp\0", etype=ET_DYN),
            "interpreter ./no_such_interp: No such file or directory", status=NOTFOUND,
            why=LI + " (ET_DYN program)")
    c.error("interp_not_a_directory", exec_with_interp(b"./valid_dyn/ld.so\0"),
            "interpreter ./valid_dyn/ld.so: Not a directory", why=LI)
    c.error("interp_no_exec_permission", exec_with_interp(b"./interp_noexec\0"),
            "interpreter ./interp_noexec: Permission denied", why=LI)
    c.error("interp_is_directory", exec_with_interp(b"./a_directory\0"),
            "interpreter ./a_directory: is a directory", why=LI)
    c.error("interp_device", exec_with_interp(b"/dev/null\0"),
            "interpreter /dev/null: not a regular file", why=LI)
    c.error("interp_symlink_loop", exec_with_interp(b"./symlink_loop_a\0"),
            "interpreter ./symlink_loop_a: Too many levels of symbolic links", why=LI)
    LH = "main.c load_interp -> load_headers: the error names the interpreter"
    c.error("interp_not_elf", exec_with_interp(b"./interp_text\0"), BAD,
            file="./interp_text", why=LH)
    c.error("interp_is_script", exec_with_interp(b"./script_ok\0"), BAD,
            file="./script_ok", why=LH + "; the kernel does not follow #! for PT_INTERP")
    c.error("interp_wrong_machine", exec_with_interp(b"./interp_bad_machine\0"),
            cpu.wrong_machine(EM_386, ARCH), file="./interp_bad_machine", why=LH)
    c.error("interp_bad_load", exec_with_interp(b"./bad_load_interp\0"),
            "PT_LOAD 1: file size exceeds memory size", file="./bad_load_interp", why=LH)
    c.error("interp_overlaps_program", exec_with_interp(b"./valid_exec\0"),
            "cannot map PT_LOAD 1 at 0x400000: File exists", file="./valid_exec",
            why="elf_map.c map_at: an ET_EXEC interpreter at the program's address; "
                "MAP_FIXED_NOREPLACE fails EEXIST -> 126")

    # Messages longer than the 256-byte buffers (load_error.msg) and a line
    # longer than w_printf's 512-byte buffer
    long_interp = b"/nonexistent/" + b"i" * 280 + b"\0"
    c.error("interp_long_path_missing", exec_with_interp(long_interp),
            "interpreter %s: No such file or directory" % long_interp[:-1].decode(),
            status=NOTFOUND, why=LI,
            bug="load_error.msg[256] truncates the message")
    c.error("long_program_long_interp", exec_with_interp(b"/nonexistent/" + b"j" * 200 + b"\0"),
            "interpreter /nonexistent/%s: No such file or directory" % ("j" * 200),
            status=NOTFOUND, why=LI, fname="p" * 250,
            bug="file (<=255) + msg (<=255) exceed w_printf's 512-byte line: the line is "
                "cut and loses its newline (also load_error.msg truncation)")

    # ---- mapping (elf_map.c)
    M = "elf_map.c map_at -> map_fail"
    # Under qemu-user the guest's address 0 is host address guest_base, and
    # vm.mmap_min_addr does not apply to it.  qemu 7.2 moreover does not know
    # MAP_FIXED_NOREPLACE: it passes the request on without a fixed flag, so
    # address 0 is a NULL hint and the mapping lands elsewhere; the loader's
    # fallback for kernels before 4.17 (map_at: address check) then unmaps it
    # and reports EEXIST.  Still a refusal with status 126, only the errno
    # differs, and it is qemu's, not the loader's.
    QEMU_AT_ZERO = {"qemu": dict(
        expect_message="cannot map PT_LOAD 1 at 0x0: File exists",
        reason="qemu-user: no mmap_min_addr for guest addresses, MAP_FIXED_NOREPLACE "
               "taken as a hint; the loader's address check reports EEXIST")}
    c.error("exec_segment_at_zero",
            build_elf([text_load(base=0)], etype=ET_EXEC, base=0),
            "cannot map PT_LOAD 1 at 0x0: Operation not permitted",
            why=M + ": mmap below vm.mmap_min_addr fails EPERM (needs no CAP_SYS_RAWIO) -> 126",
            run_as=dict(uid=65534, gid=65534, groups=[]), requires=["mmap_min_addr>0"],
            per_wrapper=QEMU_AT_ZERO)
    c.error("interp_segment_at_zero", exec_with_interp(b"./exec_at_zero_interp\0", etype=ET_DYN),
            "cannot map PT_LOAD 1 at 0x0: Operation not permitted",
            file="./exec_at_zero_interp", why=M + " for the interpreter (main.c load_interp)",
            run_as=dict(uid=65534, gid=65534, groups=[]), requires=["mmap_min_addr>0"],
            per_wrapper=QEMU_AT_ZERO)
    c.write("exec_at_zero_interp", build_elf([text_load(base=0)], etype=ET_EXEC, base=0))
    c.error("dyn_huge_alignment",
            build_elf([text_load(base=0, align=1 << 62)], etype=ET_DYN),
            "cannot map PT_LOAD 1 at 0x0: Cannot allocate memory", status=SYSTEM,
            why="elf_map.c claim_span: no room for a span aligned to 2^62 (the kernel fails "
                "too, after the point of no return)")

    # ---- #! scripts (script.c script_parse, main.c open_program)
    SP = "script.c script_parse; fs/binfmt_script.c"
    c.error("script_empty_line", b"#!\n", "#! line holds no interpreter", why=SP)
    c.error("script_bare", b"#!", "#! line holds no interpreter", why=SP)
    c.error("script_spaces_only", b"#!  \t \n./valid_exec\n", "#! line holds no interpreter",
            why=SP)
    c.error("script_all_blank_no_newline", b"#!" + b" " * 300,
            "#! line holds no interpreter", why=SP + ": 256 bytes of blanks")
    c.error("script_name_too_long", b"#!./" + b"a" * 300 + b"\n",
            "#! interpreter name does not end within 256 bytes",
            why=SP + ": no newline and no terminator in the first 256 bytes")
    c.error("script_name_254", b"#!./" + b"b" * 252 + b" arg\n",
            "#! interpreter name does not end within 256 bytes",
            why=SP + ": the name fills bytes 2..255, no terminator up to byte 255")
    c.error("script_no_exec_permission", b"#!./valid_exec\n", "Permission denied", mode=0o644,
            why="elf_file.c may_exec on the script")
    c.error("script_with_argv0", b"#!\n", "#! line holds no interpreter",
            opts=["--argv0", "other"], args=["x"], why=SP + ", with options and arguments")
    # An interpreter that cannot be opened is reported about the script that
    # named it (main.c die_interpreter, as for PT_INTERP); one that opens but
    # is a bad ELF file is reported about itself (load_headers).
    SO = "main.c open_program -> die_interpreter: 'SCRIPT: interpreter PATH: WHY'"
    SI = "main.c load_headers: the ELF file a #! line names is reported by its own name"
    c.error("script_missing_interp", b"#!./no_such_interpreter\n",
            "interpreter ./no_such_interpreter: No such file or directory",
            status=NOTFOUND, why=SO)
    c.error("script_missing_interp_with_arg", b"#! /nonexistent/sh -e  \n",
            "interpreter /nonexistent/sh: No such file or directory", status=NOTFOUND, why=SO)
    c.error("script_interp_no_exec_permission", b"#!./interp_noexec\n",
            "interpreter ./interp_noexec: Permission denied", why=SO)
    c.error("script_interp_directory", b"#!./a_directory\n",
            "interpreter ./a_directory: is a directory", why=SO)
    c.error("script_interp_not_elf", b"#!./interp_text\n", BAD, file="./interp_text", why=SI)
    c.error("script_interp_broken_elf", b"#!./interp_bad_machine\n",
            cpu.wrong_machine(EM_386, ARCH), file="./interp_bad_machine", why=SI)
    c.error("script_interp_missing_pt_interp", b"#!./interp_missing_relative\n",
            "interpreter ./no_such_interp: No such file or directory", status=NOTFOUND,
            file="./interp_missing_relative",
            why=SI + "; the ELF a #! line names has a missing PT_INTERP: the line names that ELF")
    R = "main.c open_program: at most SCRIPT_MAX_DEPTH (4) #! levels; the line names PROG"
    c.error("script_self_recursion", b"#!./script_self_recursion\n",
            "too many levels of #! interpreters", why=R)
    c.script("script_loop_b", "#!./script_loop_a\n")
    c.error("script_loop_a", b"#!./script_loop_b\n", "too many levels of #! interpreters",
            why=R + " (a two-script loop)")

    def chain(n):
        names = ["script_chain%d_%d" % (n, i) for i in range(n)]
        for i, name in enumerate(names):
            c.script(name, "#!./%s\n" % (names[i + 1] if i + 1 < n else "valid_exec"))
        return names[0]

    # fs/exec.c exec_binprm(): `for (depth = 0;; depth++) { if (depth > 5)
    # return -ELOOP; ...}`: five nested scripts and the ELF file they lead to
    # run, six fail ELOOP (checked with execve on Linux 6.x: 5 run, 6 fail).
    K = "; fs/exec.c exec_binprm allows depth 0..5: five #! levels, not four"
    c.control("control_script_chain_4", [chain(4)], R + ": four nested scripts run")
    c.control("control_script_chain_5", [chain(5)], "five nested scripts run" + K,
              bug="SCRIPT_MAX_DEPTH is 4 (the old BINPRM_MAX_RECURSION); the kernel runs "
                  "five nested #! scripts and refuses the sixth with ELOOP")
    c.case("script_chain_6", [chain(6)], NOEXEC, "too many levels of #! interpreters",
           why=R + K)

    # binfmt_script's next_terminator() looks at bytes up to and including
    # the buffer's last byte (byte 255): a 253-byte name in bytes 2..254
    # followed by a blank at byte 255 is accepted by the kernel.
    name253 = "./" + "c" * 251
    c.write(name253, valid_exec())
    c.script("script_name_253", "#!" + name253 + " ignored-argument-past-256-bytes\n")
    c.control("control_script_name_253", ["script_name_253"],
              SP + ": next_terminator(i_end, buf_end) scans up to buf_end inclusive",
              bug="script_parse stopping at buf_end - 1 ('the last byte is never used') "
                  "refuses a 253-byte interpreter name that the kernel accepts")

    # ---- execute permission through a supplementary group (needs root to set up)
    G = 4242
    for n, mode in (("group_denied_supplementary", 0o745), ("group_allowed_supplementary", 0o754)):
        c.write(n, valid_exec(), mode)
        try:
            os.chown(c.path(n), 0, G)
        except PermissionError:
            pass
    c.case("group_denied_supplementary", ["group_denied_supplementary"], NOEXEC,
           "Permission denied",
           why="elf_file.c may_exec vs the kernel's acl_permission_check: owner root, "
               "group 4242 r--, other r-x; a process in group 4242 (supplementary) is "
               "judged by the group bits",
           bug="may_exec reads the supplementary groups only when the group has x and "
               "other has not; with other x and group no x a member is allowed",
           run_as=dict(uid=65534, gid=65534, groups=[G]), root_only=True)
    c.case("group_allowed_supplementary", ["group_allowed_supplementary"], 0, None,
           kind="control", why="group 4242 r-x, other r--: a supplementary member may run it",
           run_as=dict(uid=65534, gid=65534, groups=[G]), root_only=True)

    return write_manifest(outdir, c.cases)


if __name__ == "__main__":
    sys.exit(generator_main(generate, sys.argv))
