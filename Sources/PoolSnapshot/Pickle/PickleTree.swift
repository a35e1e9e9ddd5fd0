/// A pickle of plain data held compactly: the same values `PickleReader` builds as a
/// `PickleValue` tree, but as plain words — a container is an index into `containers`, whose
/// items lie side by side in `items`, and a string is an index into `strings`, each distinct
/// string kept once. Nothing in it is reference-counted, so a snapshot of 10⁶ events costs a
/// few flat arrays instead of millions of dicts, arrays and strings (docs/benchmarks.md).
///
/// What the pickler shared stays shared: a value BINGET recalls is the same word, so a frame
/// every event names is one container however many events name it.
package struct PickleTree {
    /// A value in one word: its kind in the low 3 bits, above them an integer of up to 61 bits
    /// or an index (into `wideIntegers`, `floats`, `strings` or `containers`).
    package struct Ref: Hashable {
        let bits: UInt64

        private static let noneTag: UInt64 = 0, boolTag: UInt64 = 1, intTag: UInt64 = 2, wideIntTag: UInt64 = 3
        private static let floatTag: UInt64 = 4, stringTag: UInt64 = 5, containerTag: UInt64 = 6

        private init(_ tag: UInt64, _ payload: UInt64) { bits = payload << 3 | tag }

        static let none = Ref(noneTag, 0)
        static func bool(_ flag: Bool) -> Ref { Ref(boolTag, flag ? 1 : 0) }
        /// An integer that fits in 61 bits, in place; nil for a wider one.
        static func int(_ value: Int) -> Ref? {
            guard value >= -(1 << 60) && value < 1 << 60 else { return nil }
            return Ref(intTag, UInt64(bitPattern: Int64(value)))
        }
        static func wideInt(_ index: Int) -> Ref { Ref(wideIntTag, UInt64(index)) }
        static func float(_ index: Int) -> Ref { Ref(floatTag, UInt64(index)) }
        static func string(_ index: Int) -> Ref { Ref(stringTag, UInt64(index)) }
        static func container(_ index: Int) -> Ref { Ref(containerTag, UInt64(index)) }

        private var payload: Int { Int(bits >> 3) }
        var stringIndex: Int? { bits & 7 == Self.stringTag ? payload : nil }
        var containerIndex: Int? { bits & 7 == Self.containerTag ? payload : nil }
        var isKey: Bool { bits & 7 == Self.stringTag || bits & 7 == Self.intTag || bits & 7 == Self.wideIntTag }

        /// The value, its integer or float read from `tree`'s tables.
        func value(in wideIntegers: [Int], _ floats: [Double]) -> Value {
            switch bits & 7 {
            case Self.noneTag: return .none
            case Self.boolTag: return .bool(payload != 0)
            case Self.intTag: return .int(Int(Int64(bitPattern: bits) >> 3))
            case Self.wideIntTag: return .int(wideIntegers[payload])
            case Self.floatTag: return .float(floats[payload])
            case Self.stringTag: return .string(payload)
            default: return .container(payload)
            }
        }
    }

    /// A value as its kind and contents.
    package enum Value: Equatable {
        case none
        case bool(Bool)
        case int(Int)
        case float(Double)
        /// An index into `strings`.
        case string(Int)
        /// An index into `containers`.
        case container(Int)
    }

    /// A list, tuple or dict: its items in `items[start ..< start + count]`, a dict's as key,
    /// value, key, value.
    package struct Container {
        package enum Kind: UInt8 { case list, tuple, dict }
        package var start: Int
        package var count: Int32
        /// How deeply it nests, as `PickleReader` counts it (for the limit).
        var depth: Int16
        package var kind: Kind
        /// Whether the reader may still fill it (it is on the stack, where it was made), and
        /// whether batches of it wait to be joined.
        var state: State

        enum State: UInt8 { case closed, open, openInBatches }
    }

    /// The value the pickle holds.
    package var root: Ref
    package var containers: [Container]
    package var items: [Ref]
    /// Each distinct string, by its UTF-8 bytes.
    package var strings: [String]
    /// For each string, the index of the first string equal to it as Swift compares strings
    /// (canonical equivalence): what a dict key is matched by, as `PickleDict` matches it.
    package var canonicalStrings: [Int]
    /// Integers beyond 61 bits (addresses fit in place).
    package var wideIntegers: [Int]
    package var floats: [Double]

    /// The value `ref` stands for.
    package func value(_ ref: Ref) -> Value { ref.value(in: wideIntegers, floats) }

    /// The items of a container.
    package func items(of container: Int) -> ArraySlice<Ref> {
        let found = containers[container]
        return items[found.start..<(found.start + Int(found.count))]
    }

    /// What the value is, as an error message names it: `an integer`, `a string`, … (as
    /// `PickleValue.kindName`).
    package func kindName(_ ref: Ref) -> String {
        switch value(ref) {
        case .none: return "None"
        case .bool: return "a bool"
        case .int: return "an integer"
        case .float: return "a float"
        case .string: return "a string"
        case .container(let index):
            switch containers[index].kind {
            case .list: return "a list"
            case .tuple: return "a tuple"
            case .dict: return "a dict"
            }
        }
    }

    /// The value as a `PickleValue` tree: what `PickleReader` reads from the same bytes (for
    /// tests, which check the two readers agree).
    /// - Complexity: O(size of the tree unfolded): shared values are copied at each place.
    package func pickleValue(_ ref: Ref) -> PickleValue {
        switch value(ref) {
        case .none: return .none
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .float(let number): return .float(number)
        case .string(let index): return .string(strings[index])
        case .container(let index):
            let contents = items(of: index)
            switch containers[index].kind {
            case .list: return .list(contents.map(pickleValue))
            case .tuple: return .tuple(contents.map(pickleValue))
            case .dict:
                var dict = PickleDict()
                var position = contents.startIndex
                while position < contents.endIndex {
                    let key: PickleKey
                    switch value(contents[position]) {
                    case .string(let index): key = .string(strings[index])
                    case .int(let number): key = .int(number)
                    default: preconditionFailure("the reader keeps only string and integer keys")
                    }
                    dict[key] = pickleValue(contents[position + 1])
                    position += 2
                }
                return .dict(dict)
            }
        }
    }
}
