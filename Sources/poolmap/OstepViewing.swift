import ArgumentParser
import OSTEPSimulator
import PoolQuiz
import PoolScript

/// `poolmap ostep FLAGS --play`, `--quiz`, `--script`: malloc.py's run as a heap scene, played,
/// quizzed or printed. The run is the one `poolmap ostep` prints (the same heap, the same
/// operations), written as a `.pool` script, so the player is the one every script has; the
/// script is a worksheet, each allocation ending in `# -> ?` or, with `-c`, malloc.py's answer.
enum OstepViewing {
    /// What to do with the run instead of printing malloc.py's output.
    enum Mode: String {
        case play = "--play"
        case quiz = "--quiz"
        case script = "--script"
    }

    /// poolmap's words among malloc.py's flags.
    struct Own {
        var mode: Mode?
        /// The playback options given (`--paused`, `--explain`, `--speed N`, `--no-color`).
        var playback: [String] = []
    }

    /// Takes poolmap's own words out of `flags` (before a `--`, which ends malloc.py's flags
    /// too); the rest are malloc.py's.
    static func split(_ flags: [String]) -> (malloc: [String], own: Own) {
        var malloc: [String] = []
        var own = Own()
        var index = 0
        while index < flags.count {
            let flag = flags[index]
            index += 1
            if flag == "--" {
                malloc += flags[(index - 1)...]
                break
            }
            if let mode = Mode(rawValue: flag) {
                own.mode = mode
            } else if ["--paused", "--explain", "--no-color"].contains(flag) || flag.hasPrefix("--speed=") {
                own.playback.append(flag)
            } else if flag == "--speed", index < flags.count {
                own.playback += [flag, flags[index]]
                index += 1
            } else {
                malloc.append(flag)
            }
        }
        return (malloc, own)
    }

    /// Plays or prints `outcome`'s run. A run malloc.py refuses is refused as
    /// `poolmap ostep` refuses it (its message, its exit status); one that fails part way is
    /// shown up to the operation that failed, which is then the script's last.
    static func view(_ outcome: MallocSimulation.Outcome, mode: Mode, flags: [String], own: Own) throws {
        if let failure = outcome.failure, outcome.script.isEmpty || failure.exitStatus == 64 {
            StandardStreams.writeError("poolmap ostep: \(failure.message)\n")
            throw ExitCode(failure.exitStatus)
        }
        // One text for every mode, so that the player's line numbers are the printed script's.
        let text = Worksheet.heapSheet(
            title: "poolmap ostep \(flags.joined(separator: " ")): malloc.py's run as a heap scene",
            script: outcome.script, answers: outcome.answers, showingAnswers: outcome.computes)
        if mode == .script {
            StandardStreams.write(text)
            return
        }
        let title = "poolmap ostep \(flags.joined(separator: " "))"
        let script: Script
        do {
            script = try ScriptFile.parse(Array(text.utf8), fileName: "ostep", kind: .script)
        } catch {
            // malloc.py takes what a heap scene cannot: a heap of no bytes or below address 0,
            // a request of 0 bytes.
            StandardStreams.writeError(
                "poolmap ostep: \(mode.rawValue) cannot show this run as a heap scene (it needs a heap of at least "
                    + "1 byte from address 0 or above, and requests of at least 1 byte):\n\(error.description)\n")
            throw ExitCode(64)
        }
        switch mode {
        case .play:
            let options = try PlaybackOptions.parse(own.playback)
            try PlaySession.play(script, size: nil, title: title, options: options, policy: nil)
        case .quiz:
            let pacing = own.playback.filter { $0 != "--no-color" }
            guard pacing.isEmpty else {
                StandardStreams.writeError(
                    "poolmap ostep: \(pacing.joined(separator: " ")): the quiz goes at your pace; "
                        + "--paused, --explain and --speed are --play's\n")
                throw ExitCode(64)
            }
            let source = QuizSource(
                script: script, poolSize: ScriptLoading.poolSize(for: script, size: nil), name: title)
            try Quiz.present(source, noColor: own.playback.contains("--no-color"), record: nil)
        case .script:
            break
        }
    }
}
