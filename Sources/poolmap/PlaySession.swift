import ArgumentParser
import CursesTerminal
import MemoryMap
import PoolAllocator
import PoolApp
import PoolScript
import PoolText

/// The options `play` and `demo` share: pacing, recording, colour.
struct PlaybackOptions: ParsableArguments {
    @Option(
        help: "Operations per second (default 5 for scripts, 200 for traces; < and > change it while playing).",
        transform: PlaybackOptions.parseSpeed)
    var speed: Double?

    @Flag(help: "Start paused: step with n/→ and b/←, resume with space.")
    var paused = false

    @Flag(
        help: ArgumentHelp(
            "Show each allocation's search: the free blocks its policy looks at, each too small, misaligned "
                + "or fits, then the block taken (e toggles it while playing; up to 40 operations a second; "
                + "refused by compare)."))
    var explain = false

    @Option(
        help: ArgumentHelp(
            "Record the playback as an asciinema v2 cast (the screen, not a trace: `poolmap record` makes "
                + "traces). Without a terminal, renders the whole script into the file and exits like run.",
            valueName: "file.cast"))
    var record: String?

    @Option(help: "Width of a recording made without a terminal.")
    var width: Int = 100

    @Option(help: "Height of a recording made without a terminal.")
    var height: Int = 30

    @Flag(name: .long, help: "No colours: glyphs and attributes only (also when NO_COLOR is set).")
    var noColor = false

    @Option(
        help: ArgumentHelp(
            "Memory the checkpoints of each timeline may hold, e.g. 64MiB or 1GiB (default 256 MiB): less "
                + "keeps them further apart, so seeks replay more steps.",
            valueName: "size"),
        transform: PlaybackOptions.parseCheckpointBudget)
    var checkpointBudget: Int = PlayerTimeline.defaultCheckpointBudget

    /// `--checkpoint-budget`: the size grammar, at least 1 byte; a mistake is a usage error.
    static func parseCheckpointBudget(_ text: String) throws -> Int {
        do {
            return try ByteSize.parsePositive(text)
        } catch {
            throw ValidationError("--checkpoint-budget: \(error)")
        }
    }

    /// `--speed`: a positive number of operations per second; anything else says what one looks like.
    static func parseSpeed(_ text: String) throws -> Double {
        guard let speed = Double(text), speed > 0, speed.isFinite else {
            throw ValidationError(
                "--speed takes operations per second, e.g. --speed 50 (scripts play at 5, traces at 200 by "
                    + "default), not '\(text)'")
        }
        return speed
    }

    func validate() throws {
        // Below the screen's minimum a recording would only say the terminal is too small.
        guard (ScreenLayout.minimumWidth...1000).contains(width), (ScreenLayout.minimumHeight...500).contains(height)
        else {
            throw ValidationError(
                "--width must be from \(ScreenLayout.minimumWidth) to 1000 and --height from "
                    + "\(ScreenLayout.minimumHeight) to 500, not \(width)×\(height)")
        }
    }
}

/// Plays a script in the terminal — the player, or the comparison view when policies are to be
/// compared — or records it headless: wiring only, the logic is in `PlayerState`,
/// `CompareState` and `PlayerRecording`.
enum PlaySession {
    /// Plays `script`; with `--record` and no terminal, renders it into the cast and exits as
    /// `run` would (1 after runtime errors).
    /// - Parameters:
    ///   - policy: `--policy`: every pool places by it (and no comparison is shown).
    ///   - size: `--size`, else the script's default pool, which the title bar then names.
    ///   - policies: `--policies`: compare these; else a leading `compare` line of the script.
    ///   - recordedView: draws the run as recorded (a snapshot's `AsRecordedScript`): no policy,
    ///     no comparison, and the title names no policy.
    ///   - recordedBand: with `policies`, a first band of the run as recorded (a snapshot's).
    ///   - orders: `compare --orders`: compare these heap list orders (instead of policies).
    static func play(
        _ script: Script, size: Int?, title: String, options: PlaybackOptions, policy: FitPolicy?,
        policies: [FitPolicy]? = nil, recordedView: (any RecordedView)? = nil,
        recordedBand: CompareState.RecordedBand? = nil, orders: [FreeListHeap.ListOrder]? = nil
    ) throws {
        let poolSize = ScriptLoading.poolSize(for: script, size: size)
        let sizeChoice = recordedView == nil ? PoolSizeChoice(script: script, sizeGiven: size != nil) : nil
        let compared =
            orders.map { $0.map(CompareState.Contender.listOrder) }
            ?? (policies ?? (policy == nil ? script.comparePolicies : nil)).map {
                $0.map(CompareState.Contender.policy)
            }
        if recordedView == nil, let compared {
            var state = try CompareState(
                script: script, contenders: compared, poolSize: poolSize, speed: options.speed,
                paused: options.paused, title: title, checkpointBudget: options.checkpointBudget,
                recorded: recordedBand)
            state.sizeChoice = recordedBand == nil ? sizeChoice : nil
            try present(
                options: options, fileName: script.fileName,
                headless: { PlayerRecording.headless(state, width: options.width, height: options.height) },
                makeApp: { terminal in
                    var comparing = state
                    comparing.monochrome = terminal.colorDepth == .monochrome
                    comparing.screenSize = terminal.size
                    comparing.scanPace = .interactive
                    return CompareApp(state: comparing)
                })
            return
        }
        var state = try PlayerState(
            script: script, poolSize: poolSize, policy: policy, speed: options.speed, paused: options.paused,
            title: title, explain: options.explain, sizeChoice: sizeChoice, checkpointBudget: options.checkpointBudget)
        state.recordedView = recordedView
        try present(
            options: options, fileName: script.fileName,
            headless: { PlayerRecording.headless(state, width: options.width, height: options.height) },
            makeApp: { terminal in
                var playing = state
                playing.monochrome = terminal.colorDepth == .monochrome
                playing.screenSize = terminal.size
                playing.scanPace = .interactive
                return PlayerApp(state: playing)
            })
    }

    /// Runs the app full screen (recording it with `--record`), or, with `--record` and no
    /// terminal, writes the headless recording and reports like `run`.
    static func present<App: RecordableApp>(
        options: PlaybackOptions, fileName: String, headless: () -> PlayerRecording.Headless,
        makeApp: (CursesTerminal) throws -> App
    ) throws {
        if let path = options.record, !StandardStreams.isInteractive {
            let recording = headless()
            try StandardStreams.writeFile(recording.cast, to: path)
            recording.errorLines.forEach { StandardStreams.writeError($0 + "\n") }
            if recording.errorCount > recording.errorLines.count {
                StandardStreams.writeError(
                    "poolmap: \(recording.errorCount - recording.errorLines.count) more runtime errors not shown "
                        + "(poolmap run lists them all)\n")
            }
            StandardStreams.write(recording.summary(fileName: fileName, path: path) + "\n")
            if recording.errorCount > 0 { throw ExitCode(1) }
            return
        }
        var recorder: CastRecorder?
        let status = CursesTerminal.runFullScreen(noColor: options.noColor) { terminal in
            if options.record != nil {
                recorder = CastRecorder(
                    width: terminal.size.width, height: terminal.size.height, depth: terminal.colorDepth)
            }
            return try makeApp(terminal)
        } onFrame: { grid, app in
            recorder?.record(grid, of: app)
        }
        if let recorder, let path = options.record {
            try StandardStreams.writeFile(recorder.text, to: path)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
