import OSTEPSimulator
import Testing

/// The Mersenne Twister against draws recorded from CPython 3.11 (`random.seed(s, version=1)`,
/// then `random.random()` printed with `float.hex`, and `random.getrandbits(32)`).
@Suite struct PythonRandomTests {
    struct Recorded: Sendable {
        let seed: Int
        let doubles: [Double]
        let words: [UInt32]
    }

    static let recorded = [
        Recorded(
            seed: 0,
            doubles: [0x1.b0580f98a7dbep-1, 0x1.84129978f9c1ap-1, 0x1.aeaa51052e978p-2, 0x1.092178fb945a6p-2],
            words: [3_626_764_237, 1_654_615_998, 3_255_389_356]),
        Recorded(
            seed: 1,
            doubles: [0x1.132d8f91b7584p-3, 0x1.b1e2d5b3584f8p-1, 0x1.870d778409f13p-1, 0x1.0530d08f17f5cp-2],
            words: [577_090_037, 2_444_712_010, 3_639_700_191]),
        Recorded(
            seed: (1 << 32) + 5,
            doubles: [0x1.4218067c49768p-3, 0x1.21442cf1e9172p-2, 0x1.357affb575f81p-1, 0x1.dbe785ae59e00p-7],
            words: [675_479_763, 2_085_189_291, 1_213_270_837]),
        Recorded(
            seed: (1 << 40) + 7,
            doubles: [0x1.3a3761afd4291p-1, 0x1.a13cb57c0715ap-1, 0x1.e3d88c68edf49p-1, 0x1.240a3fed28776p-1],
            words: [2_635_837_658, 3_209_733_218, 3_500_038_837]),
        Recorded(
            seed: Int.max,
            doubles: [0x1.443e8e5409ca6p-2, 0x1.43346b887de9dp-1, 0x1.9b6b765f6b847p-1, 0x1.d058d20dfba84p-2],
            words: [1_359_979_423, 2_819_855_560, 2_711_238_091]),
    ]

    @Test(arguments: recorded.map(\.seed))
    func randomMatchesCPythonsFirstDraws(seed: Int) {
        let expected = Self.recorded.first { $0.seed == seed }!
        var random = PythonRandom(seed: seed)
        #expect((0..<4).map { _ in random.random() } == expected.doubles)
        var words = PythonRandom(seed: seed)
        #expect((0..<3).map { _ in words.nextUInt32() } == expected.words)
    }

    @Test(arguments: recorded.map(\.seed).filter { $0 != 0 })
    func aNegativeSeedDrawsAsItsAbsoluteValue(seed: Int) {
        var positive = PythonRandom(seed: seed)
        var negative = PythonRandom(seed: -seed)
        #expect((0..<8).map { _ in positive.random() } == (0..<8).map { _ in negative.random() })
    }

    /// Past the first 624 words the state is regenerated: a draw there is still CPython's
    /// (`random.seed(0, version=1)`, then 1000 `random()` calls; the 1000th).
    @Test func drawsAfterTheStateIsRegeneratedMatch() {
        var random = PythonRandom(seed: 0)
        for _ in 0..<999 { _ = random.random() }
        #expect(random.random() == Self.thousandthDrawOfSeed0)
    }

    static let thousandthDrawOfSeed0 = 0x1.ebf1437477ccep-2
}
