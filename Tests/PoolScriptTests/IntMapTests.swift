import PoolAllocator
import TestSupport
import Testing

@testable import PoolScript

/// `IntMap` against `Dictionary`: the same answers after any sequence of sets and removals.
@Suite struct IntMapTests {
    @Test(arguments: [1, 2, 3, 4])
    func agreesWithADictionary(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var map = IntMap()
        var model: [Int: Int] = [:]
        // Few distinct keys, so that sets, overwrites, removals and long probe runs all happen;
        // some keys collide on purpose (multiples of a large power of two).
        let keyRange = random.pick([16, 200, 5000])
        for step in 0..<20_000 {
            let key = random.chance(10) ? random.below(8) << 40 : random.below(keyRange)
            switch random.below(4) {
            case 0, 1:
                let value = random.below(1000)
                map[key] = value
                model[key] = value
            case 2:
                #expect(map.removeValue(forKey: key) == model.removeValue(forKey: key), "seed \(seed) step \(step)")
            default:
                map[key] = nil
                model[key] = nil
            }
            #expect(map.count == model.count, "seed \(seed) step \(step)")
            if step % 997 == 0 {
                for (key, value) in model { #expect(map[key] == value, "seed \(seed) step \(step) key \(key)") }
                #expect(Dictionary(uniqueKeysWithValues: map.entries.map { ($0.key, $0.value) }) == model)
            }
        }
        for key in 0..<keyRange { #expect(map[key] == model[key], "seed \(seed) key \(key)") }
    }

    @Test func valueSemanticsAndEquality() {
        var a: IntMap = [1: 10, 2: 20]
        let b = a
        a[3] = 30
        #expect(b.count == 2 && b[3] == nil && a[3] == 30)
        var c = IntMap()
        for key in (0..<100).reversed() { c[key] = key }
        var d = IntMap()
        for key in 0..<100 { d[key] = key }
        #expect(c == d)
        d[50] = 0
        #expect(c != d)
        #expect(c[-1] == nil && c.removeValue(forKey: -5) == nil)
    }

    /// The prefetch hint computes a slot's address from its chunk's: the offset it adds must
    /// land on the chunk's first word (a wrong one would only make the hint useless, silently).
    @Test func theWordsOffsetLandsOnAChunksFirstWord() {
        let chunk = IntMapChunk.make(words: 4, emptyKey: 7)
        chunk[0] = 123
        chunk[3] = 456
        let object = UnsafeRawPointer(Unmanaged.passUnretained(chunk).toOpaque())
        #expect((object + IntMapChunk.wordsOffset).load(as: Int.self) == 123)
        #expect((object + IntMapChunk.wordsOffset + 3 * MemoryLayout<Int>.stride).load(as: Int.self) == 456)
        #expect(chunk.copy()[3] == 456 && chunk[2] == 7)
        withExtendedLifetime(chunk) {}
        var map: IntMap = [5: 50]
        map.prefetch(5)
        map.prefetch(-1)
        map[6] = 60
        #expect(map[5] == 50 && map[6] == 60, "a prefetch changes nothing")
    }

    /// A copy that changes one entry copies one chunk and the list of chunks, not the table.
    @Test func copiesShareTheirChunks() {
        var map = IntMap()
        for key in 0..<100_000 { map[key] = key * 2 }
        var tally = StorageTally()
        map.countStorage(in: &tally)
        let whole = tally.bytes
        var changed = map
        changed[12_345] = 0
        changed.countStorage(in: &tally)
        let added = tally.bytes - whole
        #expect(added > 0 && added * 20 < whole, "\(added) of \(whole) bytes")
        map.countStorage(in: &tally)
        #expect(tally.bytes == whole + added, "the original was counted already")
        #expect(map[12_345] == 24_690 && changed[12_345] == 0, "copies stay independent")
    }
}
