/// CPython's `random` module, as far as malloc.py uses it: the Mersenne Twister MT19937
/// seeded from an integer and `random()`, bit for bit (CPython's `Modules/_randommodule.c`:
/// `init_by_array`, `genrand_uint32`, `genrand_res53`; `Lib/random.py`: `seed`).
package struct PythonRandom: Sendable {
    private static let stateCount = 624
    private static let shift = 397
    private var state: [UInt32]
    private var index: Int

    /// `random.seed(seed)` for an integer: the key is the 32-bit words of `|seed|`, least
    /// significant first (`[0]` for 0), so a seed and its negation give the same draws.
    /// - Complexity: O(624).
    package init(seed: Int) {
        var magnitude = seed.magnitude
        var key: [UInt32] = []
        repeat {
            key.append(UInt32(truncatingIfNeeded: magnitude))
            magnitude >>= 32
        } while magnitude != 0
        self.init(key: key)
    }

    /// `init_by_array(key)`.
    private init(key: [UInt32]) {
        let count = Self.stateCount
        state = [UInt32](repeating: 0, count: count)
        state[0] = 19_650_218
        for i in 1..<count {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
        index = count
        var i = 1
        var j = 0
        for _ in 0..<max(count, key.count) {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1
            j += 1
            if i >= count {
                state[0] = state[count - 1]
                i = 1
            }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<(count - 1) {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= count {
                state[0] = state[count - 1]
                i = 1
            }
        }
        state[0] = 0x8000_0000
    }

    /// The next 32-bit output (`genrand_uint32`; Python's `getrandbits(32)`).
    /// - Complexity: O(1) amortized (624 words are regenerated every 624 draws).
    package mutating func nextUInt32() -> UInt32 {
        if index >= Self.stateCount { regenerate() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// `random.random()`: a double in `0 ..< 1` from 53 bits of two draws (`genrand_res53`).
    /// - Complexity: O(1) amortized.
    package mutating func random() -> Double {
        let high = Double(nextUInt32() >> 5)
        let low = Double(nextUInt32() >> 6)
        return (high * 67_108_864.0 + low) * (1.0 / 9_007_199_254_740_992.0)
    }

    private mutating func regenerate() {
        let count = Self.stateCount
        func twisted(_ upper: UInt32, _ lower: UInt32) -> UInt32 {
            let y = (upper & 0x8000_0000) | (lower & 0x7FFF_FFFF)
            return (y >> 1) ^ ((y & 1) == 0 ? 0 : 0x9908_B0DF)
        }
        for k in 0..<count {
            state[k] = state[(k + Self.shift) % count] ^ twisted(state[k], state[(k + 1) % count])
        }
        index = 0
    }
}
