extension ScriptRunner {
    // Trace lines: ids instead of names. An `a`/`m` for a live id and an `f` for an id that is
    // not live are runtime errors; an id whose allocation failed is freed like NULL. As CMU's
    // malloc-lab driver has it, `f -1` frees NULL, `r ID 0` frees, and `r` of an id that is not
    // live allocates (realloc of NULL).

    mutating func traceAlloc(id: Int, size: Int, alignment: Int?, line: Int) -> Step {
        let operation = Step.Operation.alloc(name: nil, id: id, size: size, alignment: alignment)
        if let offset = state.offsetsByID[id] {
            return Step(
                line: line, operation: operation,
                outcome: .error(
                    "id \(id) is still live at offset \(offset); no allocation was made"))
        }
        let (outcome, offset) = allocate(size: size, alignment: alignment ?? 1)
        bindID(id, to: offset)
        return Step(line: line, operation: operation, outcome: outcome)
    }

    /// `tracePlace`: the block at exactly `offset`; a live id, or a range not free, is an error.
    mutating func tracePlace(id: Int, size: Int, offset: Int, line: Int) -> Step {
        let operation = Step.Operation.alloc(name: nil, id: id, size: size, alignment: nil)
        if let live = state.offsetsByID[id] {
            return Step(
                line: line, operation: operation,
                outcome: .error("id \(id) is still live at offset \(live); no allocation was made"))
        }
        do {
            try state.pool.place(size, at: offset)
        } catch {
            return Step(line: line, operation: operation, outcome: .error(error.description))
        }
        bindID(id, to: offset)
        return Step(line: line, operation: operation, outcome: .offset(offset))
    }

    mutating func traceFree(id: Int, line: Int) -> Step {
        if id == Action.nullTraceID {
            return Step(line: line, operation: .free(name: nil, id: id, offset: nil), outcome: .done)
        }
        if !state.failedIDs.isEmpty, state.failedIDs.removeValue(forKey: id) != nil {
            // Like free(NULL): the allocation it would free never happened.
            return Step(line: line, operation: .free(name: nil, id: id, offset: nil), outcome: .done)
        }
        guard let offset = state.offsetsByID[id] else {
            return Step(
                line: line, operation: .free(name: nil, id: id, offset: nil),
                outcome: .error(
                    "cannot free id \(id): it is not live (never allocated, or already freed)"))
        }
        // Unbinding looks the offset up too: its slot loads while the pool frees the block.
        state.idsByOffset.prefetch(offset)
        let outcome = freeOutcome(offset)
        if outcome == .done {
            state.offsetsByID[id] = nil
            state.idsByOffset[offset] = nil
        }
        return Step(line: line, operation: .free(name: nil, id: id, offset: offset), outcome: outcome)
    }

    mutating func traceRealloc(id: Int, size: Int, line: Int) -> Step {
        if size == 0 {
            // realloc(p, 0) frees p; of NULL (an id not live) it does nothing.
            if state.offsetsByID[id] != nil { return traceFree(id: id, line: line) }
            if !state.failedIDs.isEmpty { state.failedIDs.removeValue(forKey: id) }
            return Step(line: line, operation: .realloc(id: id, size: 0, offset: nil), outcome: .done)
        }
        guard let old = state.offsetsByID[id] else {
            // realloc of NULL: an allocation (also for an id whose allocation failed).
            if !state.failedIDs.isEmpty { state.failedIDs.removeValue(forKey: id) }
            let (outcome, offset) = allocate(size: size, alignment: 1)
            bindID(id, to: offset)
            return Step(line: line, operation: .realloc(id: id, size: size, offset: nil), outcome: outcome)
        }
        let operation = Step.Operation.realloc(id: id, size: size, offset: old)
        state.idsByOffset.prefetch(old)  // unbound below, after the allocation
        let (outcome, offset) = allocate(size: size, alignment: 1)
        guard let offset else {
            return Step(line: line, operation: operation, outcome: outcome)  // the old block stays
        }
        _ = freeOutcome(old)
        state.idsByOffset[old] = nil
        state.offsetsByID[id] = offset
        state.idsByOffset[offset] = id
        return Step(line: line, operation: operation, outcome: outcome)
    }

    private mutating func bindID(_ id: Int, to offset: Int?) {
        if let offset {
            state.offsetsByID[id] = offset
            state.idsByOffset[offset] = id
            // An id whose earlier allocation failed is live now.
            if !state.failedIDs.isEmpty { state.failedIDs.removeValue(forKey: id) }
        } else {
            state.failedIDs[id] = 1
        }
    }
}
