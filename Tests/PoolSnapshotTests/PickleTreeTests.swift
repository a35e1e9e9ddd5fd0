import Testing

@_spi(Testing) @testable import PoolSnapshot

@Suite struct PickleTreeTests {
    static let fixtures = [
        "actions-p2.pickle", "actions-p4.pickle", "actions-p5.pickle", "ring-buffer-p4.pickle",
        "two-devices-p5.pickle", "segments-only-p2.pickle", "generated-p4.pickle",
    ]

    /// The compact reader on `bytes` gives what `PickleReader` gives, or leaves the bytes to it
    /// (nil) — always when `PickleReader` refuses them.
    static func expectAgreement(
        _ bytes: [UInt8], limits: PickleReader.Limits = .init(), sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let tree = PickleTree.read(bytes, limits: limits)
        do {
            let value = try PickleReader.read(bytes, limits: limits)
            if let tree {
                #expect(tree.pickleValue(tree.root) == value, sourceLocation: sourceLocation)
            }
        } catch {
            #expect(
                tree == nil, "the compact reader read what PickleReader refuses: \(error)",
                sourceLocation: sourceLocation)
        }
    }

    static func pickle(_ body: [UInt8]) -> [UInt8] { PickleReaderTests.pickle(body) }

    @Test(arguments: fixtures) func everyFixtureReadsAlikeBothWays(name: String) throws {
        let bytes = try Fixture.bytes(name)
        let tree = try #require(PickleTree.read(bytes), "the compact reader left a fixture to PickleReader")
        let value = try PickleReader.read(bytes)
        #expect(tree.pickleValue(tree.root) == value)
        // Decoded from either tree, the snapshot is the same, with the same ignored counts.
        let viaTree = try MemorySnapshot(tree.root, in: PickleTreeValues(tree))
        #expect(viaTree == (try MemorySnapshot(value)))
        #expect(viaTree == (try MemorySnapshot.read(bytes)))
    }

    @Test func eachFixtureCutShortIsLeftToPickleReader() throws {
        for name in ["actions-p2.pickle", "actions-p5.pickle"] {
            let bytes = try Fixture.bytes(name)
            for end in 0..<bytes.count {
                #expect(PickleTree.read(Array(bytes[0..<end])) == nil, "\(name) cut at \(end)")
            }
        }
    }

    @Test func sharedValuesStayShared() throws {
        let bytes = try Fixture.bytes("generated-p4.pickle")
        let tree = try #require(PickleTree.read(bytes))
        // Each distinct string once, though BINGET and fresh copies alike name them many times.
        #expect(Set(tree.strings).count == tree.strings.count)
        let snapshot = try MemorySnapshot.read(bytes)
        let frames = snapshot.deviceTraces[0].flatMap(\.frames)
        #expect(frames.count > 100)
        // The events' one-frame lists recall the same frame: one array, shared.
        let first = snapshot.deviceTraces[0].filter { $0.action == .alloc }.map(\.frames)
        let sharing = first.dropFirst().allSatisfy { next in
            next.withUnsafeBufferPointer { a in first[0].withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress }
            }
        }
        #expect(sharing)
    }

    @Test func equalStringsWrittenTwiceAreOneString() throws {
        // "ab" written twice without the memo, then a dict keyed by the two spellings of "é".
        let twice = Self.pickle([0x8C, 2, 0x61, 0x62, 0x8C, 2, 0x61, 0x62, 0x86])
        let tree = try #require(PickleTree.read(twice))
        #expect(tree.strings == ["ab"])
        #expect(tree.pickleValue(tree.root) == .tuple([.string("ab"), .string("ab")]))
        let composed = Array("é".utf8), decomposed = Array("e\u{301}".utf8)
        let keys = Self.pickle(
            [0x28, 0x8C, UInt8(composed.count)] + composed + [0x4B, 1, 0x8C, UInt8(decomposed.count)] + decomposed
                + [0x4B, 2, 0x64])
        #expect(PickleTree.read(keys) == nil)  // one key set twice: PickleDict decides
        Self.expectAgreement(keys)
    }

    @Test func formsPythonNeverWritesAreLeftToPickleReader() {
        let forms: [(String, [UInt8])] = [
            ("a list that holds itself", [0x5D, 0x94, 0x68, 0, 0x61]),
            ("a recalled list filled again", [0x5D, 0x94, 0x30, 0x68, 0, 0x4B, 1, 0x61]),
            ("a dict filled twice", [0x7D, 0x8C, 1, 0x61, 0x4B, 1, 0x73, 0x8C, 1, 0x62, 0x4B, 2, 0x73]),
            ("a dict given a key twice", [0x7D, 0x28, 0x8C, 1, 0x61, 0x4B, 1, 0x8C, 1, 0x61, 0x4B, 2, 0x75]),
            ("a memo with a gap", [0x4E, 0x71, 1]),
        ]
        // And what PickleReader refuses, of course: items set on a list, appended to a dict or a tuple.
        let refused: [(String, [UInt8])] = [
            ("SETITEM on a list", [0x5D, 0x8C, 1, 0x61, 0x4B, 1, 0x73]),
            ("SETITEMS on a list", [0x5D, 0x28, 0x8C, 1, 0x61, 0x4B, 1, 0x75]),
            ("APPEND to a dict", [0x7D, 0x4B, 1, 0x61]),
            ("APPENDS to a dict", [0x7D, 0x28, 0x8C, 1, 0x61, 0x4B, 1, 0x65]),
            ("APPEND to a tuple", [0x29, 0x4B, 1, 0x61]),
        ]
        for (what, body) in refused {
            #expect(throws: PickleError.self, "\(what)") { try PickleReader.read(Self.pickle(body)) }
            #expect(PickleTree.read(Self.pickle(body)) == nil, "\(what)")
        }
        for (what, body) in forms {
            #expect(PickleTree.read(Self.pickle(body)) == nil, "\(what)")
            Self.expectAgreement(Self.pickle(body))
        }
    }

    @Test func aListFilledInBatchesBetweenItsItemsIsJoined() throws {
        // [[1], [2]]: the outer list's second batch comes after its second item was filled.
        let body: [UInt8] = [0x5D, 0x5D, 0x4B, 1, 0x61, 0x61, 0x5D, 0x4B, 2, 0x61, 0x61]
        let tree = try #require(PickleTree.read(Self.pickle(body)))
        #expect(tree.pickleValue(tree.root) == .list([.list([.int(1)]), .list([.int(2)])]))
        // The same list inside another, joined as it is added to it: [[[1], [2]], 3].
        let nested = Self.pickle([0x5D] + body + [0x61, 0x4B, 3, 0x61])
        let outer = try #require(PickleTree.read(nested))
        #expect(
            outer.pickleValue(outer.root) == .list([.list([.list([.int(1)]), .list([.int(2)])]), .int(3)]))
        Self.expectAgreement(nested)
    }

    @Test func fixturesWithAnOpcodeChangedReadAlikeBothWays() throws {
        // Each mutant has one byte replaced by an opcode of the subset (or any byte): the two
        // readers agree on the value or leave it to PickleReader, and the snapshot read is the
        // one the value tree alone gives, error for error.
        let opcodes: [UInt8] = Array(PickleOpcode.supported.keys) + [0x00, 0x63, 0xFF]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for name in ["actions-p4.pickle", "actions-p2.pickle", "two-devices-p5.pickle"] {
            let bytes = try Fixture.bytes(name)
            for _ in 0..<400 {
                var mutant = bytes
                let position = next() % mutant.count
                mutant[position] = next() % 2 == 0 ? opcodes[next() % opcodes.count] : UInt8(truncatingIfNeeded: next())
                Self.expectAgreement(mutant)
                let compact = Result { () throws(SnapshotError) in try MemorySnapshot.read(mutant) }
                let generic = Result { () throws(SnapshotError) in try MemorySnapshot.readThroughValueTree(mutant) }
                #expect(compact == generic, "\(name) with byte \(position) = \(mutant[position])")
            }
        }
    }

    @Test func limitsAreThePickleReadersOnes() {
        var limits = PickleReader.Limits()
        limits.memo = 3
        #expect(PickleTree.read(Self.pickle([0x4E, 0x94, 0x94, 0x94]), limits: limits) != nil)
        #expect(PickleTree.read(Self.pickle([0x4E, 0x94, 0x94, 0x94, 0x94]), limits: limits) == nil)
        limits.stack = 2
        #expect(PickleTree.read(Self.pickle([0x4E, 0x4E, 0x86]), limits: limits) != nil)
        #expect(PickleTree.read(Self.pickle([0x4E, 0x4E, 0x4E, 0x87]), limits: limits) == nil)
        limits.depth = 2
        #expect(PickleTree.read(Self.pickle([0x5D, 0x5D, 0x61]), limits: limits) != nil)
        #expect(PickleTree.read(Self.pickle([0x5D, 0x5D, 0x5D, 0x61, 0x61]), limits: limits) == nil)
    }
}
