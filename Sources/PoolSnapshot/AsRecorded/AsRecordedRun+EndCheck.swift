import PoolAllocator

extension AsRecordedRun {
    /// The first difference between the state now and the snapshot's final `segments`, in
    /// address order, as a sentence: a block live in one and not the other (or of another
    /// size, or pending in one only), or reserved ranges that differ. Nil when they agree —
    /// always after the last event of a consistent snapshot.
    /// - Complexity: O(n + b log b + s) for n blocks now, b blocks and s segments at the end.
    public func endDifference() -> String? {
        var expected: [(address: Int, size: Int, pending: Bool)] = []
        for segment in finalSegments {
            for block in segment.blocks where block.state.isActive {
                expected.append((block.address, block.size, block.state == .activeAwaitingFree))
            }
        }
        expected.sort { $0.address < $1.address }
        let actual = state.regions.filter { $0.kind == .used || $0.kind == .pending }
        for index in 0..<max(expected.count, actual.count) {
            let want = index < expected.count ? expected[index] : nil
            let have = index < actual.count ? actual[index] : nil
            if let want, let have, want.address == have.address, want.size == have.size,
                want.pending == (have.kind == .pending)
            {
                continue
            }
            if let have, want.map({ have.address <= $0.address }) ?? true {
                let kind = have.kind == .pending ? "awaiting free" : "in use"
                let differs = want.map { $0.address == have.address } ?? false
                return
                    "the trace ends with block \(SnapshotReplay.address(have.address)) of \(have.size) bytes \(kind), "
                    + (differs
                        ? "the snapshot's segments with another block there" : "the snapshot's segments without it")
            }
            if let want {
                return
                    "the snapshot's segments hold block \(SnapshotReplay.address(want.address)) of \(want.size) bytes "
                    + "\(want.pending ? "awaiting free" : "in use"), the trace's end does not"
            }
        }
        let final = ReservedSegments(
            finalSegments.map { RecordedSegment(address: $0.address, size: $0.totalSize) })
        let have = state.reserved.coverage, want = final.coverage
        if have != want {
            let index = zip(have, want).prefix { $0 == $1 }.count
            let range = index < have.count ? have[index] : want[index]
            let address = SnapshotReplay.address(range.lowerBound)
            return index < have.count && (index >= want.count || have[index].lowerBound <= want[index].lowerBound)
                ? "the trace ends with \(range.count) bytes reserved at \(address), the snapshot's segments differ there"
                : "the snapshot's segments reserve \(range.count) bytes at \(address), the trace's end differs there"
        }
        return nil
    }
}

extension ReservedSegments {
    /// Segments reserved one after another.
    init(_ segments: [RecordedSegment]) {
        self.init()
        for segment in segments { reserve(segment) }
    }
}
