/// Turns a recording's addresses into a trace's ids: the one rule every reader of address
/// traces shares (`poolmap record`, glibc mtrace logs, PyTorch snapshots).
///
/// Ids are handed out in order from 0, one per block: an address freed and handed out again
/// gets a new id, so an id is never reused and every `f` and `r` names a live id. A free of an
/// address that is not live is left out and counted (`unknownFrees`); an allocation at an
/// address still live frees the earlier block first and is counted (`reusedLiveAddresses`).
/// A realloc comes in two halves, as recorders see it: `detach` takes the old block off its
/// address (it stays live, under its id, until `reattach` gives it the new address and size),
/// so another thread may be handed the old address in between.
///
/// Each operation is appended to a sink as the trace action it becomes. Sizes must be at least 1
/// (the readers count a block of 0 bytes as 1, as `record` does).
/// - Complexity: O(1) expected per event; memory O(blocks ever allocated) for their sizes.
public struct AddressIDs: Sendable {
    /// What the trace holds so far.
    public struct Counts: Equatable, Sendable {
        /// Operations emitted: `a`, `m`, `f` and `r`.
        public var events = 0
        /// Allocations, aligned ones included.
        public var allocations = 0
        /// Allocations with an alignment (`m`).
        public var alignedAllocations = 0
        /// Frees (`f`).
        public var frees = 0
        /// Reallocs (`r`).
        public var reallocs = 0
        /// The most bytes live at once; during an `r` the old and the new block both count, as
        /// for the default pool size of a trace (`TracePeak`).
        public var peakLiveBytes = 0
        /// The most blocks live at once.
        public var peakLiveBlocks = 0
        /// Blocks live now.
        public var liveBlocks = 0
        /// Frees (and realloc sources) of addresses that were not live.
        public var unknownFrees = 0
        /// Allocations at an address still live (its earlier block is freed first).
        public var reusedLiveAddresses = 0

        /// All counts 0.
        public init() {}
    }

    /// What was emitted so far.
    public private(set) var counts = Counts()
    private var idsByAddress: [UInt64: Int] = [:]
    /// Every id's size while it is live, 0 once freed (ids are dense from 0).
    private var sizesByID: [Int] = []
    private var liveBytes = 0

    /// A converter that has seen no address yet.
    public init() {}

    /// The next id `allocate` hands out: how many blocks were ever allocated.
    public var nextID: Int { sizesByID.count }

    /// Whether `id` is live.
    public func isLive(_ id: Int) -> Bool { id >= 0 && id < sizesByID.count && sizesByID[id] > 0 }

    /// The live id at `address`, if any.
    public func id(at address: UInt64) -> Int? { idsByAddress[address] }

    /// A new block of `size` bytes at `address` (aligned when `alignment` is given): `a` or `m`.
    /// - Returns: its id.
    @discardableResult
    public mutating func allocate(
        at address: UInt64, size: Int, alignment: Int? = nil, into sink: inout some AddressTraceSink
    )
        -> Int
    {
        freeStale(at: address, into: &sink)
        let id = sizesByID.count
        idsByAddress[address] = id
        sizesByID.append(size)
        counts.liveBlocks += 1
        liveBytes = Self.add(liveBytes, size)
        if let alignment {
            counts.alignedAllocations += 1
        } else {
            counts.allocations += 1
        }
        counts.events += 1
        sink.append(.traceAlloc(id: id, size: size, alignment: alignment))
        counts.peakLiveBytes = max(counts.peakLiveBytes, liveBytes)
        counts.peakLiveBlocks = max(counts.peakLiveBlocks, counts.liveBlocks)
        return id
    }

    /// Frees the block at `address`: `f`, or nothing (counted) when no block is live there.
    /// - Returns: the freed id.
    @discardableResult
    public mutating func free(at address: UInt64, into sink: inout some AddressTraceSink) -> Int? {
        guard let id = idsByAddress.removeValue(forKey: address) else {
            counts.unknownFrees += 1
            return nil
        }
        free(id: id, into: &sink)
        return id
    }

    /// The first half of a realloc: takes the block off `address`, keeping it live.
    /// - Returns: its id, or nil (counted) when no block is live there.
    public mutating func detach(at address: UInt64) -> Int? {
        guard let id = idsByAddress.removeValue(forKey: address) else {
            counts.unknownFrees += 1
            return nil
        }
        return id
    }

    /// The second half of a realloc: block `id` (from `detach`) now has `size` bytes at
    /// `address`: `r`. Without a live id (the old block was unknown) it is an allocation, `a`.
    /// - Returns: the block's id.
    @discardableResult
    public mutating func reattach(
        _ id: Int?, at address: UInt64, size: Int, into sink: inout some AddressTraceSink
    ) -> Int {
        guard let id, isLive(id) else { return allocate(at: address, size: size, into: &sink) }
        freeStale(at: address, into: &sink)
        let old = sizesByID[id]
        counts.peakLiveBytes = max(counts.peakLiveBytes, Self.add(liveBytes, size))
        liveBytes = Self.add(max(0, liveBytes - old), size)
        sizesByID[id] = size
        idsByAddress[address] = id
        counts.reallocs += 1
        counts.events += 1
        sink.append(.traceRealloc(id: id, size: size))
        return id
    }

    /// Frees every live block, in id order (a process that execs starts afresh), and forgets
    /// every address.
    public mutating func freeAll(into sink: inout some AddressTraceSink) {
        for id in sizesByID.indices where sizesByID[id] > 0 { free(id: id, into: &sink) }
        idsByAddress.removeAll()
    }

    private mutating func freeStale(at address: UInt64, into sink: inout some AddressTraceSink) {
        guard let stale = idsByAddress[address] else { return }
        counts.reusedLiveAddresses += 1
        free(id: stale, into: &sink)
    }

    private mutating func free(id: Int, into sink: inout some AddressTraceSink) {
        let size = sizesByID[id]
        guard size > 0 else { return }
        sizesByID[id] = 0
        counts.liveBlocks -= 1
        liveBytes -= min(size, liveBytes)
        counts.frees += 1
        counts.events += 1
        sink.append(.traceFree(id: id))
    }

    private static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}

/// Where `AddressIDs` puts the trace actions it makes: a trace's text, a list of statements.
public protocol AddressTraceSink {
    mutating func append(_ action: Action)
}
