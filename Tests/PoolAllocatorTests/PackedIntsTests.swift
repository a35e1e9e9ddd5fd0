import Testing

@testable import PoolAllocator

@Suite struct PackedIntsTests {
    @Test func valuesComeBackWhetherTheyFitIn32BitsOrNot() {
        var list = PackedInts(capacity: 4)
        let narrow = [0, 7, -5, Int(Int32.max), Int(Int32.min)]
        for value in narrow { list.append(value) }
        var narrowTally = StorageTally()
        list.countStorage(in: &narrowTally)
        let wide = [Int(Int32.max) + 1, -(1 << 40), 3]
        for value in wide { list.append(value) }
        #expect(list.count == narrow.count + wide.count)
        #expect((0..<list.count).map { list[$0] } == narrow + wide)
        // 32 bits a value until one needs more, then 64.
        var wideTally = StorageTally()
        list.countStorage(in: &wideTally)
        #expect(narrowTally.bytes < StorageTally.arrayHeaderBytes + 5 * 8)
        #expect(wideTally.bytes >= StorageTally.arrayHeaderBytes + 8 * 8)
    }

    @Test func aBufferAppendsLikeItsValuesOneByOne() {
        let values = [1, -2, 3, 1 << 35, 4]
        for split in 0...values.count {
            var list = PackedInts(capacity: 0)
            values[..<split].withUnsafeBufferPointer { list.append(contentsOf: $0) }
            values[split...].withUnsafeBufferPointer { list.append(contentsOf: $0) }
            #expect((0..<list.count).map { list[$0] } == values, "split at \(split)")
        }
    }
}
