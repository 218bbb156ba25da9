/* options.c: PROGRAM [OPTIONS] [--] PROG [ARGS...], as the loader parses
 * it (only --argv0 accepted) and as rtld may (every option accepted). */
#include <criterion/criterion.h>
#include <string.h>
#include "options.h"

#define LOADER_OPTS  OPT_BIT(OPT_ARGV0)
#define ALL_OPTS     (OPT_BIT(OPT_ARGV0) | OPT_BIT(OPT_LIBRARY_PATH) | OPT_BIT(OPT_PRELOAD))

static struct options o;
static struct load_error err;

static int parse_v(int argc, char **argv, unsigned accepted)
{
    memset(&o, 0x55, sizeof o);         /* every field must be set */
    memset(&err, 0, sizeof err);
    return options_parse(argc, argv, accepted, &o, &err);
}

/* Parse "loader ARGS..." with the options given in mask. */
#define PARSE_WITH(mask, ...) ({                                            \
        char *argv_[] = { "loader", __VA_ARGS__, NULL };                    \
        parse_v((int)(sizeof argv_ / sizeof argv_[0]) - 1, argv_, (mask)); \
    })
#define PARSE(...) PARSE_WITH(LOADER_OPTS, __VA_ARGS__)

static void assert_value(int id, const char *want)
{
    if (want)
        cr_assert_str_eq(o.value[id], want);
    else
        cr_assert_null(o.value[id], "option %d set to \"%s\"", id, o.value[id]);
}

static void assert_run(int rc, int prog, const char *argv0)
{
    cr_assert_eq(rc, 0, "refused: %s", err.msg);
    cr_assert_eq(o.help, 0);
    cr_assert_eq(o.version, 0);
    cr_assert_eq(o.prog, prog, "PROG index %d, expected %d", o.prog, prog);
    assert_value(OPT_ARGV0, argv0);
    assert_value(OPT_LIBRARY_PATH, NULL);
    assert_value(OPT_PRELOAD, NULL);
}

static void assert_usage(int rc, const char *msg)
{
    cr_assert_eq(rc, -1);
    cr_assert_eq(err.status, LOAD_EXIT_USAGE, "status %d", err.status);
    cr_assert_eq(err.status, 2);
    cr_assert_str_eq(err.msg, msg);
}

Test(options, prog_only)
{
    assert_run(PARSE("/bin/true"), 1, NULL);
}

Test(options, prog_with_args)
{
    assert_run(PARSE("/bin/echo", "a", "b"), 1, NULL);
}

Test(options, argv0_separate)
{
    assert_run(PARSE("--argv0", "NAME", "/bin/true", "x"), 3, "NAME");
}

Test(options, argv0_joined)
{
    assert_run(PARSE("--argv0=NAME", "/bin/true"), 2, "NAME");
}

Test(options, argv0_joined_empty)
{
    assert_run(PARSE("--argv0=", "/bin/true"), 2, "");
}

Test(options, argv0_value_may_look_like_option)
{
    assert_run(PARSE("--argv0", "--help", "/bin/true"), 3, "--help");
}

Test(options, argv0_last_wins)
{
    assert_run(PARSE("--argv0=one", "--argv0", "two", "/bin/true"), 4, "two");
}

Test(options, double_dash)
{
    assert_run(PARSE("--", "/bin/true"), 2, NULL);
}

Test(options, double_dash_before_dash_prog)
{
    assert_run(PARSE("--", "-weird-name", "x"), 2, NULL);
    assert_run(PARSE("--argv0", "N", "--", "--help"), 4, "N");
}

Test(options, help)
{
    int rc = PARSE("--help");
    cr_assert_eq(rc, 0);
    cr_assert_eq(o.help, 1);
    cr_assert_eq(o.version, 0);
}

Test(options, help_short)
{
    int rc = PARSE("-h");
    cr_assert_eq(rc, 0);
    cr_assert_eq(o.help, 1);
    cr_assert_eq(o.version, 0);
}

Test(options, help_needs_no_prog_and_ignores_rest)
{
    int rc = PARSE("--argv0=x", "--help", "--bogus");
    cr_assert_eq(rc, 0);
    cr_assert_eq(o.help, 1);
}

Test(options, version)
{
    int rc = PARSE("--version");
    cr_assert_eq(rc, 0);
    cr_assert_eq(o.version, 1);
    cr_assert_eq(o.help, 0);
}

Test(options, unknown_option)
{
    assert_usage(PARSE("--bogus", "/bin/true"), "unknown option --bogus (try --help)");
}

Test(options, unknown_short_option)
{
    assert_usage(PARSE("-x", "/bin/true"), "unknown option -x (try --help)");
}

Test(options, argv0_prefix_is_not_argv0)
{
    assert_usage(PARSE("--argv00", "/bin/true"), "unknown option --argv00 (try --help)");
    assert_usage(PARSE("--help-me", "/bin/true"), "unknown option --help-me (try --help)");
}

Test(options, no_arguments)
{
    char *argv[] = { "loader", NULL };
    assert_usage(parse_v(1, argv, LOADER_OPTS), "no program given (try --help)");
}

Test(options, missing_program_after_options)
{
    assert_usage(PARSE("--argv0=x"), "no program given (try --help)");
    assert_usage(PARSE("--"), "no program given (try --help)");
    assert_usage(PARSE("--argv0", "x"), "no program given (try --help)");
}

Test(options, missing_argv0_value)
{
    assert_usage(PARSE("--argv0"), "option --argv0 needs a value");
}

Test(options, options_after_prog_belong_to_program)
{
    assert_run(PARSE("/bin/ls", "--help", "--argv0", "x", "--bogus", "--"), 1, NULL);
    assert_run(PARSE("--argv0", "n", "/bin/ls", "--version", "-h"), 3, "n");
}

Test(options, empty_prog_is_a_program)
{
    /* "" is not an option; opening it fails later, as execve("") does */
    assert_run(PARSE(""), 1, NULL);
}

Test(options, options_not_accepted_are_unknown)
{
    assert_usage(PARSE("--library-path", "/lib", "/bin/true"),
                 "unknown option --library-path (try --help)");
    assert_usage(PARSE("--preload=x.so", "/bin/true"),
                 "unknown option --preload=x.so (try --help)");
    assert_usage(PARSE_WITH(0, "--argv0", "x", "/bin/true"),
                 "unknown option --argv0 (try --help)");
}

Test(options, every_option_when_accepted)
{
    int rc = PARSE_WITH(ALL_OPTS, "--library-path", "/opt/lib:/lib", "--preload=a.so",
                        "--argv0=N", "prog", "--preload", "b.so");
    cr_assert_eq(rc, 0, "refused: %s", err.msg);
    cr_assert_eq(o.prog, 5);
    assert_value(OPT_ARGV0, "N");
    assert_value(OPT_LIBRARY_PATH, "/opt/lib:/lib");
    assert_value(OPT_PRELOAD, "a.so");
}

Test(options, missing_value_names_the_option)
{
    assert_usage(PARSE_WITH(ALL_OPTS, "--preload"), "option --preload needs a value");
    assert_usage(PARSE_WITH(ALL_OPTS, "--argv0=x", "--library-path"),
                 "option --library-path needs a value");
}

Test(options, help_and_version_always_understood)
{
    cr_assert_eq(PARSE_WITH(0, "-h"), 0);
    cr_assert_eq(o.help, 1);
    cr_assert_eq(PARSE_WITH(ALL_OPTS, "--version"), 0);
    cr_assert_eq(o.version, 1);
    assert_run(PARSE_WITH(0, "--", "x"), 2, NULL);
}

/* ------------------------------------------------------------------ */
/* options_started_as_exe_link                                         */

Test(started_as_exe_link, process_exe_links)
{
    cr_assert(options_started_as_exe_link("/proc/self/exe"));
    cr_assert(options_started_as_exe_link("/proc/thread-self/exe"));
    cr_assert(options_started_as_exe_link("/proc/1234/exe"));
    cr_assert(options_started_as_exe_link("/proc/1234/task/1235/exe"));
}

Test(started_as_exe_link, ordinary_paths)
{
    cr_assert_not(options_started_as_exe_link("/usr/bin/loader"));
    cr_assert_not(options_started_as_exe_link("loader"));
    cr_assert_not(options_started_as_exe_link("/proc/exe"));    /* no such entry */
    cr_assert_not(options_started_as_exe_link("/procs/self/exe"));
    cr_assert_not(options_started_as_exe_link("/proc/self/exec"));
    cr_assert_not(options_started_as_exe_link("./exe"));
    cr_assert_not(options_started_as_exe_link(""));
    cr_assert_not(options_started_as_exe_link(NULL));
}
