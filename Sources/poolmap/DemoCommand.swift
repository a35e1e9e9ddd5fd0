import ArgumentParser
import PoolAllocator
import PoolCommandLine
import PoolScript

/// `poolmap demo [NAME]`: plays a built-in demo; no file needed.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a built-in demo (default: fragmentation, then defragment).",
        discussion: """
            The demos are the .pool and .trace files of demos/, built into poolmap. \
            `poolmap demo --list` names them. Keys as in `poolmap play`.

            Examples:
              poolmap demo
                  a pool fragments until an allocation fails; a defragment saves it
              poolmap demo --list
                  the demos and what each shows
              poolmap demo first-fit --speed 2
                  first fit, two operations a second
              poolmap demo --record story.cast < /dev/null
                  no terminal: the default demo into an asciinema cast
            """
    )

    @Argument(help: "The demo's name (see --list).", completion: .list(DemoLibrary.all.map(\.name)))
    var name: String = DemoLibrary.defaultName

    @Flag(help: "List the demos, one per line: name and description.")
    var list = false

    @OptionGroup var playback: PlaybackOptions

    @Option(help: policyHelp)
    var policy: FitPolicy?

    func validate() throws {
        guard list || DemoLibrary.named(name) != nil else { throw ValidationError(Self.unknownNameMessage(name)) }
    }

    /// Why `name` names no demo: the closest names, as for a mistyped command, and every demo.
    static func unknownNameMessage(_ name: String) -> String {
        let names = DemoLibrary.all.map(\.name)
        let close = Suggestions.closest(to: name, among: names, prefixes: true)
        let didYouMean = close.isEmpty ? "" : "; did you mean \(Suggestions.quotedList(close))?"
        return "no demo named '\(name)'\(didYouMean)\(close.isEmpty ? ";" : "") the demos are: "
            + names.joined(separator: ", ")
    }

    func run() throws {
        if list {
            StandardStreams.write(DemoLibrary.listing)
            return
        }
        let demo = DemoLibrary.named(name)!
        let script = try ScriptLoading.parse(demo.text, fileName: demo.fileName, kind: demo.kind)
        try PlaySession.play(
            script, size: nil,
            title: "poolmap demo — \(demo.name)", options: playback, policy: policy)
    }
}
