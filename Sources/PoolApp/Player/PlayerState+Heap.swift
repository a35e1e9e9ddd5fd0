import MemoryMap
import PoolAllocator
import PoolScript

extension PlayerState {
    /// Starts the animation of `step` in a heap scene, given the heap before and after it: an
    /// allocation's search walks the free list in list order (`e`), a new block glows, a freed
    /// one fades. `pool` stands in for the heap's size.
    mutating func animateInHeap(_ step: Step, before: FreeListHeap, after: FreeListHeap, pool: MemoryPool) {
        animation.search = nil
        switch (step.operation, step.outcome) {
        case (.alloc(_, _, let size, nil), .placed(let address, _)):
            let block = after.footprint(ofBlockAt: address)
            if !explainInHeap(requested: size, before: before, pool: pool, footprint: block), let block {
                animation.blockAppeared(block)
            }
        case (.alloc(_, _, let size, nil), .allocationFailed):
            explainInHeap(requested: size, before: before, pool: pool, footprint: nil)
        case (.free(_, _, let address?), .done):
            if let block = before.footprint(ofBlockAt: address) { animation.blockFaded(block) }
        case (.heap, _), (.pool, _):
            animation.finish()
        default:
            break
        }
    }

    /// When explaining, shows the search `malloc(requested)` made on `before`, element by
    /// element in list order; `footprint` is the block it made, lit up once decided.
    /// - Returns: whether the search is shown.
    @discardableResult
    mutating func explainInHeap(
        requested: Int, before: FreeListHeap, pool: MemoryPool, footprint: Range<Int>?
    )
        -> Bool
    {
        explain(SearchAnimation.explaining(requested: requested, heap: before, standIn: pool, appearing: footprint))
    }

    /// The run the frame draws: the current one; but before the first step of a script that
    /// opens with a `heap` statement, the run just after that statement — the heap as the scene
    /// declares it, before its first operation — so that a paused player opens on the heap,
    /// not on the default pool it stands in for.
    /// - Complexity: O(1) (one `heap` statement run, at step 0 only).
    var shownRunner: ScriptRunner {
        let runner = timeline.current
        guard timeline.position == 0, runner.state.heap == nil, !runner.script.statements.isEmpty,
            case .heap = runner.script.statements[0].action
        else { return runner }
        var opening = runner
        guard let step = opening.step(), case .heap = step.operation, opening.state.heap != nil else { return runner }
        return opening
    }

    /// The frame's heap, in a heap scene: the one before an allocation while its search is
    /// shown, with the last free's place in the list and the last allocation's count.
    /// `runner` is the frame's `shownRunner`, which the caller has already made.
    func heapFrame(of runner: ScriptRunner) -> HeapFrame? {
        let state = runner.state
        guard let heap = state.heap else { return nil }
        let freed = state.lastHeapFree
        // A failed allocation looked at every element, and changed nothing.
        var searched = timeline.lastStep?.searched
        if let step = timeline.lastStep, case .allocationFailed = step.outcome { searched = heap.freeList.count }
        return HeapFrame(
            heap: animation.shownHeap ?? heap, freedAddress: freed?.address, freedSize: freed?.size,
            searched: searched, searchedList: animation.search?.heapBefore?.freeList)
    }

    /// In a heap scene, the block the last step allocated while it is live (by its address).
    var heapSelectedAddress: Int? {
        guard let heap = timeline.current.state.heap, let step = timeline.lastStep,
            case .placed(let address, _) = step.outcome, heap.allocatedSizes[address] != nil
        else { return nil }
        return address
    }
}
