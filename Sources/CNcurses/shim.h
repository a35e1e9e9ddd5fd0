#ifndef POOLMAP_CNCURSES_SHIM_H
#define POOLMAP_CNCURSES_SHIM_H
// The system ncurses as Swift sees it. Swift imports neither function-like macros nor C
// globals under Swift 6 concurrency checking, so this header turns the ones poolmap needs into
// `static const` values and `static inline` accessors. It holds no state: the signal handlers
// and what they share live in their own C target (CTerminalSignals).

// SwiftPM drops pkg-config's -D flags: turn on the wide-character API here.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
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

#endif
