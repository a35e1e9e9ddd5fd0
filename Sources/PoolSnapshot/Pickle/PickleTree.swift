/// A pickle of plain data held compactly: the same values `PickleReader` builds as a
/// `PickleValue` tree, but as plain numbers — a container is an index into `containers`, whose
/// items lie side by side in `items`, and a string is an index into `strings`, each distinct
/// string kept once. Nothing in it is reference-counted, so a snapshot of 10⁶ events costs a
/// few flat arrays instead of millions of dicts, arrays and strings (docs/benchmarks.md).
///
/// What the pickler shared stays shared: a value BINGET recalls is the same index, so a frame
/// every event names is one container however many events name it.
package struct PickleTree {
    /// A value: a scalar in place, a string or a container by index.
    package enum Value: Equatable, Hashable {
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
        package enum Kind { case list, tuple, dict }
        package var kind: Kind
        package var start: Int
        package var count: Int
    }

    /// The value the pickle holds.
    package var root: Value
    package var containers: [Container]
    package var items: [Value]
    /// Each distinct string, by its UTF-8 bytes.
    package var strings: [String]
    /// For each string, the index of the first string equal to it as Swift compares strings
    /// (canonical equivalence): what a dict key is matched by, as `PickleDict` matches it.
    package var canonicalStrings: [Int]

    /// The items of a container.
    package func items(of container: Int) -> ArraySlice<Value> {
        let found = containers[container]
        return items[found.start..<(found.start + found.count)]
    }

    /// What the value is, as an error message names it: `an integer`, `a string`, … (as
    /// `PickleValue.kindName`).
    package func kindName(_ value: Value) -> String {
        switch value {
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
    /// tests and the fuzz target, which check the two readers agree).
    /// - Complexity: O(size of the tree unfolded): shared values are copied at each place.
    package func pickleValue(_ value: Value) -> PickleValue {
        switch value {
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
                    switch contents[position] {
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
