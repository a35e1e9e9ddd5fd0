import FuzzSupport
import MemoryMap
@_spi(Testing) import PoolAllocator
import PoolApp
import PoolQuiz
import PoolScript

/// The apps target: the input decodes to an app — the explorer on a pool of some size; the
/// player, the comparison (two to four policies) or the quiz (generated questions, or a script)
/// on a demo or on a script taken from the input — a terminal size and up to
/// ``AppsProgram/maximumEvents`` input events: keys (prompt text too), clicks and wheel steps
/// anywhere, resizes from 1×1 to 300×100, ticks. `AppRunner` drives the app on a
/// ``FuzzTerminal`` that draws a frame after every event. Nothing may trap; every frame is
/// exactly the terminal's size and holds no control character; after every frame the state
/// keeps its promises (the selection a live block or none, the zoom within the pool, the bands
/// in step, the score adding up, …): see the `check…` functions below.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzApps(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzCheck(MemoryPool.checksInvariants, "build with -DPOOL_INTERNAL_CHECKS (Fuzz/run does)")
    var input = FuzzInput(data, size)
    AppsProgram.run(&input)
    return 0
}

@_cdecl("FuzzApps_main")
public func fuzzAppsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzApps)
}

enum AppsProgram {
    static let maximumEvents = 64
    /// `random` statements of a fuzzed script run at most this many operations, so that one
    /// tick at full speed stays quick.
    static let maximumRandomCount = 1_000

    static let poolSizes = [1, 2, 7, 64, 100, 1000, 4096, 65_536, 1 << 20, 1 << 30, 1 << 40, Int.max]

    static func run(_ input: inout FuzzInput) {
        let header = input.byte()
        let size = terminalSize(&input)
        let depth = input.pick([ColorDepth.monochrome, .eight, .full256])
        if header & 1 == 0 {
            runExplorer(&input, size: size, depth: depth)
            return
        }
        // Bits 1–2 choose the player (twice as likely), the comparison or the quiz; bits 3–5 the
        // player's forced policy and `--explain`.
        switch (header >> 1) & 3 {
        case 2: runComparison(&input, size: size, depth: depth)
        case 3: runQuiz(&input, size: size, depth: depth)
        default:
            let policy = [nil, FitPolicy.next, .best, .worst][Int(header >> 3) & 3]
            runPlayer(&input, size: size, depth: depth, policy: policy, explain: header & 0x20 != 0)
        }
    }

    static func runExplorer(_ input: inout FuzzInput, size: TerminalSize, depth: ColorDepth) {
        let choice = input.below(poolSizes.count + 1)
        let poolSize = choice < poolSizes.count ? poolSizes[choice] : 1 + input.uint16()
        let seed = UInt64(input.byte())
        let state = made("the explorer on a pool of \(poolSize)") {
            try ExplorerState(poolSize: poolSize, screenSize: size, seed: seed, monochrome: depth == .monochrome)
        }
        play(ExplorerApp(state: state), &input, size: size, depth: depth) { checkExplorer($0.state, on: $1) }
    }

    static func runPlayer(
        _ input: inout FuzzInput, size: TerminalSize, depth: ColorDepth, policy: FitPolicy?, explain: Bool
    ) {
        let script = playerScript(&input)
        let poolSize = input.bool() ? ScriptRunner.defaultPoolSize(for: script) : 1 + input.uint16()
        let speed = playerSpeed(&input), paused = input.bool()
        let state = made("the player on a pool of \(poolSize)") {
            try PlayerState(
                script: script, poolSize: poolSize, policy: policy, speed: speed, paused: paused,
                monochrome: depth == .monochrome, screenSize: size, explain: explain)
        }
        play(PlayerApp(state: state), &input, size: size, depth: depth) { checkPlayer($0.state, on: $1) }
    }

    /// `poolmap compare`: two to four policies (each once, in any order) play one script in bands;
    /// a script with a heap scene gets two or three of malloc.py's (`compare` refuses next fit
    /// there, as a heap has none).
    static func runComparison(_ input: inout FuzzInput, size: TerminalSize, depth: ColorDepth) {
        let script = playerScript(&input)
        let poolSize = input.bool() ? ScriptRunner.defaultPoolSize(for: script) : 1 + input.uint16()
        var policies = script.hasHeapScene ? Script.heapPolicies : FitPolicy.allCases
        for index in policies.indices.reversed() { policies.swapAt(index, input.below(index + 1)) }
        policies = Array(policies.prefix(2 + input.below(policies.count - 1)))
        let speed = playerSpeed(&input), paused = input.bool()
        let state = made("the comparison on a pool of \(poolSize)") {
            try CompareState(
                script: script, policies: policies, poolSize: poolSize, speed: speed, paused: paused,
                monochrome: depth == .monochrome, screenSize: size)
        }
        play(CompareApp(state: state), &input, size: size, depth: depth) { checkComparison($0.state, on: $1) }
    }

    /// `poolmap quiz`: generated questions (options that may be refused, as `--random N` with
    /// hostile flags), or a demo's or the input's script with any pool size and forced policy.
    static func runQuiz(_ input: inout FuzzInput, size: TerminalSize, depth: ColorDepth) {
        var source: QuizSource?
        if input.bool() {
            let options = QuestionGenerator.Options(
                operations: input.bool() ? 1 + input.below(60) : input.pick([0, -1, 1000, 1001, Int.max]),
                poolSize: input.bool() ? 1 + input.uint16() : input.pick([0, 1, 64, 4096, 1 << 40, Int.max]),
                policy: drawPolicy(&input), seed: UInt64(input.byte()),
                freePercent: input.bool() ? input.below(101) : input.pick([-1, 101, Int.min]))
            do {
                source = try QuizSource.random(options)
                fuzzCheck(options.problem == nil, "the generator took options it calls wrong: \(options)")
            } catch {
                fuzzCheck(options.problem != nil, "the generator refused options it calls right: \(options)")
            }
        }
        if source == nil {
            let script = playerScript(&input)
            let poolSize = input.bool() ? ScriptRunner.defaultPoolSize(for: script) : 1 + input.uint16()
            let policy: FitPolicy? = input.bool() ? drawPolicy(&input) : nil
            source = QuizSource(script: script, poolSize: poolSize, policy: policy, name: "fuzz")
        }
        let state = made("the quiz") {
            try QuizState(source: source!, screenSize: size, monochrome: depth == .monochrome)
        }
        play(QuizApp(state: state), &input, size: size, depth: depth) { checkQuiz($0.state, on: $1) }
    }

    /// What `make` returns: every app takes the pool sizes and sources given here.
    static func made<State>(_ what: @autoclosure () -> String, _ make: () throws -> State) -> State {
        do {
            return try make()
        } catch {
            fuzzFailure("\(what()) refused to start: \(error)")
        }
    }

    /// Drives `app` with the rest of the input's events on a terminal of `size`, checking the
    /// app after every frame.
    static func play<App: InteractiveApp>(
        _ app: App, _ input: inout FuzzInput, size: TerminalSize, depth: ColorDepth,
        check: (App, FuzzTerminal) -> Void
    ) {
        var app = app
        let terminal = FuzzTerminal(size: size, colorDepth: depth, events: events(&input))
        drive(&app, on: terminal) { check($0, terminal) }
    }

    /// Runs `app` until every event was delivered; `q` ends a run, and the next one starts from
    /// the state it left (as if the user opened the app again).
    static func drive<App: InteractiveApp>(_ app: inout App, on terminal: FuzzTerminal, check: (App) -> Void) {
        while !terminal.isDone {
            do {
                _ = try AppRunner.run(&app, on: terminal) { _, app in check(app) }
            } catch is FuzzTerminal.End {
                return
            } catch {
                fuzzFailure("AppRunner threw \(error)")
            }
        }
    }

    // MARK: Invariants

    static func checkExplorer(_ state: ExplorerState, on terminal: FuzzTerminal) {
        let pool = state.pool
        checkMap(pool: pool, selectedOffset: state.selectedOffset, viewport: state.viewport, app: "explorer")
        let geometry = state.mapGeometry
        fuzzCheck(
            geometry.bytes.lowerBound >= 0 && geometry.bytes.upperBound <= pool.totalSize && geometry.bytesPerCell >= 1,
            "the map shows bytes \(geometry.bytes) at \(geometry.bytesPerCell) per cell of a pool of \(pool.totalSize)")
        fuzzCheck(state.undoDepth <= 1000, "undo depth \(state.undoDepth)")
        fuzzCheck(state.log.count <= 500, "log of \(state.log.count) entries")
        fuzzCheck(state.fragmentationHistory.count <= 256, "sparkline of \(state.fragmentationHistory.count) points")
        fuzzCheck(state.screenSize == terminal.size, "the explorer thinks the screen is \(state.screenSize)")
    }

    static func checkPlayer(_ state: PlayerState, on terminal: FuzzTerminal) {
        let model = state.screenModel
        checkMap(
            pool: model.pool, selectedOffset: model.selectedOffset, viewport: model.viewport, app: "player",
            isLive: model.hasLiveBlock(at:))
        fuzzCheck(state.speed >= 0.25 && state.speed <= 1_000_000, "speed \(state.speed)")
        fuzzCheck(state.screenSize == terminal.size, "the player thinks the screen is \(state.screenSize)")
    }

    /// Every band is its policy's pool, all of one size (they play in lockstep); at the end the
    /// bands are ranked 1 to n.
    static func checkComparison(_ state: CompareState, on terminal: FuzzTerminal) {
        let model = state.screenModel
        fuzzCheck(model.bands.count == state.policies.count, "\(model.bands.count) bands for \(state.policies)")
        for (band, policy) in zip(model.bands, state.policies) {
            fuzzCheck(band.pool.policy == policy, "the \(policy) fit band's pool is \(band.pool.policy) fit")
            fuzzCheck(
                band.pool.totalSize == model.bands[0].pool.totalSize,
                "bands out of step: pools of \(band.pool.totalSize) and \(model.bands[0].pool.totalSize)")
            fuzzCheck(band.failedAllocations >= 0, "\(band.failedAllocations) failed allocations")
        }
        if state.isFinished {
            let ranks = model.bands.compactMap(\.rank).sorted()
            fuzzCheck(ranks == Array(1...model.bands.count), "ranks \(ranks) at the end")
        }
        fuzzCheck(state.screenSize == terminal.size, "the comparison thinks the screen is \(state.screenSize)")
    }

    /// Every question asked is answered but the one on screen; while a placement is asked the
    /// marker is on a whole free block of the pool shown (in a heap scene, within the heap); during a reveal it keeps the block
    /// answered (which the new block may now fill), and at no other time is there one.
    static func checkQuiz(_ state: QuizState, on terminal: FuzzTerminal) {
        let model = state.screenModel
        checkMap(pool: model.pool, selectedOffset: nil, viewport: model.viewport, app: "quiz")
        let asking = state.phase == .placing || state.phase == .fragmentation
        fuzzCheck(
            state.score.answered == state.questionsAsked - (asking ? 1 : 0),
            "\(state.score.answered) answers to \(state.questionsAsked) questions in phase \(state.phase)")
        if let marker = model.marker {
            checkMarker(marker, pool: model.pool, phase: state.phase, isHeapScene: state.isHeapScene)
        }
        fuzzCheck(state.log.count <= 500, "quiz log of \(state.log.count) entries")
        fuzzCheck(state.screenSize == terminal.size, "the quiz thinks the screen is \(state.screenSize)")
    }

    static func checkMarker(_ marker: MapMarker, pool: MemoryPool, phase: QuizState.Phase, isHeapScene: Bool) {
        let bytes = marker.bytes
        fuzzCheck(
            !bytes.isEmpty && bytes.lowerBound >= 0 && bytes.upperBound <= pool.totalSize,
            "the marker's bytes \(bytes) in a pool of \(pool.totalSize)")
        if phase == .revealing {
            fuzzCheck(marker.offset == nil, "a reveal's marker proposes an offset")
            return
        }
        fuzzCheck(phase == .placing, "a marker in phase \(phase)")
        // A heap's element lies within the heap, whose pool only stands in for its size.
        guard !isHeapScene else {
            if let offset = marker.offset { fuzzCheck(bytes.contains(offset), "marker at \(offset) outside \(bytes)") }
            return
        }
        func isFree(_ range: Range<Int>) -> Bool { pool.usage(in: range).freeBytes == range.count }
        fuzzCheck(
            isFree(bytes) && (bytes.lowerBound == 0 || !isFree(bytes.lowerBound - 1..<bytes.lowerBound))
                && (bytes.upperBound == pool.totalSize || !isFree(bytes.upperBound..<bytes.upperBound + 1)),
            "the marker's bytes \(bytes) are not a free block")
        if let offset = marker.offset { fuzzCheck(bytes.contains(offset), "marker at \(offset) outside \(bytes)") }
    }

    /// The selection is a live block or none (in a heap scene, one of the heap's, by address:
    /// `isLive`); a zoom shows 1 byte to the whole pool per cell.
    static func checkMap(
        pool: MemoryPool, selectedOffset: Int?, viewport: MapViewport, app: String, isLive: ((Int) -> Bool)? = nil
    ) {
        if let selected = selectedOffset {
            fuzzCheck(
                isLive?(selected) ?? (pool.block(at: selected) != nil),
                "the \(app)'s selection \(selected) is not a live block")
        }
        if let bytesPerCell = viewport.bytesPerCell {
            fuzzCheck(
                bytesPerCell >= 1 && bytesPerCell <= pool.totalSize,
                "the \(app)'s zoom of \(bytesPerCell) bytes per cell on a pool of \(pool.totalSize)")
        }
    }

    // MARK: Decoding

    /// A built-in demo (not the long trace), or a script or trace of up to 255 bytes of the input.
    static func playerScript(_ input: inout FuzzInput) -> Script {
        let demos = DemoLibrary.all.filter { $0.text.utf8.count < 8_192 }
        let choice = input.below(demos.count + 2)
        if choice >= demos.count {
            let text = Array(input.bytes(upTo: Int(input.byte())))
            let kind: Script.Kind = choice == demos.count ? .script : .trace
            if let script = try? ScriptFile.parse(text, fileName: "fuzz", kind: kind) {
                return bounded(script)
            }
        }
        do {
            return try demos[choice % demos.count].script()
        } catch {
            fuzzFailure("a demo does not parse: \(error)")
        }
    }

    /// A speed as `--speed` could give it, and some it refuses.
    static func playerSpeed(_ input: inout FuzzInput) -> Double? {
        input.pick([nil, 0.25, 1, 5, 40, 41, 200, 1e6, .infinity, .nan, 0, -1])
    }

    static func drawPolicy(_ input: inout FuzzInput) -> FitPolicy {
        FitPolicy.allCases[input.below(FitPolicy.allCases.count)]
    }

    static func bounded(_ script: Script) -> Script {
        let statements = script.statements.map { statement in
            guard case .random(let count, let seed) = statement.action, count > maximumRandomCount else {
                return statement
            }
            return Statement(line: statement.line, action: .random(count: maximumRandomCount, seed: seed))
        }
        return Script(kind: script.kind, fileName: script.fileName, statements: statements)
    }

    static func events(_ input: inout FuzzInput) -> [InputEvent] {
        var events: [InputEvent] = []
        while !input.isAtEnd, events.count < maximumEvents {
            switch input.below(8) {
            case 0, 1, 2:
                events.append(.key(input.pick(keys)))
            case 3:
                for _ in 0...input.below(8) { events.append(.key(.character(promptCharacter(&input)))) }
            case 4:
                events.append(.click(row: coordinate(&input), column: coordinate(&input)))
            case 5:
                events.append(.wheel(input.bool() ? .up : .down, row: coordinate(&input), column: coordinate(&input)))
            case 6:
                events.append(.resize(terminalSize(&input)))
            default:
                for _ in 0...input.below(16) { events.append(.tick) }
            }
        }
        return events
    }

    /// Every key the apps know, and some they do not (new ones go at the end: the seeds
    /// written by scripts/make-seeds.py name keys by their index here).
    static let keys: [Key] =
        "aAfdrRuhl+=-_0?qQnbg 12x<>,.[]{}m:t%".map { Key.character($0) } + [
            .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .insert, .delete, .backspace, .enter,
            .escape, .tab, .backTab, .function(1), .function(2), .function(12),
        ] + "peX".map { Key.character($0) }

    /// What a prompt is typed with: sizes (`256`, `4KiB`, `0x100`, `200 256`), and now and then any
    /// character at all — controls, combining marks, wide and zero-width ones, emoji.
    static func promptCharacter(_ input: inout FuzzInput) -> Character {
        let alphabet = Array("0123456789 KkMGiBbx%")
        let choice = input.below(alphabet.count + 3)
        if choice < alphabet.count { return alphabet[choice] }
        if choice == alphabet.count {
            return input.pick(["e\u{301}", "🇫🇷", "👩‍💻", "漢", "\u{200B}", "\u{2028}", "\u{1B}", "\r\n", "\u{7F}"])
        }
        let value = UInt32(input.byte()) << 8 | UInt32(input.byte())
        return Character(Unicode.Scalar(value) ?? "\u{FFFD}")
    }

    /// Common sizes, the smallest screen that is not refused and the one below it, or any size
    /// from 1×1 to 300×100.
    static func terminalSize(_ input: inout FuzzInput) -> TerminalSize {
        let common = [(80, 24), (60, 16), (59, 16), (60, 15), (100, 30), (40, 12), (1, 1), (300, 100)]
        let choice = input.below(common.count + 1)
        if choice < common.count { return TerminalSize(width: common[choice].0, height: common[choice].1) }
        return TerminalSize(width: 1 + input.below(300), height: 1 + input.below(100))
    }

    /// A screen row or column: mostly on or near the screen, sometimes far off it.
    static func coordinate(_ input: inout FuzzInput) -> Int {
        let value = input.uint16()
        switch value >> 14 {
        case 0: return value % 310 - 5
        case 1: return [Int.min, -1, Int.max, 300, 100][value % 5]
        default: return value & 0xFF
        }
    }
}
