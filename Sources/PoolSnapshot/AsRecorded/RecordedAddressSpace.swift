/// The device addresses an as-recorded run draws, laid end to end: the union of every range
/// the device reserved in the trace or holds in the final `segments`, in address order, with
/// the gaps between them removed. Offset 0 is the lowest reserved address.
///
/// A block's address outside every reserved range (an inconsistent snapshot) adds its own
/// range, so every event has an offset. Ranges that are empty, negative or past `Int.max` are
/// left out.
public struct RecordedAddressSpace: Equatable, Sendable {
    /// One stretch of contiguous addresses and where it begins in the compacted space.
    public struct Stretch: Equatable, Sendable {
        /// The first device address.
        public var address: Int
        /// Its bytes.
        public var size: Int
        /// The offset of `address` in the compacted space.
        public var offset: Int
    }

    /// The stretches in address order, never touching nor overlapping.
    public private(set) var stretches: [Stretch]
    /// The bytes of all stretches: the size of the pool the run draws on.
    public private(set) var totalSize: Int

    /// The union of `ranges` (device address, size), compacted.
    /// - Complexity: O(r log r) for r ranges.
    public init(ranges: [(address: Int, size: Int)]) {
        let valid = ranges.filter { $0.address >= 0 && $0.size > 0 && $0.size <= Int.max - $0.address }
            .sorted { $0.address < $1.address }
        var stretches: [Stretch] = []
        var total = 0
        for range in valid {
            let end = range.address + range.size
            if let last = stretches.last, range.address <= last.address + last.size {
                let grown = max(last.address + last.size, end) - last.address
                guard grown - last.size <= Int.max - total else { continue }
                total += grown - last.size
                stretches[stretches.count - 1].size = grown
            } else {
                guard range.size <= Int.max - total else { continue }
                stretches.append(Stretch(address: range.address, size: range.size, offset: total))
                total += range.size
            }
        }
        self.stretches = stretches
        totalSize = total
    }

    /// The union of every range `events` reserve or release (segments, mappings) or use
    /// (blocks), and of `segments`.
    public init(events: [TraceEvent], segments: [SnapshotSegment]) {
        var ranges = segments.map { (address: $0.address, size: $0.totalSize) }
        for event in events where event.action != .oom && event.action != .snapshot {
            if let address = event.address { ranges.append((address, event.size)) }
        }
        for segment in segments {
            for block in segment.blocks { ranges.append((block.address, block.size)) }
        }
        self.init(ranges: ranges)
    }

    /// The offset of device address `address`, or nil when no stretch holds it.
    /// - Complexity: O(log s) for s stretches.
    public func offset(of address: Int) -> Int? {
        guard let index = stretchIndex(holding: address) else { return nil }
        return stretches[index].offset + (address - stretches[index].address)
    }

    /// The device address at `offset` (in `0 ..< totalSize`), or nil outside the space.
    /// - Complexity: O(log s).
    public func address(at offset: Int) -> Int? {
        guard offset >= 0, offset < totalSize else { return nil }
        var low = 0, high = stretches.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if stretches[middle].offset <= offset { low = middle } else { high = middle }
        }
        return stretches[low].address + (offset - stretches[low].offset)
    }

    /// The offsets of device addresses `address ..< address + size`, or nil unless one stretch
    /// holds them all.
    public func offsets(of address: Int, size: Int) -> Range<Int>? {
        guard size > 0, let index = stretchIndex(holding: address) else { return nil }
        let stretch = stretches[index]
        guard size <= stretch.address + stretch.size - address else { return nil }
        let offset = stretch.offset + (address - stretch.address)
        return offset..<(offset + size)
    }

    /// The stretch holding `address`.
    private func stretchIndex(holding address: Int) -> Int? {
        var low = 0, high = stretches.count
        while low < high {
            let middle = (low + high) / 2
            if stretches[middle].address + stretches[middle].size <= address { low = middle + 1 } else { high = middle }
        }
        guard low < stretches.count, stretches[low].address <= address else { return nil }
        return low
    }
}
