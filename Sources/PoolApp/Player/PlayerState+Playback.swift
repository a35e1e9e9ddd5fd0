import MemoryMap
import PoolAllocator
import PoolScript

extension PlayerState {
    /// One tick of the playback clock: the run is read further ahead, animations advance, and
    /// the operations the pacing owes are run.
    /// - Complexity: O((speed × interval + the steps read ahead) × log n).
    mutating func tick() {
        if !timeline.overview.isComplete {
            readAhead(seeking: pendingSeek != nil)
            continuePendingSeek()
        }
        animation.advance()
        pacing.countTick()
        var pace = pacing
        let animated = pace.animates
        // Explaining a search holds playback until it is decided, and a moment more.
        var explainHold = 0
        pace.run(
            isAtEnd: timeline.isAtEnd,
            step: {
                let played = playStep(animated: animated).map { ($0, animation.slide != nil) }
                explainHold = animation.search?.isDecided == false ? explainHoldTicks : 0
                return played
            },
            holdAfter: { explainHold })
        pacing = pace
    }

    /// One tick's reading ahead, at the `scanPace`; `share` timelines read in the same tick (a
    /// comparison's bands) each get that share of a `duration` pace, which is longer while a
    /// seek waits (`seeking`; see `ScanPace.seekingMultiple`).
    mutating func readAhead(share: Int = 1, seeking: Bool = false) {
        switch scanPace {
        case .steps(let count):
            timeline.scan(steps: count)
        case .duration(let limit):
            let clock = ContinuousClock()
            let start = clock.now
            let limit = limit * (seeking ? ScanPace.seekingMultiple : 1.0) / max(1, share)
            repeat {
                timeline.scan(steps: 1024)
            } while !timeline.overview.isComplete && clock.now - start < limit
        }
    }

    /// Runs the next step and sets up its animation; nil at the end.
    mutating func playStep(animated: Bool) -> Step? {
        let before = animated ? timeline.current.pool : nil
        let heapBefore = animated ? timeline.current.state.heap : nil
        guard let step = timeline.stepForward() else { return nil }
        if timeline.position > furthestPlayed {
            furthestPlayed = timeline.position
            if case .say(let caption) = step.operation {
                captionMarks.append(CastMark(seconds: recordingSeconds, text: caption))
            }
        }
        if let before, let heapBefore, let heapAfter = timeline.current.state.heap {
            animateInHeap(step, before: heapBefore, after: heapAfter, pool: before)
        } else if let before {
            animate(step, before: before)
        } else if step.isPoolOperation {
            animation.finish()
        }
        return step
    }

    /// Starts the animation of `step`, given the pool before it.
    mutating func animate(_ step: Step, before: MemoryPool) {
        let after = timeline.current.pool
        animation.search = nil
        switch (step.operation, step.outcome) {
        case (.alloc(_, _, let size, let alignment), .offset(let offset)):
            let footprint = after.block(at: offset).map { $0.start..<$0.end }
            if !explain(size: size, alignment: alignment ?? 1, before: before, footprint: footprint), let footprint {
                animation.blockAppeared(footprint)
            }
        case (.alloc(_, _, let size, let alignment), .allocationFailed):
            explain(size: size, alignment: alignment ?? 1, before: before, footprint: nil)
        case (.free(_, _, let offset?), .done):
            if let block = before.block(at: offset) { animation.blockFaded(block.start..<block.end) }
        case (.realloc(_, let size, let old), .offset(let offset)):
            if let old, let block = before.block(at: old) { animation.blockFaded(block.start..<block.end) }
            let footprint = after.block(at: offset).map { $0.start..<$0.end }
            if !explain(size: size, alignment: 1, before: before, footprint: footprint), let footprint {
                animation.blockAppeared(footprint)
            }
        case (.realloc(_, let size, _), .allocationFailed):
            explain(size: size, alignment: 1, before: before, footprint: nil)
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
        timeline.rewind()
        pacing.restart()
    }

    /// A seek to a position read already: pause, finish what moves, and go to `position`
    /// (clamped to the run).
    mutating func move(to position: Int) {
        stopForSeek()
        timeline.move(to: position)
        dropStaleSelection()
    }

    /// Pauses and finishes animations and waits, before playback moves by hand.
    private mutating func stopForSeek() {
        pacing.stop()
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
