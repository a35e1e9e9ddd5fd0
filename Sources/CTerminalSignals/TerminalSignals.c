#include "CTerminalSignals.h"

#include <curses.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>

// MARK: Termination signals (SIGINT, SIGTERM, SIGHUP)

static volatile sig_atomic_t pending_signal_number = 0;

static void on_termination_signal(int signal_number) { pending_signal_number = signal_number; }

int pm_pending_signal(void) { return (int)pending_signal_number; }

void pm_install_termination_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_termination_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
}

void pm_restore_termination_handlers(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
}

// MARK: Crash signals

enum { CRASH_SIGNAL_COUNT = 6 };
static const int crash_signals[CRASH_SIGNAL_COUNT] = {SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT};
static struct sigaction previous_crash_actions[CRASH_SIGNAL_COUNT];
static volatile sig_atomic_t crash_handlers_installed = 0;

void pm_restore_crash_handlers(void) {
    if (!crash_handlers_installed) return;
    for (int i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        sigaction(crash_signals[i], &previous_crash_actions[i], NULL);
    }
    crash_handlers_installed = 0;
}

static void on_crash_signal(int signal_number) {
    (void)signal_number;
    pm_restore_crash_handlers();
    endwin();
}

void pm_install_crash_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_crash_signal;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        sigaction(crash_signals[i], &action, &previous_crash_actions[i]);
    }
    crash_handlers_installed = 1;
    sigset_t signals;
    sigemptyset(&signals);
    for (int i = 0; i < CRASH_SIGNAL_COUNT; i++) sigaddset(&signals, crash_signals[i]);
    pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
}
