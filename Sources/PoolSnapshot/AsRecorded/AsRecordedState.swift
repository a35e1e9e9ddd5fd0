import PoolAllocator

/// What the device held at one moment of an as-recorded run: the blocks at their offsets in
/// the compacted address space (a `MemoryPool` filled with `place`), which of them await their
/// stream (`free_requested`, still in use), and the segments reserved.
public struct AsRecordedState: Sendable {
    /// The blocks, at `space`'s offsets; free bytes are free whether reserved or not.
    public internal(set) var pool: MemoryPool
    /// The offsets of blocks whose free was requested and not yet completed.
    public internal(set) var pendingOffsets: Set<Int> = []
    /// The bytes of those blocks.
    public internal(set) var pendingBytes = 0
    var reserved = ReservedSegments()
    /// The addresses the offsets stand for.
    public let space: RecordedAddressSpace

    /// An empty device over `space`.
    init(space: RecordedAddressSpace) {
        self.space = space
        // A snapshot that reserved nothing still gets a pool: one unreserved byte.
        pool = try! MemoryPool(totalSize: max(1, space.totalSize))  // cannot throw: the size is positive
    }

    /// The segments reserved now, in address order.
    public var segments: [RecordedSegment] { reserved.segments }

    /// The segment holding device address `address`, if one is reserved there.
    public func segment(holding address: Int) -> RecordedSegment? { reserved.segment(holding: address) }

    // MARK: Changes (each returns why it could not be made, or nil)

    /// A block of `size` bytes at device address `address`.
    mutating func allocate(address: Int, size: Int) -> String? {
        guard let range = space.offsets(of: address, size: size) else {
            return "alloc of \(size) bytes at \(SnapshotReplay.address(address)) is outside the address space"
        }
        do {
            try pool.place(size, at: range.lowerBound)
            return nil
        } catch {
            return "alloc at \(SnapshotReplay.address(address)): \(error)"
        }
    }

    /// The block at `address` awaits its stream.
    mutating func requestFree(address: Int) -> String? {
        guard let offset = space.offset(of: address), let block = pool.block(at: offset) else {
            return "free_requested of \(SnapshotReplay.address(address)), which holds no block"
        }
        if pendingOffsets.insert(offset).inserted { pendingBytes += block.size }
        return nil
    }

    /// The block at `address` is free.
    mutating func completeFree(address: Int) -> String? {
        guard let offset = space.offset(of: address), let block = pool.block(at: offset) else {
            return "free_completed of \(SnapshotReplay.address(address)), which holds no block"
        }
        try! pool.free(offset)  // cannot throw: a block starts at `offset`
        if pendingOffsets.remove(offset) != nil { pendingBytes -= block.size }
        return nil
    }

    /// `segment_alloc`/`segment_map`.
    mutating func reserve(_ segment: RecordedSegment) { reserved.reserve(segment) }

    /// `segment_free`/`segment_unmap`.
    mutating func release(address: Int, size: Int) { reserved.release(address: address, size: size) }
}
