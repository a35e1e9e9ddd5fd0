/// The figures the allocator literature compares placement policies by, over a pool's life so
/// far (docs/semantics.md, "The figures of a run"): how much of the pool a policy needed
/// against how much was live at most.
///
/// The literature's heaps grow on demand; a pool is fixed, so these figures hold for the pool
/// size given (a comparison gives every policy the same one).
public struct PoolFigures: Equatable, Sendable {
    /// The highest byte ever in use + 1: the end (offset + size) of the highest block at any
    /// moment, padding counted as in use, as `used` counts it. 0 while nothing was allocated.
    public var highWater: Int
    /// The most payload bytes live at once (padding excluded), counted after every mutation.
    public var peakLive: Int

    /// Figures with these values (both 0: nothing allocated yet).
    public init(highWater: Int = 0, peakLive: Int = 0) {
        self.highWater = highWater
        self.peakLive = peakLive
    }

    /// Peak live / high-water mark (CS:APP's "util" for a fixed pool); nil when either is 0.
    public var utilization: Double? {
        guard highWater > 0, peakLive > 0 else { return nil }
        return Double(peakLive) / Double(highWater)
    }

    /// (High-water mark − peak live) / peak live (Johnstone and Wilson's measure); nil when
    /// either is 0.
    public var heapFragmentation: Double? {
        guard highWater > 0, peakLive > 0 else { return nil }
        return Double(highWater - peakLive) / Double(peakLive)
    }

    /// The figures of two pools taken together: the higher high-water mark and the higher peak
    /// live (a script's scenes each start a new pool).
    public func combined(with other: PoolFigures) -> PoolFigures {
        PoolFigures(highWater: max(highWater, other.highWater), peakLive: max(peakLive, other.peakLive))
    }

    /// Accounts for a block that now ends at `end`, with `live` payload bytes live in all.
    /// - Complexity: O(1).
    @inline(__always)
    mutating func noteAllocation(end: Int, live: Int) {
        if end > highWater { highWater = end }
        if live > peakLive { peakLive = live }
    }
}
