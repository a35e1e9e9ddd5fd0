import BenchmarkSupport

/// The churn workload of `docs/benchmarks.md`, generated once into op words so
/// that every allocator replays exactly the same sequence with the same decoding cost.
///
/// One `UInt32` word per op, the same word the op-stream hash covers:
/// an allocation is `size | (aligned ? 0x10000 : 0)`, a free is `0x8000_0000 | i`
/// (free `live[i]`, then move the last live entry into slot `i`).
struct ChurnWorkload {
    /// Ops of the churn phase (the timed part).
    static let churnOpCount = 1_000_000
    static let freeFlag: UInt32 = 0x8000_0000
    static let alignedFlag: UInt32 = 0x1_0000
    static let alignment = 256

    /// Target live-block count.
    let n: Int
    /// `n * 4096 * 2` bytes.
    let poolSize: Int
    /// `n` allocations.
    let fill: [UInt32]
    /// `churnOpCount` allocations and frees.
    let churn: [UInt32]
    /// The FNV-1a-style hash of the op stream, fill then churn.
    let opStreamHash: UInt64
    /// Lowest and highest live count during the churn phase (it starts at `n`).
    let liveRange: ClosedRange<Int>
    /// Live entries after the churn phase.
    let finalLiveCount: Int

    init(n: Int) {
        self.n = n
        poolSize = n * 4096 * 2
        var random = SplitMix64(state: 42)
        func drawAlloc() -> UInt32 {
            let size = UInt32(16 * (1 + random.next() % 256))
            let aligned = random.next() % 4 == 0
            return size | (aligned ? Self.alignedFlag : 0)
        }
        var fill: [UInt32] = []
        fill.reserveCapacity(n)
        for _ in 0..<n { fill.append(drawAlloc()) }

        var churn: [UInt32] = []
        churn.reserveCapacity(Self.churnOpCount)
        var live = n, lowest = n, highest = n
        for _ in 0..<Self.churnOpCount {
            let r = random.next()
            if r % 2 == 0 && live > 0 {
                let i = random.next() % UInt64(live)
                churn.append(Self.freeFlag | UInt32(i))
                live -= 1
            } else {
                churn.append(drawAlloc())
                live += 1
            }
            lowest = min(lowest, live)
            highest = max(highest, live)
        }
        self.fill = fill
        self.churn = churn
        liveRange = lowest...highest
        finalLiveCount = live

        var hash = FNV1a()
        for word in fill { hash.add(word) }
        for word in churn { hash.add(word) }
        opStreamHash = hash.value
    }

    /// Expected hashes from the workload document: (op stream, offsets of an exact first fit).
    static let expectedHashes: [Int: (opStream: UInt64, offsets: UInt64)] = [
        1_000: (0x0477_d4a0_5164_0b5e, 0x7015_47b7_4ee2_6e61),
        10_000: (0x3eb4_ce2a_01ef_685e, 0x09d7_f362_9f8d_7a7b),
        100_000: (0xa9b0_6a5e_f00b_1ac5, 0x1b15_6651_5b46_66e3),
        1_000_000: (0xb95c_6d11_4a9d_7c30, 0xc0c3_022a_5f72_9249),
    ]
}

/// The document's op-stream hash: FNV-1a steps over the little-endian bytes of each word,
/// from its own start value (not the usual FNV offset basis).
struct FNV1a {
    static let start: UInt64 = 0x1465_0fb0_739d_0383
    static let prime: UInt64 = 0x100_0000_01b3
    private(set) var value = start

    mutating func add(_ word: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) {
            value = (value ^ UInt64((word >> UInt32(shift)) & 0xff)) &* Self.prime
        }
    }
}

/// The document's offsets hash: `h = (h ^ offset) &* prime` per churn-phase allocation.
struct OffsetHash {
    private(set) var value = FNV1a.start

    mutating func add(_ offset: Int) {
        value = (value ^ UInt64(bitPattern: Int64(offset))) &* FNV1a.prime
    }
}
