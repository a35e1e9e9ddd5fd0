import ArgumentParser
import CursesTerminal
import PoolApp
import PoolScript

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The options `play` and `demo` share: pacing, recording, colour.
struct PlaybackOptions: ParsableArguments {
    @Option(help: "Operations per second (default 5 for scripts, 200 for traces; +/- change it while playing).")
    var speed: Double?

    @Flag(help: "Start paused: step with n/→ and b/←, resume with space.")
    var paused = false

    @Option(help: ArgumentHelp("Record the playback as an asciinema v2 cast (the screen, not a trace: `poolmap record` makes traces). Without a terminal, renders the whole script into the file and exits like run.",
                               valueName: "file.cast"))
    var record: String?

    @Option(help: "Width of a recording made without a terminal.")
    var width: Int = 100

    @Option(help: "Height of a recording made without a terminal.")
    var height: Int = 30

    @Flag(name: .long, help: "No colours: glyphs and attributes only (also when NO_COLOR is set).")
    var noColor = false

    func validate() throws {
        if let speed, !(speed > 0 && speed.isFinite) {
            throw ValidationError("--speed must be a positive number of operations per second, not \(speed)")
        }
        guard (20...1000).contains(width), (8...500).contains(height) else {
            throw ValidationError("--width must be from 20 to 1000 and --height from 8 to 500")
        }
    }
}

/// Plays a script in the terminal, or records it headless.
enum PlaySession {
    /// Plays `script`; with `--record` and no terminal, renders it into the cast and exits as
    /// `run` would (1 after runtime errors).
    static func play(_ script: Script, poolSize: Int, title: String, options: PlaybackOptions) throws {
        let state = try PlayerState(script: script, poolSize: poolSize, speed: options.speed,
                                    paused: options.paused, title: title)
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        if let path = options.record, !interactive {
            var headless = state
            headless.monochrome = false
            headless.resume()
            let (recorder, end) = PlayerRecording.record(headless, width: options.width, height: options.height)
            try writeCast(recorder, to: path)
            let errors = end.timeline.steps.compactMap { step in
                step.error.map { "\(script.fileName):\(step.line): error: \($0)\n" }
            }
            errors.forEach(ScriptLoading.writeError)
            ScriptLoading.write("recorded \(script.fileName): \(recorder.eventCount) events, "
                                + "\(formatSeconds(end.playbackSeconds)) s, \(options.width)×\(options.height) → \(path)\n")
            if !errors.isEmpty { throw ExitCode(1) }
            return
        }
        var recorder: CastRecorder?
        let status = CursesTerminal.runFullScreen(noColor: options.noColor) { terminal in
            var playing = state
            playing.monochrome = terminal.colorDepth == .monochrome
            if options.record != nil {
                recorder = CastRecorder(width: terminal.size.width, height: terminal.size.height,
                                        depth: terminal.colorDepth)
            }
            return PlayerApp(state: playing, recorder: recorder)
        }
        if let recorder, let path = options.record {
            try writeCast(recorder, to: path)
        }
        if status != 0 { throw ExitCode(status) }
    }

    static func writeCast(_ recorder: CastRecorder, to path: String) throws {
        let file = fopen(path, "wb")
        guard let file else {
            ScriptLoading.writeError("poolmap: cannot write \(path): \(String(cString: strerror(errno)))\n")
            throw ExitCode(1)
        }
        var text = recorder.text
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        guard written == recorder.text.utf8.count, closed == 0 else {
            ScriptLoading.writeError("poolmap: cannot write \(path): \(String(cString: strerror(errno)))\n")
            throw ExitCode(1)
        }
    }

    static func formatSeconds(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
