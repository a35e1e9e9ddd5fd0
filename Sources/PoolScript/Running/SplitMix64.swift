/// A tiny, fast, seeded pseudo-random generator (Steele, Lea & Flood's SplitMix64).
///
/// Used wherever poolmap draws random operations, so that a seed always gives the same
/// sequence on every machine and toolchain. The bounded draws below are written out here
/// rather than taken from the standard library, whose algorithms may change between releases.
public struct SplitMix64: RandomNumberGenerator, Equatable, Hashable, Sendable {
    /// The generator's whole state; the next output is a function of it alone.
    public private(set) var state: UInt64

    /// A generator whose sequence is determined by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    /// - Complexity: O(1).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly distributed value in `0 ..< bound` (0 when `bound <= 1`), without modulo bias:
    /// draws that fall in the incomplete last copy of `bound` are rejected and redrawn.
    mutating func uniform(below bound: UInt64) -> UInt64 {
        guard bound > 1 else { return 0 }
        // The largest multiple of `bound` that fits in 2^64, minus one, is the last accepted value.
        let rejectFrom = (UInt64.max - bound + 1) % bound  // = 2^64 mod bound
        while true {
            let value = next()
            if value >= rejectFrom { return value % bound }
        }
    }

    /// A uniformly distributed integer in `range` (its lower bound when the range is empty).
    mutating func uniform(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound))
        if span == UInt64.max { return Int(Int64(bitPattern: next())) }
        return range.lowerBound &+ Int(Int64(bitPattern: uniform(below: span + 1)))
    }

    /// `true` with probability `numerator / denominator`.
    mutating func chance(_ numerator: UInt64, in denominator: UInt64) -> Bool {
        uniform(below: denominator) < numerator
    }
}
