import Testing

@testable import PoolScript

@Suite struct AddressIDsTests {
    struct Actions: AddressTraceSink {
        var actions: [Action] = []
        mutating func append(_ action: Action) { actions.append(action) }
    }

    @Test func aNewIDEachTimeAnAddressIsHandedOut() {
        var ids = AddressIDs()
        var out = Actions()
        ids.allocate(at: 0x10, size: 8, into: &out)
        ids.free(at: 0x10, into: &out)
        ids.allocate(at: 0x10, size: 4, alignment: 64, into: &out)
        ids.free(at: 0x99, into: &out)  // never allocated: left out, counted
        ids.allocate(at: 0x10, size: 2, into: &out)  // still live there: the earlier block is freed first
        #expect(
            out.actions == [
                .traceAlloc(id: 0, size: 8, alignment: nil), .traceFree(id: 0),
                .traceAlloc(id: 1, size: 4, alignment: 64), .traceFree(id: 1),
                .traceAlloc(id: 2, size: 2, alignment: nil),
            ])
        #expect(ids.counts.unknownFrees == 1 && ids.counts.reusedLiveAddresses == 1)
        #expect(ids.counts.events == 5 && ids.counts.liveBlocks == 1 && ids.counts.peakLiveBlocks == 1)
        #expect(ids.isLive(2) && !ids.isLive(1) && ids.nextID == 3)
    }

    @Test func aReallocKeepsItsIDAndCountsBothBlocksAtItsPeak() {
        var ids = AddressIDs()
        var out = Actions()
        ids.allocate(at: 0x10, size: 100, into: &out)
        let id = ids.detach(at: 0x10)
        ids.allocate(at: 0x10, size: 1, into: &out)  // another thread gets the old address meanwhile
        ids.reattach(id, at: 0x20, size: 200, into: &out)
        ids.reattach(ids.detach(at: 0x30), at: 0x40, size: 5, into: &out)  // unknown old block: an allocation
        #expect(
            out.actions == [
                .traceAlloc(id: 0, size: 100, alignment: nil), .traceAlloc(id: 1, size: 1, alignment: nil),
                .traceRealloc(id: 0, size: 200), .traceAlloc(id: 2, size: 5, alignment: nil),
            ])
        #expect(ids.counts.peakLiveBytes == 301 && ids.counts.reallocs == 1 && ids.counts.unknownFrees == 1)
        ids.freeAll(into: &out)
        #expect(out.actions.suffix(3) == [.traceFree(id: 0), .traceFree(id: 1), .traceFree(id: 2)])
        #expect(ids.id(at: 0x20) == nil && ids.counts.liveBlocks == 0)
    }
}
