import PoolAllocator
import PoolScript
import TestSupport
import Testing

/// `FreeListHeap`: malloc.py's free-list model, one test per rule and per quirk it keeps.
@Suite struct FreeListHeapTests {
    typealias Chunk = FreeListHeap.Chunk

    static func chunks(_ pairs: [(Int, Int)]) -> [Chunk] {
        pairs.map { Chunk(address: $0.0, size: $0.1) }
    }

    @Test func aRequestIsRoundedUpToTheMultipleThenTheHeaderIsAdded() throws {
        var heap = FreeListHeap(baseAddress: 1000, size: 100, headerSize: 4, sizeMultiple: 8)
        let result1 = try heap.malloc(5)
        #expect(result1 == .init(address: 1000, searched: 1))
        #expect(heap.allocatedSizes == [1000: 12])
        let result2 = try heap.malloc(8)
        #expect(result2 == .init(address: 1012, searched: 1))
        #expect(heap.allocatedSizes[1012] == 12)
        #expect(heap.freeList == Self.chunks([(1024, 76)]))
        #expect(heap.blockSize(forRequest: 0) == 4)
        #expect(heap.blockSize(forRequest: Int.max) == nil, "beyond Int: fits nothing")
    }

    @Test func firstFitStopsAtTheFirstThatFitsAndCountsOnlyWhatItLookedAt() throws {
        var heap = FreeListHeap(baseAddress: 0, size: 100, policy: .first, order: .insertBack)
        let a = try #require(try heap.malloc(10).address)
        _ = try heap.malloc(10)
        let c = try #require(try heap.malloc(30).address)
        _ = try heap.malloc(5)
        heap.free(a)
        heap.free(c)
        // List: [55,45] [0,10] [20,30]
        #expect(heap.freeList == Self.chunks([(55, 45), (0, 10), (20, 30)]))
        let result3 = try heap.malloc(20)
        #expect(result3 == .init(address: 55, searched: 1))
        let result4 = try heap.malloc(26)
        #expect(result4 == .init(address: 20, searched: 3))
    }

    @Test func bestAndWorstLookAtAllAndTheEarlierElementWinsATie() throws {
        for policy in [FreeListHeap.SearchPolicy.best, .worst] {
            var heap = FreeListHeap(baseAddress: 0, size: 60, policy: policy, order: .insertFront)
            let a = try #require(try heap.malloc(10).address)
            _ = try heap.malloc(5)
            let c = try #require(try heap.malloc(10).address)
            _ = try heap.malloc(35)
            heap.free(a)
            heap.free(c)
            // Two free 10s; the front one (c, freed last) is earlier in the list.
            #expect(heap.freeList == Self.chunks([(15, 10), (0, 10)]))
            let result5 = try heap.malloc(4)
            #expect(result5 == .init(address: 15, searched: 2), "\(policy)")
        }
    }

    @Test func aSplitRemainderKeepsItsPlaceEvenUnderSizeSort() throws {
        var heap = FreeListHeap(baseAddress: 0, size: 100, policy: .worst, order: .sizeAscending)
        let a = try #require(try heap.malloc(10).address)
        _ = try heap.malloc(10)
        heap.free(a)
        #expect(heap.freeList == Self.chunks([(0, 10), (20, 80)]))
        // Worst fit splits the 80 down to 5: the list is no longer sorted by size.
        _ = try heap.malloc(75)
        #expect(heap.freeList == Self.chunks([(0, 10), (95, 5)]))
    }

    @Test func theSortedOrdersAreStableAndDescendingKeepsTiesInListOrder() throws {
        var heap = FreeListHeap(baseAddress: 0, size: 40, policy: .first, order: .sizeDescending)
        let blocks = try (0..<4).map { _ in try #require(try heap.malloc(10).address) }
        heap.free(blocks[2])
        heap.free(blocks[0])
        #expect(heap.freeList == Self.chunks([(20, 10), (0, 10)]), "equal sizes keep list order")
        var ascending = FreeListHeap(baseAddress: 0, size: 40, policy: .first, order: .sizeAscending)
        let more = try (0..<4).map { _ in try #require(try ascending.malloc(10).address) }
        ascending.free(more[3])
        ascending.free(more[1])
        #expect(ascending.freeList == Self.chunks([(30, 10), (10, 10)]))
    }

    @Test func coalescingMergesOnlyWithTheNextElementInTheList() throws {
        var heap = FreeListHeap(baseAddress: 0, size: 30, policy: .first, order: .insertBack, coalesces: true)
        let blocks = try (0..<3).map { _ in try #require(try heap.malloc(10).address) }
        heap.free(blocks[1])
        heap.free(blocks[0])
        // [10,10] then [0,10]: neighbours in memory, but 0 does not follow 10's end in the list.
        #expect(heap.freeList == Self.chunks([(10, 10), (0, 10)]))
        heap.free(blocks[2])
        #expect(heap.freeList == Self.chunks([(10, 10), (0, 10), (20, 10)]))
        var sorted = FreeListHeap(baseAddress: 0, size: 30, policy: .first, order: .addressSorted, coalesces: true)
        let same = try (0..<3).map { _ in try #require(try sorted.malloc(10).address) }
        sorted.free(same[1])
        sorted.free(same[0])
        sorted.free(same[2])
        #expect(sorted.freeList == Self.chunks([(0, 30)]))
    }

    @Test func withoutCoalescingNeighboursStayApart() throws {
        var heap = FreeListHeap(baseAddress: 0, size: 20)
        let a = try #require(try heap.malloc(10).address)
        let b = try #require(try heap.malloc(10).address)
        heap.free(a)
        heap.free(b)
        #expect(heap.freeList == Self.chunks([(0, 10), (10, 10)]))
        let result6 = try heap.malloc(20)
        #expect(result6 == .init(address: nil, searched: 2))
    }

    @Test func insertFrontAndInsertBack() throws {
        for order in [FreeListHeap.ListOrder.insertFront, .insertBack] {
            var heap = FreeListHeap(baseAddress: 0, size: 30, order: order)
            let a = try #require(try heap.malloc(10).address)
            _ = try heap.malloc(10)
            heap.free(a)
            let expected = order == .insertFront ? [(0, 10), (20, 10)] : [(20, 10), (0, 10)]
            #expect(heap.freeList == Self.chunks(expected), "\(order)")
        }
    }

    @Test func anExactFitRemovesTheElementAndAFailureChangesNothing() throws {
        var heap = FreeListHeap(baseAddress: 0, size: 10)
        let result7 = try heap.malloc(10)
        #expect(result7 == .init(address: 0, searched: 1))
        #expect(heap.freeList.isEmpty)
        let before = heap
        let result8 = try heap.malloc(1)
        #expect(result8 == .init(address: nil, searched: 0))
        #expect(heap == before)
    }

    /// docs/semantics.md's example: the high-water mark is the end of the highest block ever,
    /// from the base, header and rounding included; peak live counts the bytes asked for.
    @Test func theFiguresAreTheHighestBlocksEndAndThePeakOfBytesAskedFor() throws {
        var heap = FreeListHeap(baseAddress: 1000, size: 100, headerSize: 4, sizeMultiple: 4)
        #expect(heap.figures == PoolFigures())
        let a = try #require(try heap.malloc(10).address)
        #expect(heap.figures == PoolFigures(highWater: 16, peakLive: 10))
        _ = try heap.malloc(5)
        #expect(heap.figures == PoolFigures(highWater: 28, peakLive: 15) && heap.liveBytes == 15)
        let freed = heap.free(a), again = heap.free(a)
        #expect(freed && !again, "returned -1 changes nothing")
        #expect(heap.liveBytes == 5)
        let c = try heap.malloc(3)
        #expect(c.address == 1000 && heap.liveBytes == 8)
        #expect(heap.figures == PoolFigures(highWater: 28, peakLive: 15))
        #expect(heap.figures.utilization.map { ($0 * 10_000).rounded() } == 5357)
        // A failure raises neither.
        let failed = try heap.malloc(90)
        #expect(failed.address == nil && heap.figures == PoolFigures(highWater: 28, peakLive: 15))
    }

    @Test func aSecondFreeOrAFreeOfNoBlockReturnsFalse() throws {
        var heap = FreeListHeap(baseAddress: 1000, size: 100)
        let a = try #require(try heap.malloc(10).address)
        let freed13 = heap.free(a)
        #expect(freed13)
        let freed14 = heap.free(a)
        #expect(!freed14)
        let freed15 = heap.free(1005)
        #expect(!freed15)
        #expect(heap.freeList == Self.chunks([(1000, 10), (1010, 90)]))
    }

    @Test func aZeroByteRequestWithoutAHeaderRecordsAZeroSizeBlockAndASecondOneCollides() throws {
        var heap = FreeListHeap(baseAddress: 1000, size: 100)
        let result9 = try heap.malloc(0)
        #expect(result9 == .init(address: 1000, searched: 1))
        #expect(heap.allocatedSizes == [1000: 0])
        #expect(heap.freeList == Self.chunks([(1000, 100)]), "a zero-size split leaves the element whole")
        let before = heap
        #expect(throws: FreeListHeap.AddressInUse(address: 1000)) { try heap.malloc(0) }
        #expect(throws: FreeListHeap.AddressInUse(address: 1000)) { try heap.malloc(5) }
        #expect(heap == before, "a collision changes nothing")
        // Freed, the zero-size block becomes a zero-size element of the list.
        let freed16 = heap.free(1000)
        #expect(freed16)
        #expect(heap.freeList == Self.chunks([(1000, 100), (1000, 0)]))
        let result10 = try heap.malloc(0)
        #expect(result10 == .init(address: 1000, searched: 2), "best fit takes the exact zero")
    }

    @Test func aZeroSizeHeapHoldsOnlyZeroByteBlocks() throws {
        var heap = FreeListHeap(baseAddress: 0, size: 0)
        let result11 = try heap.malloc(1)
        #expect(result11 == .init(address: nil, searched: 1))
        let result12 = try heap.malloc(0)
        #expect(result12 == .init(address: 0, searched: 1))
        #expect(heap.freeList.isEmpty)
    }

    /// Seeded random operations under every policy, order and coalescing, checked against the
    /// invariants (also checked after every mutation in debug builds) and the byte count.
    @Test(arguments: FreeListHeap.SearchPolicy.allCases)
    func randomOperationsKeepTheHeapPartitioned(policy: FreeListHeap.SearchPolicy) throws {
        var generator = SplitMix64(seed: 0xF1EE + UInt64(FreeListHeap.SearchPolicy.allCases.firstIndex(of: policy)!))
        for order in FreeListHeap.ListOrder.allCases {
            for coalesces in [false, true] {
                var heap = FreeListHeap(
                    baseAddress: 64, size: 512, headerSize: 2, sizeMultiple: 4, policy: policy, order: order,
                    coalesces: coalesces)
                var live: [Int] = []
                for _ in 0..<300 {
                    if generator.chance(50) || live.isEmpty {
                        if let address = try heap.malloc(1 + generator.below(40)).address {
                            live.append(address)
                        }
                    } else {
                        let index = live.remove(at: generator.below(live.count))
                        let freed = heap.free(index)
                        #expect(freed)
                    }
                    heap.verifyInvariants()
                }
                let allocated = heap.allocatedSizes.values.reduce(0, +)
                #expect(allocated + heap.freeList.map(\.size).reduce(0, +) == 512)
            }
        }
    }
}
