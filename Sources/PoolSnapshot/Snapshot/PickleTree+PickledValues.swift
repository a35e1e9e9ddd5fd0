/// The compact tree as `SnapshotDecoder` reads it: keys are matched by string index, and what
/// the pickle shared (a frame recalled by BINGET) is recognised by its container index.
struct PickleTreeValues: PickledValues {
    let tree: PickleTree
    /// Each `SnapshotKey`'s canonical string index in the tree, -1 when the pickle never spells it.
    private let keyStrings: [Int]
    /// Each canonical string's `SnapshotKey`, by string index.
    private let knownKeys: [SnapshotKey?]

    init(_ tree: PickleTree) {
        self.tree = tree
        var known = [SnapshotKey?](repeating: nil, count: tree.strings.count)
        var keyStrings = [Int](repeating: -1, count: SnapshotKey.allCases.count)
        for (index, text) in tree.strings.enumerated() where tree.canonicalStrings[index] == index {
            guard let key = SnapshotKey(text: text) else { continue }
            known[index] = key
            keyStrings[key.rawValue] = index
        }
        self.keyStrings = keyStrings
        self.knownKeys = known
    }

    func kindName(_ value: PickleTree.Value) -> String { tree.kindName(value) }

    func items(_ value: PickleTree.Value) -> ArraySlice<PickleTree.Value>? {
        guard case .container(let index) = value, tree.containers[index].kind != .dict else { return nil }
        return tree.items(of: index)
    }

    func isList(_ value: PickleTree.Value) -> Bool {
        guard case .container(let index) = value else { return false }
        return tree.containers[index].kind == .list
    }

    func dict(_ value: PickleTree.Value) -> ArraySlice<PickleTree.Value>? {
        guard case .container(let index) = value, tree.containers[index].kind == .dict else { return nil }
        return tree.items(of: index)
    }

    func value(_ dict: ArraySlice<PickleTree.Value>, _ key: SnapshotKey) -> PickleTree.Value? {
        let wanted = keyStrings[key.rawValue]
        var index = dict.startIndex
        while index < dict.endIndex {
            if case .string(let string) = dict[index], tree.canonicalStrings[string] == wanted { return dict[index + 1] }
            index += 2
        }
        return nil
    }

    func forEachKey(_ dict: ArraySlice<PickleTree.Value>, _ body: (SnapshotKey?, () -> String) -> Void) {
        for index in stride(from: dict.startIndex, to: dict.endIndex, by: 2) {
            switch dict[index] {
            case .string(let string):
                body(knownKeys[tree.canonicalStrings[string]], { tree.strings[string] })
            case .int(let number):
                body(nil, { String(number) })
            default:
                body(nil, { "" })  // the reader keeps no other key
            }
        }
    }

    func scalar(_ value: PickleTree.Value) -> PickledScalar {
        switch value {
        case .none: return .none
        case .int(let number): return .int(number)
        case .string(let index): return .string(tree.strings[index])
        default: return .other
        }
    }

    func identity(_ value: PickleTree.Value) -> Int? {
        guard case .container(let index) = value else { return nil }
        return index
    }

    func contentKey(_ value: PickleTree.Value) -> ArraySlice<PickleTree.Value>? { items(value) }
}
