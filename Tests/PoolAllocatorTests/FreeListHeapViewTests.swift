import PoolAllocator
import PoolScript
import TestSupport
import Testing

/// What the map, the panel and the search walk read from `FreeListHeap`: its spans (headers,
/// payload, the rounding's padding, free elements and their boundaries), its figures, and the
/// search made visible, checked against `malloc` itself for every policy and list order.
@Suite struct FreeListHeapViewTests {
    typealias Span = FreeListHeap.Span

    @Test func spansSplitEachBlockIntoHeaderPayloadAndTheRoundingsPadding() throws {
        var heap = FreeListHeap(baseAddress: 1000, size: 40, headerSize: 4, sizeMultiple: 4)
        _ = try heap.malloc(5)  // 8 rounded + 4 header = 12 bytes at 1000
        _ = try heap.malloc(4)  // 4 + 4 = 8 bytes at 1012
        #expect(
            heap.spans == [
                Span(bytes: 0..<4, kind: .header, ordinal: 0, followsFree: false),
                Span(bytes: 4..<9, kind: .payload, ordinal: 0, followsFree: false),
                Span(bytes: 9..<12, kind: .padding, ordinal: 0, followsFree: false),
                Span(bytes: 12..<16, kind: .header, ordinal: 1, followsFree: false),
                Span(bytes: 16..<20, kind: .payload, ordinal: 1, followsFree: false),
                Span(bytes: 20..<40, kind: .free, ordinal: 0, followsFree: false),
            ])
        #expect(heap.stats.padding == 3 && heap.stats.used == 20 && heap.stats.free == 20)
    }

    @Test func adjacentFreeElementsStayTwoWithoutCoalescingAndOneWithIt() throws {
        for coalesces in [false, true] {
            var heap = FreeListHeap(baseAddress: 0, size: 30, coalesces: coalesces)
            let a = try #require(try heap.malloc(10).address)
            let b = try #require(try heap.malloc(10).address)
            heap.free(a)
            heap.free(b)
            let free = heap.spans.filter { $0.kind == .free }
            if coalesces {
                #expect(free == [Span(bytes: 0..<30, kind: .free, ordinal: 0, followsFree: false)])
            } else {
                #expect(free.map(\.bytes) == [0..<10, 10..<20, 20..<30])
                #expect(free.map(\.followsFree) == [false, true, true], "each boundary is marked")
                #expect(heap.stats.freeBlockCount == 3 && heap.stats.largestFree == 10)
            }
        }
    }

    @Test func theSearchWalksTheListInListOrderWithMallocsCountAndChoice() throws {
        var draws = SplitMix64(seed: 23)
        for policy in FreeListHeap.SearchPolicy.allCases {
            for order in FreeListHeap.ListOrder.allCases {
                for coalesces in [false, true] {
                    var heap = FreeListHeap(
                        baseAddress: 1000, size: 200, headerSize: 2, sizeMultiple: 4, policy: policy,
                        order: order, coalesces: coalesces)
                    var live: [Int] = []
                    for _ in 0..<120 {
                        if live.isEmpty || !draws.chance(35) {
                            let requested = draws.below(30) + 1
                            let search = try #require(heap.search(forRequest: requested))
                            let listed = heap.freeList
                            let allocation = try heap.malloc(requested)
                            #expect(search.looks.count == allocation.searched, "\(policy) \(order)")
                            #expect(search.offset.map { $0 + 1000 } == allocation.address, "\(policy) \(order)")
                            #expect(
                                search.looks.map(\.start)
                                    == listed.prefix(search.looks.count).map { $0.address - 1000 },
                                "looks follow the list")
                            for look in search.looks {
                                #expect((look.verdict == .fits) == (look.length >= search.size))
                            }
                            if let address = allocation.address { live.append(address) }
                        } else {
                            heap.free(live.remove(at: draws.below(live.count)))
                        }
                        let spans = heap.spans
                        #expect(spans.first?.bytes.lowerBound == 0 && spans.last?.bytes.upperBound == 200)
                        #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.bytes.upperBound == $1.bytes.lowerBound })
                    }
                }
            }
        }
    }

    @Test func aRequestOfNoBytesHasNoSearchToShow() {
        #expect(FreeListHeap(baseAddress: 0, size: 10).search(forRequest: 0) == nil)
        #expect(FreeListHeap(baseAddress: 0, size: 10, headerSize: 1).search(forRequest: Int.max) == nil, "beyond Int")
    }
}
