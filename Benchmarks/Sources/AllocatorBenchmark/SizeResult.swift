import PoolAllocator

/// Everything measured at one N, for the checks, the targets and the final table.
struct SizeResult {
    let n: Int
    var liveRange: ClosedRange<Int>
    var opStreamHash: UInt64
    var opStreamOK: Bool
    var offsetsHash: UInt64
    var offsetsOK: Bool
    /// Whether the naive baseline's offsets hash was checked, and matched the pool's.
    var naiveOffsetsOK: Bool?
    var pool = Samples()
    var system = Samples()
    var naive = Samples()
    var loopOnly = Samples()
    var naiveOps: Int
    /// At the end of the churn phase.
    var endStats: PoolStats
    var endLiveCount: Int
    var bookkeepingBytes: Int

    var bookkeepingPerLiveBlock: Double { Double(bookkeepingBytes) / Double(max(1, endLiveCount)) }
    var poolOverSystem: Double { pool.median / system.median }
    var naiveOverPool: Double { naive.median / pool.median }
    var hashesOK: Bool { opStreamOK && offsetsOK && naiveOffsetsOK != false }
    /// The policies other than first fit, timed on the same op stream (`--policies`).
    var others: [PolicyResult] = []
}

/// One policy other than first fit at one N: its timings and how its pool looked after the
/// churn phase. Its offsets hash is information only: the workload defines it for first fit.
struct PolicyResult {
    let policy: FitPolicy
    var offsetsHash: UInt64
    var failures: Int
    var endStats: PoolStats
    var endLiveCount: Int
    var bookkeepingBytes: Int
    var samples = Samples()

    var bookkeepingPerLiveBlock: Double { Double(bookkeepingBytes) / Double(max(1, endLiveCount)) }
    /// Against malloc/free of the same runs.
    func overSystem(_ system: Samples) -> Double { samples.median / system.median }
}
