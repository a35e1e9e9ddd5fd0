/// Finding a slot by offset: the separators, and the branch-free search they lead into.
extension BlockNode {
    /// 1 when `condition` holds, else 0, read from the Bool's bits without a branch.
    ///
    /// Searches add these into counts and shift them into bit masks over a fixed number of
    /// slots (unused slots hold sentinels that never match), so their loops carry no branch
    /// that depends on the data. Written as `if` or `? :` over `count`, the compiler turns the
    /// conditional adds back into branches, each taken at random and mispredicted half the time.
    @inline(__always) static func bit(_ condition: Bool) -> Int {
        Int(unsafeBitCast(condition, to: UInt8.self))
    }

    /// The slot — child (inner) or entry (leaf) — whose range holds `offset`
    /// (`starts[0] <= offset` assumed).
    /// - Complexity: O(slots / groupSlots + log groupSlots), a fixed number of steps.
    @inline(__always) func childIndex(containing offset: Int) -> Int {
        // Every step below runs a fixed number of times, whatever `count` (unused slots and
        // their separators hold `Int.max`): no branch to mispredict.
        // First the group, from the separators: a few words read independently instead of a
        // chain of dependent probes across the whole lane (each a likely cache miss).
        var group = 0
        if isLeaf {
            for k in 1..<Self.leafGroups { group &+= Self.bit(separators[k] <= offset) }
        } else {
            for k in 1..<Self.innerGroups { group &+= Self.bit(separators[k] <= offset) }
        }
        // Then a binary search within the group's slots (one cache line), its three steps
        // written out for `groupSlots` = 8.
        var base = group &* Self.groupSlots
        base &+= 4 &* Self.bit(starts[base &+ 4] <= offset)
        base &+= 2 &* Self.bit(starts[base &+ 2] <= offset)
        base &+= Self.bit(starts[base &+ 1] <= offset)
        return base
    }

    /// Leaf: the entry holding `offset` (`starts[0] <= offset` assumed).
    /// - Complexity: as `childIndex(containing:)`.
    @inline(__always) func entryIndex(containing offset: Int) -> Int {
        childIndex(containing: offset)
    }

    /// Recomputes the separators from `starts` (after slots moved).
    /// - Complexity: O(slots / groupSlots).
    @inline(__always) func refreshSeparators() {
        if isLeaf {
            for g in 0..<Self.leafGroups { separators[g] = starts[g &* Self.groupSlots] }
        } else {
            for g in 0..<Self.innerGroups { separators[g] = starts[g &* Self.groupSlots] }
        }
    }

    /// Sets `starts[i]`, keeping its separator in step.
    /// - Complexity: O(1).
    @inline(__always) func setStart(_ i: Int, _ value: Int) {
        starts[i] = value
        let g = i / Self.groupSlots
        separators[g] = i % Self.groupSlots == 0 ? value : separators[g]
    }
}
