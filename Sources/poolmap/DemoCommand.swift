import ArgumentParser
import PoolAllocator
import PoolCommandLine
import PoolScript
import PoolSnapshot

/// `poolmap demo [NAME]`: plays a built-in demo; no file needed.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a built-in demo (default: fragmentation, then defragment).",
        discussion: """
            The demos are the .pool, .trace and PyTorch snapshot (.pickle) files of demos/, built \
            into poolmap. `poolmap demo --list` names them. Keys as in `poolmap play`. A snapshot \
            demo plays as recorded, with its captions (--policy replays it under that policy instead).

            Examples:
              poolmap demo
                  a pool fragments until an allocation fails; a defragment saves it
              poolmap demo --list
                  the demos and what each shows
              poolmap demo first-fit --speed 2
                  first fit, two operations a second
              poolmap demo gpu-oom
                  a PyTorch inference server runs out of GPU memory with gigabytes free
              poolmap demo --record story.cast < /dev/null
                  no terminal: the default demo into an asciinema cast
            """
    )

    @Argument(help: "The demo's name (see --list).", completion: .list(Self.names))
    var name: String = DemoLibrary.defaultName

    @Flag(help: "List the demos, one per line: name and description.")
    var list = false

    @OptionGroup var playback: PlaybackOptions

    @Option(help: policyHelp)
    var policy: FitPolicy?

    func validate() throws {
        guard list || DemoLibrary.named(name) != nil || SnapshotDemos.named(name) != nil else {
            throw ValidationError(Self.unknownNameMessage(name))
        }
    }

    /// Every demo's name: the scripts and traces, then the snapshots.
    static var names: [String] { DemoLibrary.all.map(\.name) + SnapshotDemos.all.map(\.name) }

    /// Why `name` names no demo: the closest names, as for a mistyped command, and every demo.
    static func unknownNameMessage(_ name: String) -> String {
        let close = Suggestions.closest(to: name, among: names, prefixes: true)
        let didYouMean = close.isEmpty ? "" : "; did you mean \(Suggestions.quotedList(close))?"
        return "no demo named '\(name)'\(didYouMean)\(close.isEmpty ? ";" : "") the demos are: "
            + names.joined(separator: ", ")
    }

    func run() throws {
        if list {
            StandardStreams.write(DemoLibrary.listing(adding: SnapshotDemos.all.map { ($0.name, $0.summary) }))
            return
        }
        if let demo = SnapshotDemos.named(name) {
            let snapshot = try demo.snapshot()
            let device = try snapshot.chooseDevice()
            guard policy == nil else {
                // A policy asks for the replay under it, captions kept.
                let replay = SnapshotReplay(snapshot: snapshot, device: device, fileName: demo.fileName)
                try PlaySession.play(
                    demo.captioned(SnapshotLoading.script(of: replay)), size: nil,
                    title: "poolmap demo — \(demo.name)", options: playback, policy: policy)
                return
            }
            let recorded = AsRecordedScript(
                AsRecordedRun(snapshot: snapshot, device: device), fileName: demo.fileName, captions: demo.captions)
            try PlaySession.play(
                recorded.script, size: nil, title: "poolmap demo — \(demo.name) as recorded", options: playback,
                policy: nil, recordedView: recorded)
            return
        }
        let demo = DemoLibrary.named(name)!
        let script = try ScriptLoading.parse(demo.text, fileName: demo.fileName, kind: demo.kind)
        try PlaySession.play(
            script, size: nil,
            title: "poolmap demo — \(demo.name)", options: playback, policy: policy)
    }
}
