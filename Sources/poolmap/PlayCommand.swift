import ArgumentParser
import PoolScript

/// `poolmap play FILE`: plays a script or trace step by step in the terminal.
struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a script or trace step by step on the map, with captions.",
        discussion: """
            Keys: space pause/resume · n/→ step forward · b/← step back (any depth) · +/- speed · \
            g restart · ? help · q quit. With --record and no terminal, renders the whole script \
            into the cast and exits like `poolmap run` (0, or 1 after runtime errors).
            """
    )

    @Argument(help: "The .pool script, or .trace/.rep trace, to play.")
    var file: String

    @Option(
        help: "The pool for traces and for scripts without a leading pool statement (256, 4KiB, 0x100, 2M).",
        transform: ScriptLoading.parseSize)
    var size: Int?

    @Flag(help: "Read the file as a trace whatever its name.")
    var trace = false

    @OptionGroup var playback: PlaybackOptions

    func run() throws {
        let script = try ScriptLoading.load(path: file, forceTrace: trace)
        try PlaySession.play(
            script, poolSize: ScriptLoading.poolSize(for: script, size: size),
            title: "poolmap play — \(file)", options: playback)
    }
}
