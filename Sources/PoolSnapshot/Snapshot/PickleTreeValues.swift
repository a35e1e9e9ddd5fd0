/// The compact tree as `SnapshotDecoder` reads it: keys are matched by string index, and what
/// the pickle shared (a frame recalled by BINGET) is recognised by its container index. A class,
/// so that the decoder's calls pass one reference, not the tree's every array.
final class PickleTreeValues: PickledValues {
    typealias Ref = PickleTree.Ref

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

    func kindName(_ value: Ref) -> String { tree.kindName(value) }

    func items(_ value: Ref) -> ArraySlice<Ref>? {
        guard let index = value.containerIndex, tree.containers[index].kind != .dict else { return nil }
        return tree.items(of: index)
    }

    func isList(_ value: Ref) -> Bool {
        guard let index = value.containerIndex else { return false }
        return tree.containers[index].kind == .list
    }

    func dict(_ value: Ref) -> ArraySlice<Ref>? {
        guard let index = value.containerIndex, tree.containers[index].kind == .dict else { return nil }
        return tree.items(of: index)
    }

    func value(_ dict: ArraySlice<Ref>, _ key: SnapshotKey) -> Ref? {
        let wanted = keyStrings[key.rawValue]
        var index = dict.startIndex
        while index < dict.endIndex {
            if let string = dict[index].stringIndex, tree.canonicalStrings[string] == wanted { return dict[index + 1] }
            index += 2
        }
        return nil
    }

    func forEachKey(_ dict: ArraySlice<Ref>, _ body: (SnapshotKey?, () -> String) -> Void) {
        for index in stride(from: dict.startIndex, to: dict.endIndex, by: 2) {
            switch tree.value(dict[index]) {
            case .string(let string): body(knownKeys[tree.canonicalStrings[string]], { tree.strings[string] })
            case .int(let number): body(nil, { String(number) })
            default: body(nil, { "" })  // the reader keeps no other key
            }
        }
    }

    func scalar(_ value: Ref) -> PickledScalar {
        switch tree.value(value) {
        case .none: return .none
        case .int(let number): return .int(number)
        case .string(let index): return .string(tree.strings[index])
        default: return .other
        }
    }

    func identity(_ value: Ref) -> Int? { value.containerIndex }

    func contentKey(_ value: Ref) -> ArraySlice<Ref>? { items(value) }
}
