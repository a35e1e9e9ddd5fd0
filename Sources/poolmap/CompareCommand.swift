import ArgumentParser
import PoolAllocator
import PoolApp
import PoolReport
import PoolScript
import PoolSnapshot

/// `poolmap compare FILE`: one script or trace run under two to four placement policies side by
/// side, and the policies ranked.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a script or trace under several placement policies side by side, and rank them.",
        discussion: """
            Every policy gets its own pool, fed the same statements. In a terminal: a band per \
            policy with its map, used share, fragmentation, largest free block and failed \
            allocations, played with the player's keys on all bands at once; a failed allocation \
            flashes its band; at the end a table ranks the policies. Without a terminal, or with \
            --format: that table as text or JSON. Ranking: fewest failed allocations, then lowest \
            peak fragmentation (the highest after any step), then largest free block at the end. \
            --policies wins over a script's leading `compare` line; without either, all four. A \
            PyTorch snapshot in a terminal gets an "as recorded" band (what PyTorch did) above \
            first, best and worst fit replaying the same requests; --replay leaves it out. \
            Exit status as run: 0, 1 after runtime errors, 2 for syntax errors.

            Examples:
              poolmap compare demos/fragmentation.pool
                  \(PolicyList.names(conjunction: "and")) fit side by side on the default demo
              poolmap compare demos/awk-buckets.trace --policies first,best --format json
                  a real trace under two policies, ranked, as JSON
              poolmap demo policies
                  where best fit leaves slivers, and where it saves an allocation
            """
    )

    @OptionGroup var input: ScriptFileOptions

    @Option(
        help: ArgumentHelp(
            "The policies to compare, two to four of \(PolicyList.names()) (default: the script's compare "
                + "line, else all four).", valueName: "first,best,…"),
        transform: Compare.parsePolicies)
    var policies: [FitPolicy]?

    @Option(help: "Print the ranking instead of showing the bands: text or json.")
    var format: HeadlessRun.Format?

    @OptionGroup var playback: PlaybackOptions

    func validate() throws {
        // The flag comes with the playback options `play` and `demo` share; a search is one
        // pool's, and the bands show several.
        if playback.explain {
            throw ValidationError(
                "--explain shows one pool's search and compare plays several; use it with play or demo")
        }
    }

    /// The policies beside a snapshot's as-recorded band unless `--policies` says: three, so
    /// that four bands fit the smallest screen (60×16) with room for the log.
    static let policiesBesideTheRecording: [FitPolicy] = [.first, .best, .worst]

    /// `first,best`: two to four different policies (`PolicyList`).
    static func parsePolicies(_ text: String) throws -> [FitPolicy] {
        do {
            return try PolicyList.parse(commaSeparated: text)
        } catch .count {
            throw ValidationError("--policies needs two to four policies, e.g. first,best")
        } catch {
            throw ValidationError("--policies: \(error)")
        }
    }

    func run() throws {
        if format != nil || (!StandardStreams.isInteractive && playback.record == nil) {
            let inputFormat = try input.inputFormat()
            if inputFormat == .snapshot {
                // The replay ranked, then what PyTorch's own allocator did with the same requests.
                let replay = try SnapshotLoading.replay(path: input.file, device: input.format.device)
                let source = HeadlessRun.Input.script(SnapshotLoading.script(of: replay))
                try Self.printRanking(
                    source, policies: policies ?? PolicyList.defaultPolicies, size: input.size, format: format ?? .text)
                if format ?? .text == .text { StandardStreams.write(SnapshotLoading.recordedRow(replay)) }
                return
            }
            let source = try ScriptLoading.runInput(path: input.file, format: inputFormat, device: input.format.device)
            var compared = policies ?? PolicyList.defaultPolicies
            if policies == nil, case .script(let script) = source, let named = script.comparePolicies {
                compared = named
            }
            try Self.printRanking(source, policies: compared, size: input.size, format: format ?? .text)
            return
        }
        if try input.readsAsRecorded(policy: nil) {
            // The run as recorded in the first band, the same requests under the policies below.
            let run = try SnapshotLoading.asRecorded(path: input.file, device: input.format.device)
            let recorded = AsRecordedScript(run, fileName: input.file)
            let replay = SnapshotReplay(
                snapshot: try MemorySnapshot.load(path: input.file), device: run.device, fileName: input.file)
            try PlaySession.play(
                recorded.replayScript(poolSize: replay.defaultPoolSize), size: nil,
                title: "poolmap compare — \(input.file)", options: playback, policy: nil,
                policies: policies ?? Self.policiesBesideTheRecording,
                recordedBand: CompareState.RecordedBand(
                    script: recorded.script, poolSize: recorded.script.knownTracePoolSize ?? 1, view: recorded))
            return
        }
        let script = try input.load()
        try PlaySession.play(
            script, size: input.size, title: "poolmap compare — \(input.file)",
            options: playback, policy: nil, policies: policies ?? script.comparePolicies ?? PolicyList.defaultPolicies)
    }

    /// Runs the comparison headless and prints its ranking; exits 1 after runtime errors.
    static func printRanking(
        _ source: HeadlessRun.Input, policies: [FitPolicy], size: Int?, format: HeadlessRun.Format
    ) throws {
        let comparison = try ScriptLoading.exitingOnFailure { () throws(ScriptFile.LoadError) in
            do {
                return try Comparison(
                    source, policies: policies, poolSize: size ?? source.defaultPoolSize,
                    errors: StandardStreams.writeError)
            } catch let error as ScriptFile.LoadError {
                throw error
            } catch {
                throw .unreadable(path: source.fileName, reason: "\(error)")
            }
        }
        StandardStreams.write(format == .json ? comparison.json : comparison.text)
        if comparison.runtimeErrors > 0 { throw ExitCode(1) }
    }
}
