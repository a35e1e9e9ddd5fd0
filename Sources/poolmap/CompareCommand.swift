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
            --policies wins over a script's leading `compare` line; without either, all four (for a \
            heap scene, malloc.py's first, best and worst; next fit is refused). A PyTorch snapshot \
            in a terminal gets an "as recorded" band (what PyTorch did) above first, best and worst \
            fit replaying the same requests; --replay leaves it out. For a script with heap scenes, \
            --orders compares free-list orders instead: a band per order (named by malloc.py, \
            SIZESORT+), every heap keeping its list in that order and searching by its own policy, \
            then the orders ranked; without a terminal, or with --format, their table. \
            Exit status as run: 0, 1 after runtime errors, 2 for syntax errors.

            Examples:
              poolmap compare demos/fragmentation.pool
                  \(PolicyList.names(conjunction: "and")) fit side by side on the default demo
              poolmap compare demos/awk-buckets.trace --policies first,best --format json
                  a real trace under two policies, ranked, as JSON
              poolmap demo policies
                  where best fit leaves slivers, and where it saves an allocation
              poolmap compare demos/free-list.pool --orders addrsort,sizesort+,insert-front
                  OSTEP's heap: how the free list's order changes the result
            """
    )

    @OptionGroup var input: ScriptFileOptions

    @Option(
        help: ArgumentHelp(
            "The policies to compare, two to four of \(PolicyList.names()) (default: the script's compare "
                + "line, else all four).", valueName: "first,best,…"),
        transform: Compare.parsePolicies)
    var policies: [FitPolicy]?

    @Option(
        help: ArgumentHelp(
            "For a script with heap scenes: compare two to four list orders (addrsort, sizesort+, sizesort-, "
                + "insert-front, insert-back) under each heap's own policy, a band each, then ranked.",
            valueName: "addrsort,sizesort+,…"),
        transform: Compare.parseOrders)
    var orders: [FreeListHeap.ListOrder]?

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

    /// `--orders`: two to four different list orders, malloc.py's names in any case.
    static func parseOrders(_ text: String) throws -> [FreeListHeap.ListOrder] {
        var orders: [FreeListHeap.ListOrder] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let order = FreeListHeap.ListOrder(rawValue: name.uppercased()) else {
                throw ValidationError(
                    "--orders: '\(name)' is not a list order; expected "
                        + FreeListHeap.ListOrder.allCases.map(HeapSpec.name).joined(separator: ", "))
            }
            guard !orders.contains(order) else { throw ValidationError("--orders: '\(name)' is given twice") }
            orders.append(order)
        }
        guard (2...4).contains(orders.count) else {
            throw ValidationError("--orders needs two to four list orders, e.g. addrsort,sizesort+")
        }
        return orders
    }

    func run() throws {
        if let orders {
            try compareOrders(orders)
            return
        }
        if format != nil || (!StandardStreams.isInteractive && playback.record == nil) {
            let inputFormat = try input.inputFormat()
            if inputFormat == .snapshot {
                // The replay ranked, then what PyTorch's own allocator did with the same requests.
                let replay = try SnapshotLoading.replay(path: input.file, device: input.format.device)
                let source = HeadlessRun.Input.script(SnapshotLoading.script(of: replay))
                try Self.printRanking(
                    source, policies: policies ?? PolicyList.defaultPolicies, size: input.size, format: format ?? .text,
                    recorded: SnapshotLoading.recordedRow(replay))
                return
            }
            let source = try ScriptLoading.runInput(path: input.file, format: inputFormat, device: input.format.device)
            var compared = policies ?? PolicyList.defaultPolicies
            if case .script(let script) = source {
                compared = try Self.policies(policies ?? script.comparePolicies, for: script)
            }
            try Self.printRanking(source, policies: compared, size: input.size, format: format ?? .text)
            return
        }
        if try input.readsAsRecorded(policy: nil) {
            // The run as recorded in the first band, the same requests under the policies below.
            let (run, replay) = try SnapshotLoading.asRecordedAndReplay(path: input.file, device: input.format.device)
            let recorded = AsRecordedScript(run, fileName: input.file)
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
            options: playback, policy: nil, policies: try Self.policies(policies ?? script.comparePolicies, for: script)
        )
    }

    /// `--orders`: a band per list order in a terminal (as the policies' bands), else the heap
    /// scenes' list orders ranked as a table (text or `--format json`).
    func compareOrders(_ orders: [FreeListHeap.ListOrder]) throws {
        guard policies == nil else {
            throw ValidationError("--orders compares list orders under each heap's own policy; leave out --policies")
        }
        let source = try ScriptLoading.runInput(path: input.file, format: try input.inputFormat(), device: nil)
        guard case .script(let script) = source, script.hasHeapScene else {
            StandardStreams.writeError(
                "poolmap compare: --orders compares the list orders of heap scenes, and \(input.file) has none "
                    + "(see `heap` in docs/formats.md)\n")
            throw ExitCode(64)
        }
        if format == nil && (StandardStreams.isInteractive || playback.record != nil) {
            try PlaySession.play(
                script, size: input.size, title: "poolmap compare — \(input.file)", options: playback, policy: nil,
                orders: orders)
            return
        }
        let comparison = try Comparison(
            source, orders: orders, poolSize: input.size ?? source.defaultPoolSize, errors: StandardStreams.writeError)
        StandardStreams.write(format == .json ? comparison.json : comparison.text)
        if comparison.runtimeErrors > 0 { throw ExitCode(1) }
    }

    /// The policies to compare `script` under: those asked for, else all four — for a script with
    /// a heap scene malloc.py's three, and `next` refused (malloc.py has no next fit).
    static func policies(_ asked: [FitPolicy]?, for script: Script) throws -> [FitPolicy] {
        guard script.hasHeapScene else { return asked ?? PolicyList.defaultPolicies }
        if asked?.contains(.next) == true {
            StandardStreams.writeError(
                "poolmap compare: a heap scene has no next fit (malloc.py searches first, best or worst); "
                    + "e.g. --policies first,best,worst\n")
            throw ExitCode(64)
        }
        return asked ?? Script.heapPolicies
    }

    /// Runs the comparison headless and prints its ranking; exits 1 after runtime errors.
    static func printRanking(
        _ source: HeadlessRun.Input, policies: [FitPolicy], size: Int?, format: HeadlessRun.Format,
        recorded: Comparison.RecordedRow? = nil
    ) throws {
        var comparison = try ScriptLoading.exitingOnFailure { () throws(ScriptFile.LoadError) in
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
        comparison.recorded = recorded
        StandardStreams.write(format == .json ? comparison.json : comparison.text)
        if comparison.runtimeErrors > 0 { throw ExitCode(1) }
    }
}
