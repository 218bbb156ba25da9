"""The CPU under test.  Its facts come from arch/CPU/test_arch.json, so that
a new CPU brings its own:

  cpu               the CPU's name (meson's cpu_family)
  em                its e_machine (gABI "ELF Header")
  name              ARCH_NAME in arch/CPU/arch.h, as the loader names it
  user_limit        ARCH_USER_LIMIT in arch/CPU/arch.h (a hexadecimal string)
  musl_interp       the PT_INTERP of musl programs
  glibc_interp      the PT_INTERP of glibc programs
  glibc_ldso_file   where this (x86_64 Debian) host has glibc's dynamic linker
  glibc_libc_path   glibc's libc.so.6 as a program run natively or under the
                    cross file's qemu (with its -L) finds it
  legacy_initfini   ARCH_LEGACY_INITFINI: whether DT_INIT and DT_FINI run
  dtp_offset        ARCH_DTP_OFFSET: the bias of DTP-relative TLS offsets
  tls_other_dialect whether the rtld tests build tls-other-dialect
                    (arch/CPU/meson.build arch_tls_dialect_flags)
  tlsdesc           whether rtld has TLS descriptors here and the dl tests
                    build tls_desc (arch/CPU/meson.build arch_tlsdesc_flags)
  gnu_property      ARCH_GNU_PROPERTY: whether program properties are read
  audit_arch        the CPU's AUDIT_ARCH_* (linux/audit.h), for seccomp filters
  syscalls          system call numbers by name (asm/unistd.h), for them too
  loader_stack_depth how far below argv the loader's frames may reach (bytes;
                    today's depth and about 100 more, tests/identity)
  vdso_exit         whether the loader leaves through the vDSO here
                    (ARCH_VDSO_EXIT_FUNCTION in arch/CPU/arch.h is not "")
  code_exit0        machine code, in hex, of exit_group(0) and a trap
                    (code_exit0_asm: the same in assembly)
  relocs            relocation types by generic name: [number, rtld's name]

load() returns them as attributes with upper-case names (EM, NAME, ...)."""
import json
import os
import types

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# e_machine names in the loader's "wrong machine" line (loader/elf_validate.c)
MACHINE_NAMES = {3: "i386", 62: "x86-64", 183: "AArch64", 243: "RISC-V"}


def load(cpu):
    """arch/CPU/test_arch.json as an object."""
    with open(os.path.join(ROOT, "arch", cpu, "test_arch.json")) as f:
        facts = json.load(f)
    facts["user_limit"] = int(facts["user_limit"], 16)
    facts["code_exit0"] = bytes.fromhex(facts["code_exit0"])
    return types.SimpleNamespace(**{k.upper(): v for k, v in facts.items() if k[0] != "/"})


def wrong_machine(em, arch):
    """The loader's message for an ELF file of machine em on arch."""
    name = MACHINE_NAMES.get(em)
    return "wrong machine %d (%sthis loader runs %s)" % (em, name + "; " if name else "", arch.NAME)


def foreign_machine(arch):
    """A supported CPU's e_machine other than arch's."""
    return 183 if arch.EM != 183 else 62
