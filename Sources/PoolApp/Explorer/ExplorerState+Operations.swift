import MemoryMap
import PoolAllocator
import PoolScript
import PoolText

extension ExplorerState {
    /// Allocates `size` bytes at a multiple of `alignment` (1: plain) and selects the new block;
    /// a failure is logged with its reason and changes nothing.
    mutating func allocate(size: Int, alignment: Int) {
        let action = AllocationFailure.request(size: size, alignment: alignment)
        let before = pool
        var changed = pool
        do {
            guard let offset = try changed.allocAligned(size, alignment: alignment) else {
                let explained = explainAllocation(size: size, alignment: alignment, before: before, footprint: nil)
                log(
                    LogEntry(
                        AllocationFailure.message(size: size, alignment: alignment, stats: pool.stats), isError: true),
                    afterSearch: explained)
                return
            }
            commit(changed, action: action)
            select(offset)
            if let block = pool.block(at: offset) {
                let explained = explainAllocation(
                    size: size, alignment: alignment, before: before, footprint: block.start..<block.end)
                if !explained { animation.blockAppeared(block.start..<block.end) }
                let padding = block.padding > 0 ? ", \(ByteSize.format(block.padding)) padding" : ""
                log(LogEntry("\(action) → \(HexOffset.labelled(offset))\(padding)"), afterSearch: explained)
            }
        } catch {
            events.append(LogEntry("\(action) refused: \(error)", isError: true))
        }
    }

    /// Frees the selected block and selects its neighbour (the next, else the previous).
    mutating func freeSelected() {
        guard let block = selectedBlock else {
            events.append(LogEntry("free: no block selected (select one with ←/→ or a click)", isError: true))
            return
        }
        var changed = pool
        do {
            try changed.free(block.offset)
        } catch {
            events.append(LogEntry("free \(HexOffset.format(block.offset)) refused: \(error)", isError: true))
            return
        }
        let neighbour = changed.block(after: block.offset) ?? changed.block(before: block.offset)
        commit(changed, action: "free \(HexOffset.format(block.offset))")
        selectedOffset = neighbour?.offset
        animation.blockFaded(block.start..<block.end)
        events.append(LogEntry("free \(HexOffset.labelled(block.offset)): \(ByteSize.format(block.size))"))
    }

    /// Defragments; the selection follows its block to the new offset, and the moved blocks
    /// slide there over the next ticks.
    mutating func defragment() {
        let before = pool.stats
        var changed = pool
        let moves = changed.defragment()
        let moved = moves.filter { $0.key != $0.value }.count
        commit(changed, action: "defrag")
        if let selected = selectedOffset { selectedOffset = moves[selected] ?? selected }
        animation.startSlide(moves: moves, in: pool)
        if let selected = selectedOffset { viewport = mapGeometry.revealing(selected) }
        let blocks = moved == 1 ? "1 block" : "\(moved) blocks"
        events.append(
            LogEntry(
                "defrag: moved \(blocks); largest free \(ByteSize.format(before.largestFree)) → "
                    + ByteSize.format(pool.stats.largestFree)
            ))
    }

    /// One operation drawn by the random workload.
    mutating func randomOperation() {
        let operation = workload.next(for: pool)
        let before = pool
        var changed = pool
        switch apply(operation, to: &changed) {
        case .allocated(let offset, let size, let alignment):
            commit(changed, action: "random alloc")
            select(offset)
            var explained = false
            if let block = pool.block(at: offset) {
                explained = explainAllocation(
                    size: size, alignment: alignment, before: before, footprint: block.start..<block.end)
                if !explained { animation.blockAppeared(block.start..<block.end) }
            }
            log(
                LogEntry(
                    "random: \(AllocationFailure.request(size: size, alignment: alignment)) → "
                        + HexOffset.labelled(offset)),
                afterSearch: explained)
        case .failed(let size, let alignment):
            let explained = explainAllocation(size: size, alignment: alignment, before: before, footprint: nil)
            log(
                LogEntry(
                    "random: " + AllocationFailure.message(size: size, alignment: alignment, stats: pool.stats),
                    isError: true),
                afterSearch: explained)
        case .freed(let block):
            commit(changed, action: "random free")
            if selectedOffset == block.offset { selectedOffset = changed.block(after: block.offset)?.offset }
            animation.blockFaded(block.start..<block.end)
            events.append(LogEntry("random: free \(HexOffset.labelled(block.offset)): \(ByteSize.format(block.size))"))
        }
    }

    /// ``burstLength`` random operations as one action (one undo level, one log line).
    mutating func randomBurst() {
        var changed = pool
        var allocations = 0, failures = 0, frees = 0
        for _ in 0..<Self.burstLength {
            switch apply(workload.next(for: changed), to: &changed) {
            case .allocated: allocations += 1
            case .failed: failures += 1
            case .freed: frees += 1
            }
        }
        commit(changed, action: "burst")
        if let selected = selectedOffset, pool.block(at: selected) == nil { selectedOffset = nil }
        let fragmentation = NumberText.percent(pool.stats.fragmentation)
        events.append(
            LogEntry(
                "burst of \(Self.burstLength): \(allocations) alloc, \(frees) free, \(failures) failed; "
                    + "frag \(fragmentation)"
            ))
    }

    /// `p`: the next placement policy, first → next → best → worst → first; undone like any
    /// operation. The blocks stay where they are: the policy only decides where the next go.
    mutating func cyclePolicy() {
        let all = FitPolicy.allCases
        let next = all[(all.firstIndex(of: pool.policy)! + 1) % all.count]
        var changed = pool
        changed.policy = next
        commit(changed, action: "policy \(next.rawValue) fit")
        let rover = next == .next ? "; the rover (next fit's starting point) is marked on the map" : ""
        events.append(LogEntry("policy: \(next.rawValue) fit\(rover)"))
    }

    /// Goes back to the state before the last action.
    mutating func undo() {
        guard let point = undoStack.popLast() else {
            events.append(LogEntry("undo: nothing to undo", isError: true))
            return
        }
        animation.finish()
        pool = point.pool
        selectedOffset = point.selectedOffset
        recordFragmentation()
        events.append(LogEntry("undo \(point.action) (\(undoStack.count) more to undo)"))
    }

    // MARK: Helpers

    /// What a random operation did.
    enum RandomOutcome {
        case allocated(offset: Int, size: Int, alignment: Int)
        case failed(size: Int, alignment: Int)
        case freed(Block)
    }

    /// Applies a drawn operation to `target`. The workload only draws valid requests and live
    /// offsets, so a refusal would be a bug; it is reported as a failed allocation rather than a crash.
    func apply(_ operation: RandomOperation, to target: inout MemoryPool) -> RandomOutcome {
        switch operation {
        case .alloc(let size, let alignment):
            if let offset = try? target.allocAligned(size, alignment: alignment) {
                return .allocated(offset: offset, size: size, alignment: alignment)
            }
            return .failed(size: size, alignment: alignment)
        case .free(let offset):
            guard let block = target.block(at: offset), (try? target.free(offset)) != nil else {
                return .failed(size: 0, alignment: 1)
            }
            return .freed(block)
        }
    }

    /// Makes `changed` the pool, saving the current one for undo.
    mutating func commit(_ changed: MemoryPool, action: String) {
        animation.finish()
        undoStack.append(UndoPoint(pool: pool, selectedOffset: selectedOffset, action: action))
        if undoStack.count > Self.maximumUndoLevels { undoStack.removeFirst(undoStack.count - Self.maximumUndoLevels) }
        pool = changed
        recordFragmentation()
    }

    mutating func recordFragmentation() {
        fragmentationSamples.append(pool.stats.fragmentation)
    }
}
