import PoolAllocator
import PoolText

extension ScriptRunner {
    /// `heap …`: a new scene on a fresh free-list heap, its policy and list order overridden by
    /// the run's (`--policy`, `compare --orders`) when given. The pool then only stands in for
    /// the heap's size.
    mutating func startHeap(_ spec: HeapSpec, line: Int) -> Step {
        var spec = spec
        if let policy {
            guard let searchPolicy = FreeListHeap.SearchPolicy(policy) else {
                return Step(
                    line: line, operation: .heap(spec),
                    outcome: .error("a heap has no next fit (malloc.py searches best, worst or first)"))
            }
            spec.policy = searchPolicy
        }
        if let heapOrder { spec.order = heapOrder }
        do {
            // The stand-in pool places as the run does, so each band of a comparison is its
            // policy's in a heap scene too.
            state.startScene(try MemoryPool(totalSize: max(1, spec.size), policy: policy ?? .first))
        } catch {
            return Step(line: line, operation: .heap(spec), outcome: .error(error.description))
        }
        state.heap = spec.makeHeap()
        return Step(line: line, operation: .heap(spec), outcome: .done)
    }

    /// A statement in a heap scene, as malloc.py runs it: `alloc` and `free` on the heap,
    /// `stats` of the heap; `defrag`, `alloc … align`, `random` and trace lines are errors that
    /// say why. Nil for the statements that behave as in a pool's scene (`pool`, `heap`, `say`,
    /// `wait`).
    mutating func performInHeap(_ statement: Statement) -> Step? {
        // The heap is changed where it is kept: a copy taken out of the state would share its
        // storage, and each `malloc` and `free` would then copy the whole list and tables.
        guard state.heap != nil else { return nil }
        let line = statement.line
        state.lastHeapFree = nil
        func refusal(_ operation: Step.Operation, _ why: String) -> Step {
            Step(line: line, operation: operation, outcome: .error(why))
        }
        switch statement.action {
        case .pool, .heap, .say, .wait:
            return nil
        case .alloc(let name, let size, let alignment?):
            return refusal(
                .alloc(name: name, id: nil, size: size, alignment: alignment),
                "a heap scene has no 'align': its blocks are rounded up by the heap's 'round' instead "
                    + "(no allocation was made)")
        case .alloc(let name, let size, nil):
            let operation = Step.Operation.alloc(name: name, id: nil, size: size, alignment: nil)
            if let name, let address = state.offsetsByName[name] {
                return refusal(
                    operation,
                    "'\(name)' still holds the block at \(address); free it before binding the name again "
                        + "(no allocation was made)")
            }
            let allocation: FreeListHeap.Allocation
            do {
                allocation = try state.heap!.malloc(size)
            } catch {
                return refusal(operation, "a block of no bytes would share address \(error.address) with another")
            }
            guard let address = allocation.address else {
                if let name { state.unboundReasons[name] = "its allocation on line \(line) failed" }
                let failure =
                    "\(AllocationFailure.request(size: size, alignment: 1)) failed: searched "
                    + "\(allocation.searched) elements, none fits (malloc.py returns -1)"
                return Step(line: line, operation: operation, outcome: .allocationFailed(failure))
            }
            if let name { state.bind(name, to: address) }
            return Step(
                line: line, operation: operation, outcome: .placed(address: address, searched: allocation.searched))
        case .free(.name(let name)):
            let address = state.offsetsByName[name] ?? state.freedAddressesByName[name]
            guard let address else {
                let why = state.unboundReasons[name].map { ": \($0)" } ?? ": it was never allocated"
                return refusal(
                    .free(name: name, id: nil, offset: nil),
                    "cannot free '\(name)': the name is not bound to a block\(why)")
            }
            let wasBound = state.offsetsByName[name] != nil
            let step = freeInHeap(address: address, name: name, line: line)
            if !wasBound, step.outcome == .done {
                // malloc.py's pointer still held the address, and a block starts there again: freed.
                state.freedAddressesByName[name] = nil
            }
            return step
        case .free(.offset(let address)):
            return freeInHeap(address: address, name: nil, line: line)
        case .stats:
            return Step(line: line, operation: .stats, outcome: .stats(state.heap!.stats))
        case .defrag:
            return refusal(.defrag, "a heap scene cannot defragment: malloc.py's heap never moves a block")
        case .random(let count, _):
            return refusal(
                .say("random \(count)"),
                "a heap scene has no 'random': list its allocations and frees, "
                    + "or draw them with poolmap ostep --script")
        case .traceAlloc(let id, let size, let alignment):
            return refusal(.alloc(name: nil, id: id, size: size, alignment: alignment), Self.traceInHeap)
        case .traceFree(let id):
            return refusal(.free(name: nil, id: id, offset: nil), Self.traceInHeap)
        case .traceRealloc(let id, let size):
            return refusal(.realloc(id: id, size: size, offset: nil), Self.traceInHeap)
        case .tracePlace(let id, let size, _):
            return refusal(.alloc(name: nil, id: id, size: size, alignment: nil), Self.traceInHeap)
        case .recordedFailure(let size, _):
            return refusal(.alloc(name: nil, id: nil, size: size, alignment: nil), Self.traceInHeap)
        }
    }

    static let traceInHeap = "a heap scene takes 'alloc' and 'free', not trace lines"

    /// Frees the block at `address` as malloc.py does: `.done`, or `returned -1` as an outcome
    /// when no block starts there. The name of the block freed (which may be another name's,
    /// when a freed name's address was handed out again) is unbound.
    private mutating func freeInHeap(address: Int, name: String?, line: Int) -> Step {
        let size = state.heap!.allocatedSizes[address]
        guard state.heap!.free(address), let size else {
            let why =
                name.flatMap { freed in state.unboundReasons[freed].map { "'\(freed)' was \($0)" } }
                ?? "no block starts at \(address)"
            return Step(
                line: line, operation: .free(name: name, id: nil, offset: address),
                outcome: .refused("returned -1: \(why)"))
        }
        state.lastHeapFree = FreeListHeap.Chunk(address: address, size: size)
        let freedName = state.unbindName(at: address, because: "freed on line \(line)")
        if let freedName { state.freedAddressesByName[freedName] = address }
        return Step(line: line, operation: .free(name: name ?? freedName, id: nil, offset: address), outcome: .done)
    }
}
