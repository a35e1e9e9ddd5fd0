import MemoryMap
import PoolAllocator
import PoolApp
import PoolScript
import PoolText

extension QuizState {

    /// Plays steps until the next question (or a step that takes time to show, or the end).
    mutating func proceed() {
        holdTicks = 0
        while true {
            if fragmentationDue {
                fragmentationDue = false
                if fragmentationAskedAt != poolChanges {
                    askFragmentation()
                    return
                }
            }
            var probe = runner
            guard let step = probe.step() else {
                finish()
                return
            }
            if let question = question(for: step, after: probe) {
                animation.finish()
                questionsAsked += 1
                stage = .placing(question, .undecided)
                focus(on: question)
                return
            }
            let before = runner.pool, heapBefore = runner.state.heap
            runner = probe
            let hold = play(step, before: before, heapBefore: heapBefore)
            if hold > 0 {
                holdTicks = hold
                stage = .playing
                return
            }
        }
    }

    /// The allocation question `step` asks, if it is an allocation the allocator answered.
    func question(for step: Step, after: ScriptRunner) -> AllocationQuestion? {
        if let heap = runner.state.heap {
            switch (step.operation, step.outcome) {
            case (.alloc(_, _, let size, nil), .placed), (.alloc(_, _, let size, nil), .allocationFailed):
                return AllocationQuestion(
                    number: questionsAsked + 1, step: step, requested: size, heap: heap, standIn: runner.pool,
                    after: after)
            default:
                return nil
            }
        }
        let request: (size: Int, alignment: Int)
        switch (step.operation, step.outcome) {
        case (.alloc(_, _, let size, let alignment), .offset),
            (.alloc(_, _, let size, let alignment), .allocationFailed):
            request = (size, alignment ?? 1)
        case (.realloc(_, let size, _), .offset), (.realloc(_, let size, _), .allocationFailed):
            request = (size, 1)
        default:
            return nil
        }
        return AllocationQuestion(
            number: questionsAsked + 1, step: step, size: request.size, alignment: request.alignment,
            before: runner.pool, after: after)
    }

    /// Shows a step that asks nothing: logs it, animates it. `heapBefore` is the heap before
    /// it, in a heap scene.
    /// - Returns: the ticks to wait before the next step.
    mutating func play(_ step: Step, before: MemoryPool, heapBefore: FreeListHeap?) -> Int {
        if let error = step.error {
            events.append(LogEntry("line \(step.line): \(statementText(step)): \(error)", isError: true))
            return Self.playTicks
        }
        switch (step.operation, step.outcome) {
        case (.say(let text), _):
            caption = text
            return 0
        case (.wait, _):
            return 0
        case (.stats, _):
            events.append(LogEntry("line \(step.line): stats"))
            fragmentationDue = true
            return 0
        case (.pool(let size, let policy), _):
            animation.finish()
            caption = nil
            noteChange()
            events.append(
                LogEntry("line \(step.line): a new pool of \(ByteSize.formatExact(size)), \(policy.rawValue) fit"))
            return 0
        case (.heap(let spec), _):
            animation.finish()
            caption = nil
            noteChange()
            events.append(LogEntry("line \(step.line): a new heap: \(spec.description)"))
            return 0
        case (.defrag, .mapping(let moves)):
            animation.finish()
            noteChange()
            var mapping: [Int: Int] = [:]
            for move in moves { mapping[move.old] = move.new }
            animation.startSlide(moves: mapping, in: runner.pool)
            let moved = moves.filter { $0.old != $0.new }.count
            events.append(LogEntry("line \(step.line): defrag moved \(moved) block\(moved == 1 ? "" : "s")"))
            return Self.defragmentTicks
        case (.free(_, _, let offset), _):
            animation.finish()
            noteChange()
            if let heap = heapBefore {
                if let offset, step.outcome == .done, let block = heap.footprint(ofBlockAt: offset) {
                    animation.blockFaded(block)
                }
            } else if let offset, let block = before.block(at: offset) {
                animation.blockFaded(block.start..<block.end)
            }
            // A heap's free of an address where no block starts is malloc.py's `returned -1`.
            let refused = step.outcome == .done ? "" : " → \(outcomeText(step))"
            events.append(LogEntry("line \(step.line): \(statementText(step))\(refused)"))
            return Self.playTicks
        default:
            noteChange()
            events.append(LogEntry("line \(step.line): \(statementText(step)) → \(outcomeText(step))"))
            return Self.playTicks
        }
    }

    /// Counts a change of the pool and samples its fragmentation.
    mutating func noteChange() {
        poolChanges += 1
        fragmentationHistory.append(runner.state.stats.fragmentation)
    }

    /// Asks for the fragmentation now.
    mutating func askFragmentation() {
        animation.finish()
        questionsAsked += 1
        fragmentationAskedAt = poolChanges
        let question = FragmentationQuestion(number: questionsAsked, stats: runner.state.stats)
        stage = .fragmentation(question, PromptLine(label: "fragmentation now, in %"))
    }

    /// Every question was asked.
    mutating func finish() {
        animation.finish()
        stage = .finished
        let total = score.answered
        let share = NumberText.wholePercent(score.totalRight, of: max(1, total))
        events.append(LogEntry("quiz over: \(score.totalRight) of \(total) right (\(total == 0 ? "0%" : share))"))
    }

    /// Enter or space during a reveal: the search to its end first, then on to the next question.
    mutating func continueFromReveal() {
        if animation.search?.decide() == true { return }
        animation.finish()
        proceed()
    }

    /// Enter or space while statements play: play them all at once, up to the next question.
    mutating func skipAhead() {
        animation.finish()
        holdTicks = 0
        proceed()
        while case .playing = stage {
            animation.finish()
            proceed()
        }
    }

    /// One tick: animations advance; playing statements go on when their time is up.
    mutating func tick() {
        ticks += 1
        animation.advance()
        guard case .playing = stage else { return }
        holdTicks -= 1
        if holdTicks <= 0 { proceed() }
    }
}
