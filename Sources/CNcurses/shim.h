#ifndef POOLMAP_CNCURSES_SHIM_H
#define POOLMAP_CNCURSES_SHIM_H
// SwiftPM drops pkg-config's -D flags: turn on the wide-character API here.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <curses.h>
#include <term.h>
#endif
