#ifndef POOLMAP_CNCURSES_SHIM_H
#define POOLMAP_CNCURSES_SHIM_H
// The system ncurses as Swift sees it. Swift imports neither function-like macros nor C
// globals under Swift 6 concurrency checking, so this header turns the ones poolmap needs into
// `static const` values and `static inline` accessors. The signal handlers live here too:
// async-signal-safe code is easiest to keep honest in C.

// SwiftPM drops pkg-config's -D flags: turn on the wide-character API here.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <curses.h>
#include <term.h>

// MARK: Attributes and mouse masks (macros in curses.h)

static const attr_t PM_A_NORMAL = A_NORMAL;
static const attr_t PM_A_BOLD = A_BOLD;
static const attr_t PM_A_DIM = A_DIM;
static const attr_t PM_A_REVERSE = A_REVERSE;
static const attr_t PM_A_UNDERLINE = A_UNDERLINE;

static const mmask_t PM_BUTTON1_PRESSED = BUTTON1_PRESSED;
static const mmask_t PM_BUTTON1_RELEASED = BUTTON1_RELEASED;
static const mmask_t PM_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t PM_BUTTON1_DOUBLE_CLICKED = BUTTON1_DOUBLE_CLICKED;
static const mmask_t PM_BUTTON4_PRESSED = BUTTON4_PRESSED;
static const mmask_t PM_BUTTON5_PRESSED = BUTTON5_PRESSED;

static const int PM_KEY_F0 = KEY_F0;

// MARK: C globals, read through functions

static inline WINDOW *pm_stdscr(void) { return stdscr; }
static inline WINDOW *pm_curscr(void) { return curscr; }
static inline int pm_lines(void) { return LINES; }
static inline int pm_cols(void) { return COLS; }
static inline int pm_colors(void) { return COLORS; }
static inline int pm_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *pm_stdin(void) { return stdin; }
static inline FILE *pm_stdout(void) { return stdout; }
static inline FILE *pm_stderr(void) { return stderr; }

/// Columns `character` takes on a terminal (glibc declares wcwidth only under _XOPEN_SOURCE).
extern int wcwidth(wchar_t character);
static inline int pm_wcwidth(wchar_t character) { return wcwidth(character); }

/// Frees the terminfo entry a `setupterm` probe loaded.
static inline void pm_release_probed_terminal(void) { del_curterm(cur_term); }

/// Whether the current locale encodes characters as UTF-8 (else wide glyphs turn blank).
static inline int pm_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/// Whether the terminfo entry loaded by setupterm can address the cursor (`dumb` cannot).
static inline int pm_terminal_has_cursor_addressing(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (const char *)-1;
}

// MARK: Termination signals (SIGINT, SIGTERM, SIGHUP)
// The handler only stores the signal number; the app loop polls it, restores the terminal and
// exits with 128 + signal. No system call is restarted, so a pending read returns at once.

static volatile sig_atomic_t pm_pending_signal_number = 0;

static void pm_on_termination_signal(int signal_number) { pm_pending_signal_number = signal_number; }

/// The termination signal received since the handlers were installed, or 0.
static inline int pm_pending_signal(void) { return (int)pm_pending_signal_number; }

static inline void pm_install_termination_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = pm_on_termination_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    // A parent may have left them blocked (test runners do): unblock, or they would never arrive.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
}

static inline void pm_restore_termination_handlers(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
}

// MARK: Crash signals (a Swift trap, a bad access)
// The handler restores the terminal with endwin(), puts back the handler that was there before
// (the Swift runtime's backtracer, or the default) and returns: the faulting instruction runs
// again and that handler reports the crash on a usable terminal.

enum { PM_CRASH_SIGNAL_COUNT = 6 };
static const int pm_crash_signals[PM_CRASH_SIGNAL_COUNT] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT };
static struct sigaction pm_previous_crash_actions[PM_CRASH_SIGNAL_COUNT] = { { { 0 } } };
static volatile sig_atomic_t pm_crash_handlers_installed = 0;

static inline void pm_restore_crash_handlers(void) {
    if (!pm_crash_handlers_installed) return;
    for (int i = 0; i < PM_CRASH_SIGNAL_COUNT; i++) {
        sigaction(pm_crash_signals[i], &pm_previous_crash_actions[i], NULL);
    }
    pm_crash_handlers_installed = 0;
}

static void pm_on_crash_signal(int signal_number) {
    (void)signal_number;
    pm_restore_crash_handlers();
    endwin();
}

static inline void pm_install_crash_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = pm_on_crash_signal;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < PM_CRASH_SIGNAL_COUNT; i++) {
        sigaction(pm_crash_signals[i], &action, &pm_previous_crash_actions[i]);
    }
    pm_crash_handlers_installed = 1;
    sigset_t signals;
    sigemptyset(&signals);
    for (int i = 0; i < PM_CRASH_SIGNAL_COUNT; i++) sigaddset(&signals, pm_crash_signals[i]);
    pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
}

#endif
