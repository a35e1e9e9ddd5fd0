import ArgumentParser
import PoolAllocator
import PoolScript
import PoolSnapshot

/// `poolmap play FILE`: plays a script or trace step by step in the terminal.
struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a script or trace step by step on the map, with captions.",
        discussion: """
            Keys: space pause/resume · n/→ step forward · b/← step back · </> slower/faster · \
            g restart · Home/End start/end · [/] previous/next failure · {/} previous/next \
            defragment · m peak fragmentation · : go to a step or a percentage · t timeline \
            figure · click the timeline to seek · ? help · q quit; the map's keys are the \
            explorer's (h/l select, +/-/0 zoom). A trace is replayed on poolmap's allocator \
            (first fit unless --policy says, in a pool of its peak live bytes × 1.25 unless \
            --size says; the title bar names both): a recorded program's layout is poolmap's \
            replay, not the program's real addresses. A PyTorch snapshot is shown as recorded: \
            every block at its real address in the segments PyTorch reserved (▚ awaiting free, · \
            unreserved, ▎ a segment's start), each OOM a failure; --replay replays it instead. \
            A trace of any length opens at once: the \
            timeline fills in while you watch. With --record and no terminal, renders the \
            whole script into the cast and exits like `poolmap run` (0, or 1 after runtime \
            errors).

            Examples (from the repository, whose demos/ holds these files):
              poolmap play demos/alignment.pool
                  aligned allocations and their padding, captioned step by step
              poolmap play demos/awk-buckets.trace --speed 1000 --paused
                  a real allocation trace, paused: n/→ steps, space plays
              poolmap play demos/first-fit.pool --record first-fit.cast < /dev/null
                  no terminal: the whole script into an asciinema cast
            """
    )

    @OptionGroup var input: ScriptFileOptions

    @OptionGroup var playback: PlaybackOptions

    @Option(help: policyHelp)
    var policy: FitPolicy?

    func run() throws {
        if try input.readsAsRecorded(policy: policy) {
            let recorded = AsRecordedScript(
                try SnapshotLoading.asRecorded(path: input.file, device: input.format.device), fileName: input.file)
            try PlaySession.play(
                recorded.script, size: nil, title: "poolmap play — \(input.file) as recorded", options: playback,
                policy: nil, recordedView: recorded)
            return
        }
        let script = try input.load()
        try PlaySession.play(
            script, size: input.size, title: "poolmap play — \(input.file)", options: playback,
            policy: policy)
    }
}
