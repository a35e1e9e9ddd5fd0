/// What a node keeps about what lies below it: largest free entries (per child, per group of
/// children, per node), room bounds at `roomAlignment`, and payload, padding and block sums.
extension BlockNode {
    // MARK: Largest free entry

    /// Leaf: the largest free entry (0 when none is free). Branch-free over the tags.
    /// - Complexity: O(slots).
    func leafMaxFree() -> Int {
        // A fixed number of steps over every slot (unused ones hold `Int.max`, no free entry),
        // with two scalar minima side by side: without 64-bit vector compares (baseline
        // x86-64) the vectorized loop the optimizer would otherwise emit costs twice as much.
        let t = tags
        var low0 = 0
        var low1 = 0
        for j in stride(from: 0, to: Self.leafSlots, by: 2) {
            let a = t[j]
            let b = t[j &+ 1]
            low0 = a < low0 ? a : low0
            low1 = b < low1 ? b : low1
        }
        return 0 &- (low0 < low1 ? low0 : low1)
    }

    /// Inner: the largest `maxFree` among all children, also stored in the header.
    @inline(__always) var largest: Int {
        get { words[2] }
        set { words[2] = newValue }
    }

    /// Inner: recomputes group `g`'s largest `maxFree`.
    /// - Complexity: O(groupSlots).
    @inline(__always) func refreshGroupMax(_ g: Int) {
        let first = g &* Self.groupSlots
        var best = 0
        for i in first..<first &+ Self.groupSlots {
            let value = maxFree[i]
            best = value > best ? value : best
        }
        groupMax[g] = best
    }

    /// Inner: the largest group maximum, stored as `largest`.
    /// - Complexity: O(slots / groupSlots).
    @inline(__always) func refreshLargest() -> Int {
        var best = 0
        for g in 0..<Self.innerGroups {
            let value = groupMax[g]
            best = value > best ? value : best
        }
        largest = best
        return best
    }

    /// Inner: the largest `maxFree` among the children, with every group maximum and `largest`
    /// recomputed from scratch. Called after every change of the children's order.
    /// - Complexity: O(slots).
    @discardableResult
    func innerMaxFree() -> Int {
        for g in 0..<Self.innerGroups { refreshGroupMax(g) }
        return refreshLargest()
    }

    /// Inner: sets child `i`'s largest free entry to `value`, keeping its group maximum and
    /// `largest` in step.
    /// - Returns: this node's largest free entry afterwards.
    /// - Complexity: O(groupSlots + slots / groupSlots) when the value shrinks from a maximum,
    ///   else O(1).
    @inline(__always) func setMaxFree(ofChild i: Int, to value: Int) -> Int {
        let old = maxFree[i]
        maxFree[i] = value
        let g = i / Self.groupSlots
        if value >= old {
            if value > groupMax[g] { groupMax[g] = value }
            if value > largest { largest = value }
            return largest
        }
        guard old == groupMax[g] else { return largest }
        refreshGroupMax(g)
        guard old == largest else { return largest }
        return refreshLargest()
    }

    /// Largest free entry below this node, from the tags or the children's `maxFree` alone,
    /// never from the group maxima or `largest` (so checks can compare those with it).
    /// - Complexity: O(slots).
    func scannedMaxFree() -> Int {
        if isLeaf { return leafMaxFree() }
        var best = 0
        for i in 0..<count { best = max(best, maxFree[i]) }
        return best
    }

    /// Largest free entry below this node; an inner node recomputes its group maxima and
    /// `largest` on the way (`innerMaxFree`).
    /// - Complexity: O(slots).
    func subtreeMaxFree() -> Int { isLeaf ? leafMaxFree() : innerMaxFree() }

    // MARK: Room at 256-byte alignment

    /// The alignment `roomBound` is kept for: 256 bytes, what GPU runtimes align every
    /// allocation to. A request aligned to any multiple of it can skip a leaf whose bound is
    /// below its size (a multiple of 256 is never reached with less padding).
    static let roomAlignment = 256

    /// The largest block a free entry at `start` of `length` bytes holds at a multiple of
    /// `roomAlignment` (negative when none fits).
    @inline(__always) static func room(start: Int, length: Int) -> Int {
        length &- padding(start: start, align: roomAlignment)
    }

    /// Leaf: the largest block any free entry holds at a multiple of `roomAlignment` (0 when
    /// none).
    /// - Complexity: O(slots).
    func leafRoom() -> Int {
        var best = 0
        var j = 0
        while j < count {
            let tag = tags[j]
            let room = Self.room(start: starts[j], length: 0 &- tag)
            best = tag < 0 && room > best ? room : best
            j &+= 1
        }
        return best
    }

    /// Inner: the largest `roomBound` among the children.
    /// - Complexity: O(slots).
    func largestRoomBound() -> Int {
        var best = 0
        for i in 0..<count { best = max(best, roomBound[i]) }
        return best
    }

    /// The tightest bound this node can give its parent's `roomBound` from what it keeps.
    /// - Complexity: O(slots).
    func roomSummary() -> Int { isLeaf ? leafRoom() : largestRoomBound() }

    // MARK: Sums and whole summaries

    /// (payload, padding, blocks) below this node, given its end.
    /// - Complexity: O(slots).
    func subtreeSums(end: Int) -> (payload: Int, padding: Int, blocks: Int) {
        var payloadSum = 0
        var paddingSum = 0
        var blockSum = 0
        if isLeaf {
            for j in 0..<count where !isFree(j) {
                let gap = pad(j)
                payloadSum += entryEnd(j, leafEnd: end) - starts[j] - gap
                paddingSum += gap
                blockSum += 1
            }
        } else {
            for i in 0..<count {
                payloadSum += payload[i]
                paddingSum += padding[i]
                blockSum += blocks[i]
            }
        }
        return (payloadSum, paddingSum, blockSum)
    }

    /// Inner: recomputes child `i`'s start and whole summary from the child itself (whose own
    /// group maxima are recomputed on the way). This node's group maxima and `largest` are left
    /// to the caller (`innerMaxFree`).
    /// - Complexity: O(slots).
    func refreshSummary(ofChild i: Int, nodeEnd: Int) {
        let child = kids![i]
        let end = childEnd(i, nodeEnd: nodeEnd)
        setStart(i, child.starts[0])
        roomBound[i] = child.roomSummary()
        maxFree[i] = child.subtreeMaxFree()
        let sums = child.subtreeSums(end: end)
        payload[i] = sums.payload
        padding[i] = sums.padding
        blocks[i] = sums.blocks
    }
}
