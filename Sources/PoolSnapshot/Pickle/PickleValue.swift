/// A value read from a pickle of plain data: what Python's `None`, `bool`, `int`, `float`,
/// `str`, `list`, `tuple` and `dict` become. Nothing else can be read (see `PickleReader`).
package indirect enum PickleValue: Equatable, Sendable {
    case none
    case bool(Bool)
    /// A Python `int` in −2⁶³ … 2⁶³ − 1; larger ones are refused.
    case int(Int)
    case float(Double)
    case string(String)
    case list([PickleValue])
    case tuple([PickleValue])
    case dict(PickleDict)

    /// What the value is, as an error message names it: `an integer`, `a string`, ….
    package var kindName: String {
        switch self {
        case .none: return "None"
        case .bool: return "a bool"
        case .int: return "an integer"
        case .float: return "a float"
        case .string: return "a string"
        case .list: return "a list"
        case .tuple: return "a tuple"
        case .dict: return "a dict"
        }
    }
}

/// A dict key poolmap accepts: a string or an integer (a snapshot's keys are strings).
package enum PickleKey: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case int(Int)

    package var description: String {
        switch self {
        case .string(let text): return text
        case .int(let value): return String(value)
        }
    }
}

/// A Python dict: its entries in insertion order, a key set again keeping its first place and
/// taking the new value, as in Python.
///
/// Small dicts (a snapshot's are) are searched in place; past `indexedFrom` entries a hash
/// index keeps insertion and lookup O(1), so a hostile dict of 10⁶ keys costs no 10¹² steps.
package struct PickleDict: Equatable, Sendable {
    package private(set) var entries: [(key: PickleKey, value: PickleValue)] = []
    private var index: [PickleKey: Int]? = nil

    static let indexedFrom = 16

    package init() {}

    package init(_ entries: [(key: PickleKey, value: PickleValue)]) {
        for entry in entries { self[entry.key] = entry.value }
    }

    package var count: Int { entries.count }

    /// The value at `key`, or nil; setting replaces the value in place or appends the entry.
    /// - Complexity: O(1) amortized for large dicts, O(count) below `indexedFrom` entries.
    package subscript(key: PickleKey) -> PickleValue? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    entries[position].value = newValue
                } else {
                    entries.remove(at: position)
                    index = nil
                    buildIndexIfLarge()
                }
            } else if let newValue {
                entries.append((key, newValue))
                if index != nil {
                    index?[key] = entries.count - 1
                } else {
                    buildIndexIfLarge()
                }
            }
        }
    }

    /// The value at the string key `key`, or nil.
    package subscript(key: String) -> PickleValue? { self[.string(key)] }

    private func position(of key: PickleKey) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.key == key }
    }

    private mutating func buildIndexIfLarge() {
        guard index == nil, entries.count > Self.indexedFrom else { return }
        var built: [PickleKey: Int] = [:]
        for (position, entry) in entries.enumerated() { built[entry.key] = position }
        index = built
    }

    package static func == (lhs: PickleDict, rhs: PickleDict) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
