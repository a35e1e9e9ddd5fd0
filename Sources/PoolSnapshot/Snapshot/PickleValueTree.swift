/// The generic tree as `SnapshotDecoder` reads it: nothing is shared.
struct PickleValueTree: PickledValues {
    func kindName(_ value: PickleValue) -> String { value.kindName }

    func items(_ value: PickleValue) -> [PickleValue]? {
        switch value {
        case .list(let items), .tuple(let items): return items
        default: return nil
        }
    }

    func isList(_ value: PickleValue) -> Bool {
        if case .list = value { return true }
        return false
    }

    func dict(_ value: PickleValue) -> PickleDict? {
        guard case .dict(let dict) = value else { return nil }
        return dict
    }

    func value(_ dict: PickleDict, _ key: SnapshotKey) -> PickleValue? { dict[key.text] }

    func forEachKey(_ dict: PickleDict, _ body: (SnapshotKey?, () -> String) -> Void) {
        for entry in dict.entries {
            var known: SnapshotKey?
            if case .string(let text) = entry.key { known = SnapshotKey(text: text) }
            body(known, { entry.key.description })
        }
    }

    func scalar(_ value: PickleValue) -> PickledScalar {
        switch value {
        case .none: return .none
        case .int(let number): return .int(number)
        case .string(let text): return .string(text)
        default: return .other
        }
    }

    func identity(_ value: PickleValue) -> Int? { nil }

    func contentKey(_ value: PickleValue) -> Int? { nil }
}
