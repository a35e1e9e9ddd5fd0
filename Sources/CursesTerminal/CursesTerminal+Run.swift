import CNcurses
import Glibc
import MemoryMap
import PoolApp

extension CursesTerminal {
    /// Runs a full-screen app on the real terminal from start to exit status, giving the
    /// terminal back on every path.
    ///
    /// - Parameters:
    ///   - noColor: `--no-color` (the `NO_COLOR` variable is honoured as well).
    ///   - makeApp: builds the app once the terminal is open (it may read its size and colours).
    ///   - onFrame: sees every frame drawn, with the app that drew it (see ``AppRunner``).
    /// - Returns: the process exit status: 0 after the app quit; 1 after an error, whose message
    ///   (prefixed `poolmap: `) went to standard error once the screen was restored; 128 + the
    ///   signal after SIGINT, SIGTERM or SIGHUP.
    package static func runFullScreen<App: InteractiveApp>(
        noColor: Bool, makeApp: (CursesTerminal) throws -> App, onFrame: (Grid, App) -> Void = { _, _ in }
    ) -> Int32 {
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(noColor: noColor)
        } catch {
            report(error)
            return 1
        }
        do {
            var app = try makeApp(terminal)
            let outcome = try AppRunner.run(&app, on: terminal, onFrame: onFrame)
            terminal.close()
            switch outcome {
            case .quit: return 0
            case .signal(let signal): return 128 + signal
            }
        } catch {
            terminal.close()
            // A hang-up closes input; exit as the signal would have.
            if let signal = terminal.pendingSignal { return 128 + signal }
            report(error)
            return 1
        }
    }

    /// Writes `poolmap: <error>` to standard error.
    static func report(_ error: any Error) {
        fputs("poolmap: \(error)\n", pm_stderr())
    }
}
