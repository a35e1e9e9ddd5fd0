#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distinct strings of a pickle, each kept once: a string read again — the same action,
/// file or function name in a million events — is found by its bytes and becomes the same
/// index, without making a `String` again.
struct PickleStringTable {
    /// The strings by index.
    private(set) var strings: [String] = []
    /// For each string, the first string equal to it as Swift compares strings (canonical
    /// equivalence): two spellings of `é` are one dict key, as they are in `PickleDict`.
    private(set) var canonical: [Int] = []
    private var indexByText: [String: Int] = [:]
    /// Where each string's bytes lie in the pickle (its first occurrence).
    private var spans: [(start: Int, count: Int)] = []
    /// Open addressing by the bytes' hash: string index + 1, 0 for an empty slot.
    private var slots = [Int](repeating: 0, count: 1024)

    /// The index of the string in `bytes[start ..< start + count]`, added if new; nil when the
    /// bytes are not UTF-8.
    /// - Complexity: O(count) expected.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, count: Int) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(bytes, start: start, count: count)) & mask
        while slots[slot] != 0 {
            let index = slots[slot] - 1
            if spans[index].count == count
                && (count == 0
                    || memcmp(bytes.baseAddress! + spans[index].start, bytes.baseAddress! + start, count) == 0)
            {
                return index
            }
            slot = (slot + 1) & mask
        }
        guard
            let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<(start + count)]), as: UTF8.self)
        else { return nil }
        let index = strings.count
        strings.append(text)
        spans.append((start, count))
        if let equal = indexByText[text] {
            canonical.append(equal)
        } else {
            indexByText[text] = index
            canonical.append(index)
        }
        slots[slot] = index + 1
        if strings.count * 2 > slots.count { grow(bytes) }
        return index
    }

    private mutating func grow(_ bytes: UnsafeBufferPointer<UInt8>) {
        slots = [Int](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, span) in spans.enumerated() {
            var slot = Int(truncatingIfNeeded: Self.hash(bytes, start: span.start, count: span.count)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = index + 1
        }
    }

    /// FNV-1a of the bytes: strings here are short (names and paths), so byte by byte is enough.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, count: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for offset in start..<(start + count) { hash = (hash ^ UInt64(bytes[offset])) &* 0x100_0000_01b3 }
        return hash
    }
}
