import PoolText

/// The totals `python3 _memory_viz.py stats FILE` prints (PyTorch's `segsum`), worked out from
/// the end of as-recorded runs: `total_reserved` (the segments' bytes), `total_allocated` (the
/// requested bytes of blocks in use, awaiting-free ones excluded) and `total_free` (the rest,
/// with the share lost to rounding: a block's bytes beyond its request).
public struct MemoryVizTotals: Equatable, Sendable {
    /// The reserved bytes.
    public var reserved = 0
    /// The requested bytes of blocks in use.
    public var allocated = 0
    /// The bytes blocks in use hold beyond their request.
    public var internalFree = 0

    /// Totals of nothing.
    public init() {}

    /// The totals at the end of `run` (the trace applied in full or not), each block's
    /// requested size read from the snapshot's final block at its address (its size when
    /// there is none).
    public init(endOf run: AsRecordedRun) {
        var requested: [Int: Int] = [:]
        for segment in run.finalSegments {
            for block in segment.blocks where block.state == .activeAllocated {
                requested[block.address] = block.requestedSize
            }
        }
        let state = run.state
        reserved = state.reserved.bytes
        for region in state.regions where region.kind == .used {
            let asked = requested[region.address] ?? region.size
            allocated += asked
            internalFree += region.size - asked
        }
    }

    /// Two devices' totals together (`_memory_viz.py` sums every device's segments).
    public static func + (a: Self, b: Self) -> Self {
        var sum = a
        sum.reserved += b.reserved
        sum.allocated += b.allocated
        sum.internalFree += b.internalFree
        return sum
    }

    /// The three lines as `_memory_viz.py` writes them: `total_reserved: 20.0MiB`,
    /// `total_allocated: 5.0MiB`, `total_free: 15.0MiB (0.3% internal)`.
    public var lines: [String] {
        let free = reserved - allocated
        var freeText = Self.format(free)
        if free != 0 {
            freeText += " (" + NumberText.fixed(Double(internalFree) / Double(free) * 100, places: 1) + "% internal)"
        }
        return [
            "total_reserved: \(Self.format(reserved))", "total_allocated: \(Self.format(allocated))",
            "total_free: \(freeText)",
        ]
    }

    /// `_memory_viz.py`'s `_format_size`: the value divided by 1024 until below it, with one
    /// decimal (`{:3.1f}`) and the binary unit's prefix (`20.0MiB`, `512.0B`).
    public static func format(_ bytes: Int) -> String {
        var value = Double(bytes)
        for unit in ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi"] {
            if abs(value) < 1024 { return NumberText.fixed(value, places: 1) + unit + "B" }
            value /= 1024
        }
        return NumberText.fixed(value, places: 1) + "YiB"
    }
}
