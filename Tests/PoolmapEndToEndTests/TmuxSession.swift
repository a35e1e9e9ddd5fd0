import Foundation
import Testing

/// A private tmux server running one command in a fixed-size window, for driving the real
/// `poolmap` in a real terminal: keys in, screen text out, polled with a timeout.
///
/// Each session has its own server (`tmux -L <unique> -f /dev/null`), so tests never see the
/// user's tmux or each other. The command runs inside a shell that prints `EXIT=<status>` and
/// `stty -a` when the program ends, so a test can check how it exited and what it left behind.
final class TmuxSession {
    /// Why a session step failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Whether tmux can be run here.
    static let isAvailable: Bool = {
        (try? TmuxSession.run(["tmux", "-V"]))?.status == 0
    }()

    /// How long `waitFor` polls before giving up.
    static let defaultTimeout: Duration = .seconds(10)

    let server: String
    let target: String

    /// Starts `arguments` (the program and its arguments) with `environment` set inside the
    /// shell (tmux's own default-terminal would override a TERM given to tmux). `NO_COLOR` is
    /// unset unless `environment` sets it.
    /// - Parameter unset: variables to remove besides `NO_COLOR` (e.g. `TERM`).
    init(
        _ arguments: [String], environment: [String: String] = TmuxSession.standardEnvironment,
        unset: [String] = [], width: Int = 100, height: Int = 30
    ) throws {
        server = "poolmap-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        target = "explorer"
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }
        // The test runner's own NO_COLOR (SwiftPM sets it) must not leak into the terminal under test.
        let removals = (["NO_COLOR"] + unset).flatMap { ["-u", $0] }
        let program = (["env"] + removals + assignments + arguments.map(Self.quote)).joined(separator: " ")
        let shell = "\(program); echo EXIT=$?; stty -a; echo \(Self.reportEnd); sleep 600"
        try tmux(["new-session", "-d", "-s", target, "-x", String(width), "-y", String(height), shell])
    }

    /// Printed after the `stty -a` report, so a test knows the report is complete.
    static let reportEnd = "END-OF-REPORT"

    deinit {
        _ = try? tmux(["kill-server"])
    }

    /// A 256-colour xterm in a UTF-8 locale, and crash reports that do not wait for a debugger.
    static let standardEnvironment = [
        "TERM": "xterm-256color", "LANG": "C.UTF-8", "SWIFT_BACKTRACE": "interactive=no",
    ]

    // MARK: Driving

    /// Sends named keys (`Enter`, `Escape`, `Home`, `C-t`, `q`).
    func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", target] + keys)
    }

    /// Types `text` literally (also used for raw escape sequences such as mouse reports).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", target, "-l", "--", text])
    }

    /// A left click at a 1-based `column` and `row`, as an xterm reports it (SGR 1006 press,
    /// then release).
    func click(column: Int, row: Int) throws {
        try type("\u{1B}[<0;\(column);\(row)M")
        try type("\u{1B}[<0;\(column);\(row)m")
    }

    /// Resizes the window (the program gets SIGWINCH).
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", target, "-x", String(width), "-y", String(height)])
    }

    /// The pane's text now, one string per line.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", target])
    }

    /// The pane's text with colour escapes (`capture-pane -e`).
    func screenWithEscapes() throws -> String {
        try tmux(["capture-pane", "-p", "-e", "-t", target])
    }

    /// tmux's view of the pane: `#{alternate_on} #{cursor_flag} #{mouse_any_flag}` reads
    /// `0 1 0` once a full-screen program gave the terminal back.
    func terminalModes() throws -> String {
        try tmux(["display-message", "-p", "-t", target, "#{alternate_on} #{cursor_flag} #{mouse_any_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The process id of the shell running in the pane.
    func panePID() throws -> Int32 {
        let text = try tmux(["display-message", "-p", "-t", target, "#{pane_pid}"])
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(description: "no pane pid in \(text)")
        }
        return pid
    }

    /// The program's process: the pane shell's child (`env` execs it, so it keeps that pid).
    func programPID() throws -> Int32 {
        let shell = try panePID()
        let result = try Self.run(["pgrep", "-P", String(shell)])
        guard let pid = result.output.split(separator: "\n").first.flatMap({ Int32($0) }) else {
            throw Failure(description: "no child of the pane shell \(shell)")
        }
        return pid
    }

    /// Polls the screen every 50 ms until `condition` holds, up to `timeout`.
    /// - Returns: the screen that satisfied it.
    /// - Throws: ``Failure`` with the last screen when time ran out.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Duration = TmuxSession.defaultTimeout,
        _ condition: (String) -> Bool
    ) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = ""
        while true {
            last = try screen()
            if condition(last) { return last }
            if clock.now >= deadline {
                throw Failure(description: "timed out waiting for \(what); the screen was:\n\(last)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Waits until the screen shows `text`.
    @discardableResult
    func waitFor(text: String, timeout: Duration = TmuxSession.defaultTimeout) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits for the shell's `EXIT=<status>` line after the program ended.
    /// - Returns: the status and the screen (with the `stty -a` report).
    func waitForExit(timeout: Duration = TmuxSession.defaultTimeout) throws -> (status: Int, screen: String) {
        let screen = try waitFor("the program to exit", timeout: timeout) { screen in
            Self.exitStatus(in: screen) != nil && screen.contains(Self.reportEnd)
        }
        return (Self.exitStatus(in: screen)!, screen)
    }

    static func exitStatus(in screen: String) -> Int? {
        for line in screen.split(separator: "\n") where line.hasPrefix("EXIT=") {
            return Int(line.dropFirst(5).prefix { $0.isNumber })
        }
        return nil
    }

    /// Whether `stty -a` output shows the line discipline back to normal (canonical input and
    /// echo on).
    static func ttyIsCooked(_ screen: String) -> Bool {
        let words = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        return words.contains("icanon") && words.contains("echo") && !words.contains("-icanon")
            && !words.contains("-echo")
    }

    // MARK: Processes

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try Self.run(["tmux", "-L", server, "-f", "/dev/null"] + arguments)
        guard result.status == 0 else {
            throw Failure(
                description: "tmux \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.error)")
        }
        return result.output
    }

    /// Runs a program found on PATH and collects its output.
    ///
    /// Spawned directly and reaped with `waitpid`: Foundation's `Process` waits for SIGCHLD,
    /// which never came for tmux's client (it forks the server and exits) when the test
    /// runner's threads block signals. The child starts with no signals blocked and default
    /// dispositions, so SIGTERM and ^C reach the program under test. Output goes through
    /// temporary files, which the daemonized server cannot keep open the way it could a pipe.
    /// - Parameter standardInputPath: the file to read from (`/dev/null` by default).
    static func run(
        _ arguments: [String], standardInputPath: String = "/dev/null",
        environment: [String: String]? = nil
    ) throws -> (status: Int32, output: String, error: String) {
        let directory = FileManager.default.temporaryDirectory
        let outputURL = directory.appendingPathComponent("poolmap-e2e-out-\(UUID().uuidString)")
        let errorURL = directory.appendingPathComponent("poolmap-e2e-err-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, standardInputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let environmentLines = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var pid = pid_t()
        let status = withCStrings(arguments) { argv in
            withCStrings(environmentLines) { envp in
                posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
            }
        }
        guard status == 0 else { throw Failure(description: "cannot run \(arguments[0]): error \(status)") }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) == -1 {
            guard errno == EINTR else { throw Failure(description: "waitpid failed: \(errno)") }
        }
        // Exited: the status; killed by a signal: 128 + signal, as a shell reports it.
        let exitStatus = (waitStatus & 0x7f) == 0 ? (waitStatus >> 8) & 0xff : 128 + (waitStatus & 0x7f)
        let output = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        let error = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        return (exitStatus, output, error)
    }

    /// Calls `body` with `strings` as a NULL-terminated C array.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }

    /// Single-quotes `text` for sh.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Quits `session` with `q` and checks the terminal came back whole with exit status 0.
func quitAndCheckRestored(_ session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try session.send("q")
    let exit = try session.waitForExit()
    #expect(exit.status == 0, sourceLocation: sourceLocation)
    #expect(try session.terminalModes() == "0 1 0", sourceLocation: sourceLocation)
    #expect(TmuxSession.ttyIsCooked(exit.screen), "stty after exit:\n\(exit.screen)", sourceLocation: sourceLocation)
}
