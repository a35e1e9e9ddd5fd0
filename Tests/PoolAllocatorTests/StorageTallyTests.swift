import Testing

@testable import PoolAllocator

/// `StorageTally` and `MemoryPool.countStorage`: storage shared by snapshots is counted once,
/// and a mutation adds only the nodes it copied.
@Suite struct StorageTallyTests {
    /// A first-fit pool of `blocks` blocks of 64 bytes, every other one freed.
    static func pool(blocks: Int, policy: FitPolicy = .first) throws -> MemoryPool {
        var pool = try MemoryPool(totalSize: blocks * 64, policy: policy)
        var offsets: [Int] = []
        for _ in 0..<blocks { offsets.append(try pool.alloc(64)!) }
        for (index, offset) in offsets.enumerated() where index % 2 == 0 { try pool.free(offset) }
        return pool
    }

    @Test func aPoolAloneIsCountedWholeAndACopyAddsNothing() throws {
        let pool = try Self.pool(blocks: 5000)
        var tally = StorageTally()
        pool.countStorage(in: &tally)
        // Everything the allocator owns but the pool value itself.
        #expect(tally.bytes == pool.bookkeepingBytes - MemoryLayout<MemoryPool>.stride)
        let copy = pool
        let before = tally.bytes
        copy.countStorage(in: &tally)
        #expect(tally.bytes == before, "a copy shares every node")
    }

    @Test(arguments: [FitPolicy.first, .best])
    func aMutatedCopyAddsOnlyThePathItCopied(policy: FitPolicy) throws {
        let pool = try Self.pool(blocks: 5000, policy: policy)
        var tally = StorageTally()
        pool.countStorage(in: &tally)
        let whole = tally.bytes
        var changed = pool
        try changed.free(64)  // the second block: merges with both free neighbours
        changed.countStorage(in: &tally)
        let added = tally.bytes - whole
        #expect(added > 0, "the copied path is new")
        #expect(added * 10 < whole, "only the path: \(added) of \(whole) bytes")
        // Counting either again adds nothing.
        pool.countStorage(in: &tally)
        changed.countStorage(in: &tally)
        #expect(tally.bytes == whole + added)
    }

    @Test func arraysAndObjectsAreCountedOnce() {
        var tally = StorageTally()
        let array = [Int](repeating: 7, count: 100)
        let same = array
        let first = tally.count(buffer: array)
        let again = tally.count(buffer: same)
        #expect(first && !again, "a copy shares the buffer")
        #expect(tally.bytes == StorageTally.arrayHeaderBytes + array.capacity * 8)
        let empty = tally.count(buffer: [Int]())
        #expect(!empty, "an empty array holds nothing of its own")
        var changed = array
        changed[0] = 8
        let copied = tally.count(buffer: changed)
        #expect(copied, "a changed copy has its own buffer")
        tally.add(unshared: 10)
        #expect(tally.bytes == 2 * (StorageTally.arrayHeaderBytes + array.capacity * 8) + 10)
    }
}
