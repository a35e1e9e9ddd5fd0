/// An allocator as the churn replay drives it. `Handle` is what `live` holds: an offset, a
/// pointer; a failed allocation returns a handle that `release` ignores.
protocol ChurnAllocator {
    associatedtype Handle
    mutating func allocate(size: Int, aligned: Bool) -> Handle
    mutating func release(_ handle: Handle)
    /// Whether the blocks still live after a run must be released one by one (memory the
    /// process really holds); an allocator that is only bookkeeping is simply dropped.
    static var releasesLiveBlocksAtEnd: Bool { get }
}

extension ChurnAllocator {
    static var releasesLiveBlocksAtEnd: Bool { false }
}

/// Sees every allocation's handle during a replay: to hash offsets, or nothing at all.
protocol AllocationObserver {
    associatedtype Handle
    mutating func observe(_ handle: Handle)
}

/// Observes nothing; specialized away in timed runs.
struct IgnoreAllocations<Handle>: AllocationObserver {
    @inline(__always) mutating func observe(_ handle: Handle) {}
}

/// Hashes the offsets of successful allocations and counts failed ones (offset -1).
struct HashOffsets: AllocationObserver {
    var hash = OffsetHash()
    var failures = 0

    @inline(__always) mutating func observe(_ handle: Int) {
        if handle < 0 { failures += 1 } else { hash.add(handle) }
    }
}

/// The `live` array of the workload, allocated once with room for every op so the replay
/// never grows it, and read and written without bounds checks.
struct LiveHandles<Handle> {
    let slots: UnsafeMutablePointer<Handle>
    var count = 0

    init(capacity: Int) { slots = .allocate(capacity: capacity) }

    func deallocate() {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
}

/// Replays op words against `allocator`: allocations push their handle, frees release
/// `live[i]` and move the last handle into slot `i`. This loop is what is timed.
@inline(__always)
func replay<A: ChurnAllocator, O: AllocationObserver>(
    _ ops: UnsafeBufferPointer<UInt32>, on allocator: inout A, live: inout LiveHandles<A.Handle>,
    observer: inout O
) where O.Handle == A.Handle {
    let slots = live.slots
    var count = live.count
    for word in ops {
        if word & ChurnWorkload.freeFlag != 0 {
            let i = Int(word & ~ChurnWorkload.freeFlag)
            allocator.release(slots[i])
            count -= 1
            slots[i] = slots[count]
        } else {
            let handle = allocator.allocate(size: Int(word & 0xffff), aligned: word & ChurnWorkload.alignedFlag != 0)
            observer.observe(handle)
            (slots + count).initialize(to: handle)
            count += 1
        }
    }
    live.count = count
}

/// What one run of an allocator over a workload measured.
struct ReplayResult<A> {
    /// Wall time of the churn ops only.
    var churnNanoseconds: Double
    /// Churn ops replayed (all of them, or fewer for a slow baseline at a large N).
    var churnOps: Int
    /// The allocator after the churn phase.
    var allocator: A
    var liveCount: Int

    var nanosecondsPerOp: Double { churnNanoseconds / Double(churnOps) }
}

/// Fills (untimed), replays `churnOps` churn ops (timed), and hands back the allocator with
/// its live handles for inspection (untimed, like the teardown that follows).
func measure<A: ChurnAllocator, O: AllocationObserver>(
    _ workload: ChurnWorkload, churnOps: Int = ChurnWorkload.churnOpCount, make: () -> A, observer: inout O,
    inspect: (A, LiveHandles<A.Handle>) -> Void = { _, _ in }
) -> ReplayResult<A> where O.Handle == A.Handle {
    var allocator = make()
    var live = LiveHandles<A.Handle>(capacity: workload.n + churnOps)
    defer { live.deallocate() }
    var ignore = IgnoreAllocations<A.Handle>()
    workload.fill.withUnsafeBufferPointer { replay($0, on: &allocator, live: &live, observer: &ignore) }
    let nanoseconds = workload.churn.withUnsafeBufferPointer { all in
        let ops = UnsafeBufferPointer(rebasing: all.prefix(churnOps))
        let started = Stopwatch.now()
        replay(ops, on: &allocator, live: &live, observer: &observer)
        return Stopwatch.now() - started
    }
    inspect(allocator, live)
    if A.releasesLiveBlocksAtEnd {
        for k in 0..<live.count { allocator.release(live.slots[k]) }
    }
    return ReplayResult(
        churnNanoseconds: nanoseconds, churnOps: churnOps, allocator: allocator,
        liveCount: live.count)
}
