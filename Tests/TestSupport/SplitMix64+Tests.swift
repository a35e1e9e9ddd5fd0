import PoolScript

/// The draws randomized tests use, on poolmap's own seeded generator. Fixed seeds make every
/// randomized failure reproducible; the tests print the seed when they fail.
extension SplitMix64 {
    /// A value in `0 ..< bound` (0 when `bound < 2`); modulo bias is irrelevant for tests.
    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(max(1, bound)))
    }

    /// True with probability `percent`/100.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }
}
