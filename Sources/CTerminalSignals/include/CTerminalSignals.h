#ifndef POOLMAP_TERMINAL_SIGNALS_H
#define POOLMAP_TERMINAL_SIGNALS_H
// Signal handlers that give the terminal back however poolmap ends. Async-signal-safe code is
// easiest to keep honest in C; the state they share lives in TerminalSignals.c, once.

/// Makes SIGINT, SIGTERM and SIGHUP only record their number (see `pm_pending_signal`): the app
/// loop notices, restores the terminal and exits with 128 + signal. No system call is
/// restarted, so a pending read returns at once. Also unblocks them (test runners may block them).
void pm_install_termination_handlers(void);

/// Puts the default handlers back for SIGINT, SIGTERM and SIGHUP.
void pm_restore_termination_handlers(void);

/// The termination signal received since the handlers were installed, or 0.
int pm_pending_signal(void);

/// On a crash signal (SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT: a Swift trap, a bad
/// access) restore the terminal with `endwin()`, put back the handler that was there before (the
/// Swift runtime's backtracer, or the default) and return: the faulting instruction runs again
/// and that handler reports the crash on a usable terminal.
void pm_install_crash_handlers(void);

/// Puts back the crash handlers that were installed before `pm_install_crash_handlers`.
void pm_restore_crash_handlers(void);

#endif
