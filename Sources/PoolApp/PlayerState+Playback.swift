import MemoryMap
import PoolAllocator
import PoolScript

extension PlayerState {
    /// Most steps run in one tick, so a frame is drawn at least this often even at the
    /// highest speeds on a slow machine.
    static let maximumStepsPerTick = 50_000

    /// One tick of the playback clock: the run is read further ahead, animations advance, and
    /// the operations the pacing owes are run.
    /// - Complexity: O((speed × interval + the steps read ahead) × log n).
    mutating func tick() {
        ticks += 1
        if !timeline.overview.isComplete { readAhead() }
        animation.advance()
        guard !isPaused, !timeline.isAtEnd else {
            budget = 0
            return
        }
        if holdMilliseconds > 0 {
            holdMilliseconds -= Self.tickSeconds * 1000
            if holdMilliseconds > 0 { return }
            holdMilliseconds = 0
        }
        budget = min(budget + speed * Self.tickSeconds, max(1, speed * Self.tickSeconds) + 1)
        var run = 0
        while budget >= 1, run < Self.maximumStepsPerTick {
            guard let step = playStep(animated: animates) else {
                budget = 0
                return
            }
            run += 1
            switch step.operation {
            case .say:
                continue
            case .wait(let milliseconds):
                // Waits are written for the default speed; playing faster shortens them too.
                holdMilliseconds = Double(milliseconds) * min(1, Self.defaultSpeed(for: timeline.script) / speed)
                budget = 0
                return
            case .defrag where animation.slide != nil:
                // Hold the next operations until the blocks have slid into place.
                holdMilliseconds = Double(ExplorerAnimation.slideTicks) * Self.tickSeconds * 1000
                budget -= 1
                return
            default:
                budget -= 1
            }
        }
    }

    /// One tick's reading ahead, at the `scanPace`.
    private mutating func readAhead() {
        switch scanPace {
        case .steps(let count):
            timeline.scan(steps: count)
        case .duration(let limit):
            let clock = ContinuousClock()
            let start = clock.now
            repeat {
                timeline.scan(steps: 1024)
            } while !timeline.overview.isComplete && clock.now - start < limit
        }
    }

    /// Runs the next step and sets up its animation; nil at the end.
    mutating func playStep(animated: Bool) -> Step? {
        let before = animated ? timeline.current.pool : nil
        guard let step = timeline.stepForward() else { return nil }
        if timeline.position > furthestPlayed {
            furthestPlayed = timeline.position
            if case .say(let caption) = step.operation {
                captionMarks.append(CastMark(seconds: playbackSeconds, text: caption))
            }
        }
        if let before {
            animate(step, before: before)
        } else if step.isPoolOperation {
            animation.finish()
        }
        return step
    }

    /// Starts the animation of `step`, given the pool before it.
    mutating func animate(_ step: Step, before: MemoryPool) {
        let after = timeline.current.pool
        switch (step.operation, step.outcome) {
        case (.alloc, .offset(let offset)):
            if let block = after.block(at: offset) { animation.blockAppeared(block.start..<block.end) }
        case (.free(_, _, let offset?), .done):
            if let block = before.block(at: offset) { animation.blockFaded(block.start..<block.end) }
        case (.realloc(_, _, let old), .offset(let offset)):
            if let old, let block = before.block(at: old) { animation.blockFaded(block.start..<block.end) }
            if let block = after.block(at: offset) { animation.blockAppeared(block.start..<block.end) }
        case (.defrag, .mapping(let moves)):
            var mapping: [Int: Int] = [:]
            for move in moves { mapping[move.old] = move.new }
            animation.startSlide(moves: mapping, in: after)
        case (.pool, _):
            animation.finish()
        default:
            break
        }
    }

    /// `n`/`→`: pause, then run steps up to and including the next pool operation.
    mutating func stepForward() {
        stopForSeek()
        while let step = playStep(animated: true), !step.isPoolOperation {}
    }

    /// `b`/`←`: pause, and undo the last pool operation shown: go back to just after the pool
    /// operation before it (or to the start), passing over `say` and `wait`.
    mutating func stepBack() {
        stopForSeek()
        // Back over the steps after the last pool operation, over that operation, then over the
        // steps before it down to the previous pool operation.
        var poolOperationsPassed = 0
        while timeline.position > 0 {
            guard let last = timeline.lastStep else { break }
            if last.isPoolOperation {
                if poolOperationsPassed == 1 { return }
                poolOperationsPassed += 1
            }
            timeline.stepBack()
        }
    }

    /// `g`: back to the start, playing.
    mutating func restart() {
        animation.finish()
        holdMilliseconds = 0
        budget = 0
        timeline.rewind()
        isPaused = false
    }

    /// `<`/`>`: halves or doubles the speed.
    mutating func changeSpeed(by factor: Double) {
        speed = Self.clampedSpeed(speed * factor)
    }

    /// A seek: pause, finish what moves, and go to `position` (clamped to the run).
    mutating func seek(to position: Int) {
        stopForSeek()
        timeline.move(to: position)
        dropStaleSelection()
    }

    /// Pauses and finishes animations and waits, before playback moves by hand.
    private mutating func stopForSeek() {
        isPaused = true
        holdMilliseconds = 0
        animation.finish()
    }

    /// Forgets a selection whose block is not live at the new position.
    mutating func dropStaleSelection() {
        if let selected = navigation.selectedOffset, timeline.current.pool.block(at: selected) == nil {
            navigation.selectedOffset = nil
        }
    }
}

extension PlayerState {
    /// Unpauses (a headless recording always plays).
    public mutating func resume() {
        isPaused = false
    }
}
