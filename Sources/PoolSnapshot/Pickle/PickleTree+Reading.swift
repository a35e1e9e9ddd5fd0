extension PickleTree {
    /// The tree `bytes` hold, read by the same stack machine as `PickleReader` over the same
    /// opcodes and limits; nil whenever `PickleReader` must judge the bytes instead: an error of
    /// any kind (so every refusal keeps its one message and offset), and the forms Python's
    /// pickler never writes that this reader does not mirror — a container recalled while it is
    /// still being filled, a recalled container filled again, a dict filled twice or given a key
    /// twice, a BINPUT that leaves a gap in the memo.
    ///
    /// When it returns a tree, `PickleReader.read(bytes)` returns the same value
    /// (`pickleValue(root)`): `MemorySnapshot.read` relies on it, the tests and the fuzz target
    /// check it.
    /// - Complexity: O(bytes) time; memory a few words per value.
    package static func read(_ bytes: [UInt8]) -> PickleTree? {
        read(bytes, limits: PickleReader.Limits())
    }

    /// `read(bytes)` under `PickleReader`'s `limits`.
    static func read(_ bytes: [UInt8], limits: PickleReader.Limits) -> PickleTree? {
        guard bytes.count <= PickleReader.maximumBytes else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var reader = PickleTreeReader(bytes: buffer, limits: limits)
            return reader.run()
        }
    }
}

/// `PickleTree.read`'s stack machine. Every method returns nil (or false) where
/// `PickleReader` would throw, or where this reader leaves the bytes to it.
private struct PickleTreeReader {
    typealias Ref = PickleTree.Ref

    let bytes: UnsafeBufferPointer<UInt8>
    let limits: PickleReader.Limits
    var position = 0
    var stack: [Ref] = []
    var marks: [Int] = []
    var memo: [Ref] = []
    var containers: [PickleTree.Container] = []
    /// The batches a list received after its first, by list: joined when the list is popped.
    var laterBatches: [Int: [Range<Int>]] = [:]
    var items: [Ref] = []
    var strings = PickleStringTable()
    var wideIntegers: [Int] = []
    var floats: [Double] = []

    init(bytes: UnsafeBufferPointer<UInt8>, limits: PickleReader.Limits) {
        self.bytes = bytes
        self.limits = limits
        // A snapshot spends about 3 bytes of pickle per item: reserving that much spares
        // copying a growing array of a hundred megabytes (pages never written cost nothing).
        items.reserveCapacity(min(bytes.count / 3, 1 << 26))
    }

    mutating func run() -> PickleTree? {
        typealias Op = PickleOpcode
        while position < bytes.count {
            let opcode = bytes[position]
            position += 1
            var done = true
            switch opcode {
            case Op.proto:
                guard let version = unsigned(1), (2...5).contains(version) else { return nil }
            case Op.frame:
                guard let length = unsigned(8), length <= UInt64(bytes.count - position) else { return nil }
            case Op.stop:
                guard let root = pop(), position == bytes.count else { return nil }
                return PickleTree(
                    root: root, containers: containers, items: items, strings: strings.strings,
                    canonicalStrings: strings.canonical, wideIntegers: wideIntegers, floats: floats)
            case Op.mark:
                guard marks.count < limits.depth else { return nil }
                marks.append(stack.count)
            case Op.emptyDict: done = pushContainer(.dict, start: items.count, count: 0, depth: 1)
            case Op.emptyList: done = pushContainer(.list, start: items.count, count: 0, depth: 1)
            case Op.emptyTuple: done = pushContainer(.tuple, start: items.count, count: 0, depth: 1)
            case Op.dict: done = buildFromMark(.dict)
            case Op.list: done = buildFromMark(.list)
            case Op.tuple: done = buildFromMark(.tuple)
            case Op.tuple1, Op.tuple2, Op.tuple3:
                let count = Int(opcode - Op.tuple1) + 1
                guard stack.count - (marks.last ?? 0) >= count else { return nil }
                done = build(.tuple, fromStackAt: stack.count - count)
            case Op.setItem:
                guard stack.count - (marks.last ?? 0) >= 3 else { return nil }
                done = fill(.dict, at: stack.count - 3, withStackFrom: stack.count - 2)
            case Op.setItems:
                guard let mark = marks.popLast(), mark > (marks.last ?? 0) else { return nil }
                done = fill(.dict, at: mark - 1, withStackFrom: mark)
            case Op.append:
                guard stack.count - (marks.last ?? 0) >= 2 else { return nil }
                done = fill(.list, at: stack.count - 2, withStackFrom: stack.count - 1)
            case Op.appends:
                guard let mark = marks.popLast(), mark > (marks.last ?? 0) else { return nil }
                done = fill(.list, at: mark - 1, withStackFrom: mark)
            case Op.binInt:
                guard let value = unsigned(4) else { return nil }
                done = push(int(Int(Int32(truncatingIfNeeded: value))))
            case Op.binInt1:
                guard let value = unsigned(1) else { return nil }
                done = push(int(Int(value)))
            case Op.binInt2:
                guard let value = unsigned(2) else { return nil }
                done = push(int(Int(value)))
            case Op.long1:
                guard let length = unsigned(1), let value = long(length) else { return nil }
                done = push(int(value))
            case Op.long4:
                guard let length = unsigned(4), Int32(truncatingIfNeeded: length) >= 0, let value = long(length)
                else { return nil }
                done = push(int(value))
            case Op.binFloat:
                guard let start = take(8) else { return nil }
                var bits: UInt64 = 0
                for offset in start..<(start + 8) { bits = bits << 8 | UInt64(bytes[offset]) }  // big-endian
                floats.append(Double(bitPattern: bits))
                done = push(.float(floats.count - 1))
            case Op.shortBinUnicode: done = pushString(lengthWidth: 1)
            case Op.binUnicode: done = pushString(lengthWidth: 4)
            case Op.binUnicode8: done = pushString(lengthWidth: 8)
            case Op.none: done = push(.none)
            case Op.newTrue: done = push(.bool(true))
            case Op.newFalse: done = push(.bool(false))
            case Op.memoize: done = memoize(index: UInt64(memo.count))
            case Op.binPut: done = unsigned(1).map { memoize(index: $0) } ?? false
            case Op.longBinPut: done = unsigned(4).map { memoize(index: $0) } ?? false
            case Op.binGet: done = unsigned(1).map { recall(index: $0) } ?? false
            case Op.longBinGet: done = unsigned(4).map { recall(index: $0) } ?? false
            default: return nil
            }
            guard done else { return nil }
        }
        return nil
    }

    // MARK: The stack

    func depth(_ value: Ref) -> Int {
        guard let index = value.containerIndex else { return 0 }
        return Int(containers[index].depth)
    }

    /// An integer's word: in place, or in `wideIntegers` beyond 61 bits.
    mutating func int(_ value: Int) -> Ref {
        if let ref = Ref.int(value) { return ref }
        wideIntegers.append(value)
        return .wideInt(wideIntegers.count - 1)
    }

    mutating func push(_ value: Ref) -> Bool {
        guard stack.count < limits.stack else { return false }
        stack.append(value)
        return true
    }

    mutating func pushContainer(_ kind: PickleTree.Container.Kind, start: Int, count: Int, depth: Int) -> Bool {
        guard depth <= limits.depth, depth <= Int(Int16.max), count <= Int(Int32.max) else { return false }
        containers.append(
            PickleTree.Container(
                start: start, count: Int32(count), depth: Int16(depth), kind: kind,
                state: kind == .tuple ? .closed : .open))  // a tuple never changes
        return push(.container(containers.count - 1))
    }

    /// Takes the top value off the stack (not past the latest MARK), closing it.
    mutating func pop() -> Ref? {
        guard stack.count > (marks.last ?? 0), let value = stack.popLast() else { return nil }
        close(value)
        return value
    }

    /// A list or dict taken off the stack is final: its later batches join its first.
    mutating func close(_ value: Ref) {
        guard let index = value.containerIndex, containers[index].state != .closed else { return }
        let state = containers[index].state
        containers[index].state = .closed
        guard state == .openInBatches, let batches = laterBatches.removeValue(forKey: index) else { return }
        let start = items.count
        // `count` is the total: the first batch is what the later ones leave of it.
        let firstCount = Int(containers[index].count) - batches.reduce(0) { $0 + $1.count }
        let first = containers[index].start..<(containers[index].start + firstCount)
        for batch in [first] + batches {
            for item in batch { items.append(items[item]) }
        }
        containers[index].start = start
        containers[index].count = Int32(items.count - start)  // fill kept the total within Int32
    }

    /// DICT, LIST, TUPLE: the values above the latest MARK become a new container.
    mutating func buildFromMark(_ kind: PickleTree.Container.Kind) -> Bool {
        guard let mark = marks.popLast() else { return false }
        return build(kind, fromStackAt: mark)
    }

    /// The values `stack[from...]` moved into a new container of `kind`, pushed.
    mutating func build(_ kind: PickleTree.Container.Kind, fromStackAt from: Int) -> Bool {
        guard let (start, itemsDepth) = moveToItems(from: from, asPairs: kind == .dict) else { return false }
        return pushContainer(kind, start: start, count: items.count - start, depth: itemsDepth + 1)
    }

    /// SETITEM(S) (`kind` dict), APPEND(S) (`kind` list): the values `stack[from...]` added to
    /// the container of that kind at `stack[target]`, which must be open (filled where it was
    /// made, never a recalled one).
    mutating func fill(_ kind: PickleTree.Container.Kind, at target: Int, withStackFrom from: Int) -> Bool {
        guard let index = stack[target].containerIndex, containers[index].state != .closed,
            containers[index].kind == kind, let (start, itemsDepth) = moveToItems(from: from, asPairs: kind == .dict)
        else { return false }
        let count = items.count - start
        let total = Int(containers[index].count) + count
        guard total <= Int(Int32.max) else { return false }
        if containers[index].count == 0 {
            containers[index].start = start
        } else if kind == .dict {
            return false  // its keys would have to be matched against the first batch's
        } else if containers[index].start + Int(containers[index].count) != start {
            laterBatches[index, default: []].append(start..<(start + count))
            containers[index].state = .openInBatches
        }
        containers[index].count = Int32(total)
        let depth = max(Int(containers[index].depth), itemsDepth + 1)
        guard depth <= limits.depth else { return false }
        containers[index].depth = Int16(depth)
        return true
    }

    /// Moves `stack[from...]` to the end of `items`, closing each value; for a dict's pairs,
    /// checks the keys (strings or integers, each once). Returns where they start and the
    /// deepest value's depth (a dict's keys do not count, as in `PickleReader`).
    mutating func moveToItems(from: Int, asPairs: Bool) -> (start: Int, depth: Int)? {
        var deepest = 0
        if asPairs {
            guard (stack.count - from) % 2 == 0 else { return nil }
            var index = from
            while index < stack.count {
                guard stack[index].isKey else { return nil }
                for earlier in stride(from: from, to: index, by: 2) where sameKey(stack[earlier], stack[index]) {
                    return nil
                }
                deepest = max(deepest, depth(stack[index + 1]))
                index += 2
            }
        } else {
            for value in stack[from...] { deepest = max(deepest, depth(value)) }
        }
        // Closed first: a list that joins its batches appends them to `items` too.
        for index in from..<stack.count { close(stack[index]) }
        let start = items.count
        for index in from..<stack.count { items.append(stack[index]) }
        stack.removeLast(stack.count - from)
        return (start, deepest)
    }

    /// Whether two dict keys are one key for `PickleDict`.
    func sameKey(_ a: Ref, _ b: Ref) -> Bool {
        if let x = a.stringIndex, let y = b.stringIndex { return strings.canonical[x] == strings.canonical[y] }
        switch (a.value(in: wideIntegers, floats), b.value(in: wideIntegers, floats)) {
        case (.int(let x), .int(let y)): return x == y
        default: return false
        }
    }

    // MARK: The memo

    /// MEMOIZE and BINPUT: numbers run on from 0 without gaps, as the pickler writes them.
    mutating func memoize(index: UInt64) -> Bool {
        guard stack.count > (marks.last ?? 0), let top = stack.last, index <= UInt64(memo.count) else { return false }
        if index == UInt64(memo.count) {
            guard memo.count < limits.memo else { return false }
            memo.append(top)
        } else {
            memo[Int(index)] = top
        }
        return true
    }

    /// BINGET: a container comes back as itself, shared — only once it is final.
    mutating func recall(index: UInt64) -> Bool {
        guard index < UInt64(memo.count) else { return false }
        let value = memo[Int(index)]
        if let container = value.containerIndex, containers[container].state != .closed { return false }
        return push(value)
    }

    // MARK: Arguments

    /// The offset of the next `count` bytes, moving past them; nil past the end.
    mutating func take(_ count: Int) -> Int? {
        guard count <= bytes.count - position else { return nil }
        defer { position += count }
        return position
    }

    /// A little-endian unsigned integer of `width` bytes.
    mutating func unsigned(_ width: Int) -> UInt64? {
        guard let start = take(width) else { return nil }
        var value: UInt64 = 0
        for shift in 0..<width { value |= UInt64(bytes[start + shift]) << (8 * shift) }
        return value
    }

    mutating func long(_ length: UInt64) -> Int? {
        guard length <= UInt64(bytes.count - position), let start = take(Int(length)) else { return nil }
        return PickleReader.integer(twosComplement: bytes[start..<(start + Int(length))])
    }

    mutating func pushString(lengthWidth: Int) -> Bool {
        guard let length = unsigned(lengthWidth), length <= UInt64(bytes.count - position),
            let start = take(Int(length)), let index = strings.intern(bytes, start: start, count: Int(length))
        else { return false }
        return push(.string(index))
    }
}
