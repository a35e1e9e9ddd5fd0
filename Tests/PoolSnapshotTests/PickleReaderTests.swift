import Testing

@testable import PoolSnapshot

@Suite struct PickleReaderTests {
    /// `body` wrapped as a protocol-4 pickle: PROTO 4, the body, STOP.
    static func pickle(_ body: [UInt8], proto: UInt8 = 4) -> [UInt8] { [0x80, proto] + body + [0x2E] }

    /// The value of `body` pickled, which the compact reader must read alike (or leave to this one).
    static func read(_ body: [UInt8]) throws -> PickleValue {
        let value = try PickleReader.read(pickle(body))
        PickleTreeTests.expectAgreement(pickle(body))
        return value
    }

    /// The error `bytes` give, nil when they read; the compact reader must agree.
    static func error(_ bytes: [UInt8], limits: PickleReader.Limits = .init()) -> PickleError? {
        PickleTreeTests.expectAgreement(bytes, limits: limits)
        do {
            _ = try PickleReader.read(bytes, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    static func le(_ value: UInt64, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    // MARK: Every opcode

    @Test func scalars() throws {
        #expect(try Self.read([0x4E]) == .none)  // NONE
        #expect(try Self.read([0x88]) == .bool(true))  // NEWTRUE
        #expect(try Self.read([0x89]) == .bool(false))  // NEWFALSE
        #expect(try Self.read([0x4B, 0xFF]) == .int(255))  // BININT1
        #expect(try Self.read([0x4D, 0x34, 0x12]) == .int(0x1234))  // BININT2
        #expect(try Self.read([0x4A] + Self.le(UInt64(bitPattern: -5), 4)) == .int(-5))  // BININT, signed
        #expect(try Self.read([0x4A, 0xFF, 0xFF, 0xFF, 0x7F]) == .int(Int(Int32.max)))
        // BINFLOAT is big-endian: 1.5 = 0x3FF8000000000000.
        #expect(try Self.read([0x47, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0]) == .float(1.5))
        #expect(try Self.read([0x8C, 3] + Array("abc".utf8)) == .string("abc"))  // SHORT_BINUNICODE
        #expect(try Self.read([0x58] + Self.le(3, 4) + Array("été".utf8).prefix(3)) == .string("ét"))  // BINUNICODE
        #expect(try Self.read([0x8D] + Self.le(2, 8) + Array("hi".utf8)) == .string("hi"))  // BINUNICODE8
        #expect(try Self.read([0x8C, 0]) == .string(""))
    }

    @Test func longIntegers() throws {
        #expect(try Self.read([0x8A, 0]) == .int(0))  // LONG1 of no bytes
        #expect(try Self.read([0x8A, 1, 0xFF]) == .int(-1))
        #expect(try Self.read([0x8A, 2, 0xFF, 0x00]) == .int(255))
        // A 64-bit address as Python writes it: 0x7f0000000000 in 6 bytes.
        #expect(try Self.read([0x8A, 6, 0, 0, 0, 0, 0, 0x7F]) == .int(0x7F00_0000_0000))
        #expect(try Self.read([0x8A, 8] + Self.le(UInt64(Int64.max), 8)) == .int(Int.max))
        #expect(try Self.read([0x8A, 8] + Self.le(UInt64(bitPattern: Int64.min), 8)) == .int(Int.min))
        // Longer encodings whose extra bytes only extend the sign are read.
        #expect(try Self.read([0x8A, 9] + Self.le(5, 8) + [0x00]) == .int(5))
        #expect(try Self.read([0x8A, 10] + Self.le(UInt64(bitPattern: -7), 8) + [0xFF, 0xFF]) == .int(-7))
        #expect(try Self.read([0x8B] + Self.le(3, 4) + [0x01, 0x00, 0x01]) == .int(0x10001))  // LONG4
    }

    @Test func integersBeyond64BitsAreRefused() {
        // 2⁶³ needs 9 bytes (the sign); so does 2⁶⁴ − 1.
        let twoTo63 = Self.pickle([0x8A, 9] + Self.le(UInt64(1) << 63, 8) + [0x00])
        #expect(
            Self.error(twoTo63)?.description
                == "pickle refused at byte 2: an integer wider than 64 bits (poolmap reads −2⁶³ to 2⁶³ − 1)")
        let huge = Self.pickle([0x8B] + Self.le(16, 4) + [UInt8](repeating: 0x11, count: 16))
        #expect(
            Self.error(huge)?.kind == .limit(reason: "an integer wider than 64 bits (poolmap reads −2⁶³ to 2⁶³ − 1)"))
        // Eight bytes whose top bit disagrees with a ninth, positive sign byte.
        #expect(Self.error(Self.pickle([0x8A, 9] + Self.le(UInt64.max, 8) + [0x00])) != nil)
        #expect(Self.error(Self.pickle([0x8B] + Self.le(UInt64(UInt32.max), 4))) != nil)  // negative LONG4 length
    }

    @Test func containers() throws {
        #expect(try Self.read([0x5D]) == .list([]))  // EMPTY_LIST
        #expect(try Self.read([0x29]) == .tuple([]))  // EMPTY_TUPLE
        #expect(try Self.read([0x7D]) == .dict(PickleDict()))  // EMPTY_DICT
        let one = PickleValue.int(1), two = PickleValue.int(2), three = PickleValue.int(3)
        #expect(try Self.read([0x28, 0x4B, 1, 0x4B, 2, 0x6C]) == .list([one, two]))  // MARK … LIST
        #expect(try Self.read([0x28, 0x4B, 1, 0x4B, 2, 0x74]) == .tuple([one, two]))  // MARK … TUPLE
        #expect(try Self.read([0x4B, 1, 0x85]) == .tuple([one]))  // TUPLE1
        #expect(try Self.read([0x4B, 1, 0x4B, 2, 0x86]) == .tuple([one, two]))  // TUPLE2
        #expect(try Self.read([0x4B, 1, 0x4B, 2, 0x4B, 3, 0x87]) == .tuple([one, two, three]))  // TUPLE3
        #expect(try Self.read([0x5D, 0x4B, 1, 0x61]) == .list([one]))  // APPEND
        #expect(try Self.read([0x5D, 0x28, 0x4B, 1, 0x4B, 2, 0x65]) == .list([one, two]))  // APPENDS
        let keyed = PickleDict([(.string("a"), one), (.int(7), two)])
        #expect(try Self.read([0x7D, 0x8C, 1, 0x61, 0x4B, 1, 0x73, 0x4B, 7, 0x4B, 2, 0x73]) == .dict(keyed))  // SETITEM
        // SETITEMS
        #expect(try Self.read([0x7D, 0x28, 0x8C, 1, 0x61, 0x4B, 1, 0x4B, 7, 0x4B, 2, 0x75]) == .dict(keyed))
        #expect(try Self.read([0x28, 0x8C, 1, 0x61, 0x4B, 1, 0x4B, 7, 0x4B, 2, 0x64]) == .dict(keyed))  // DICT
        // A key set twice keeps its first place and takes the last value, as in Python.
        let twice = try Self.read([0x28, 0x8C, 1, 0x61, 0x4B, 1, 0x8C, 1, 0x62, 0x4B, 2, 0x8C, 1, 0x61, 0x4B, 3, 0x64])
        #expect(twice == .dict(PickleDict([(.string("a"), three), (.string("b"), two)])))
    }

    @Test func framesAndProtocols() throws {
        // FRAME's length is advisory once checked against what remains.
        #expect(try Self.read([0x95] + Self.le(2, 8) + [0x4B, 9]) == .int(9))
        for proto: UInt8 in 2...5 { #expect(try PickleReader.read(Self.pickle([0x4E], proto: proto)) == .none) }
        #expect(
            Self.error(Self.pickle([0x4E], proto: 6))?.description
                == "malformed pickle: PROTO at byte 0 names protocol 6; poolmap reads 2 to 5")
        #expect(
            Self.error([0x80, 4, 0x95] + Self.le(100, 8) + [0x4E, 0x2E])?.kind
                == .truncated(opcode: "FRAME", needed: 100, remaining: 2))
    }

    @Test func memo() throws {
        // MEMOIZE numbers entries in order; BINPUT/LONG_BINPUT choose; BINGET/LONG_BINGET recall.
        let shared = try Self.read([0x8C, 1, 0x78, 0x94, 0x68, 0, 0x86])
        #expect(shared == .tuple([.string("x"), .string("x")]))
        let put = try Self.read(
            [0x4B, 5, 0x71, 9, 0x4B, 6, 0x72] + Self.le(70000, 4) + [0x6A] + Self.le(70000, 4) + [0x68, 9, 0x87])
        #expect(put == .tuple([.int(6), .int(6), .int(5)]))
        // A list memoized empty and filled afterwards is recalled filled (as Python shares it).
        let filled = try Self.read([0x5D, 0x94, 0x28, 0x4B, 1, 0x4B, 2, 0x65, 0x68, 0, 0x86])
        #expect(filled == .tuple([.list([.int(1), .int(2)]), .list([.int(1), .int(2)])]))
        let dict = try Self.read([0x5D, 0x7D, 0x94, 0x8C, 1, 0x6B, 0x4B, 1, 0x73, 0x61, 0x68, 0, 0x61])
        let inner = PickleValue.dict(PickleDict([(.string("k"), .int(1))]))
        #expect(dict == .list([inner, inner]))
        #expect(
            Self.error(Self.pickle([0x68, 3]))?.description
                == "malformed pickle: BINGET at byte 2 recalls memo entry 3, which was never stored")
    }

    @Test func realPicklesAtEachProtocol() throws {
        for proto in [2, 4, 5] {
            let value = try PickleReader.read(try Fixture.bytes("actions-p\(proto).pickle"))
            guard case .dict(let top) = value, case .list(let traces)? = top["device_traces"],
                case .list(let events)? = traces.first
            else {
                Issue.record("protocol \(proto): not a snapshot")
                continue
            }
            #expect(events.count == 16)
            guard case .dict(let first)? = events.first else { continue }
            #expect(first["addr"] == .int(0x7F00_0000_0000))
            #expect(first["action"] == .string("segment_alloc"))
        }
        // Protocol 2 memoizes with BINPUT, 4 and 5 with MEMOIZE: the same value either way.
        #expect(
            try PickleReader.read(try Fixture.bytes("actions-p2.pickle"))
                == PickleReader.read(try Fixture.bytes("actions-p4.pickle")))
    }

    // MARK: Refusals

    @Test func objectConstructionIsRefusedWithItsByte() {
        let cases: [(UInt8, String)] = [
            (0x63, "GLOBAL"), (0x93, "STACK_GLOBAL"), (0x52, "REDUCE"), (0x62, "BUILD"), (0x69, "INST"),
            (0x6F, "OBJ"), (0x81, "NEWOBJ"), (0x92, "NEWOBJ_EX"), (0x82, "EXT1"), (0x50, "PERSID"), (0x51, "BINPERSID"),
        ]
        for (code, name) in cases {
            let bytes = Self.pickle([0x4E, 0x4E, code])
            let hex = code < 0x10 ? "0x0\(String(code, radix: 16))" : "0x\(String(code, radix: 16))"
            #expect(
                Self.error(bytes)?.description
                    == "pickle opcode \(name) (\(hex)) at byte 4 would construct an object; poolmap reads plain data only"
            )
        }
        // The classic exploit: GLOBAL os.system, then REDUCE. Refused at GLOBAL, nothing read past it.
        let exploit: [UInt8] = [0x80, 2, 0x63] + Array("os\nsystem\n".utf8) + [0x8C, 2, 0x6C, 0x73, 0x85, 0x52, 0x2E]
        let error = SnapshotError.pickle(Self.error(exploit)!)
        #expect(
            error.message(fileName: "snap.pickle")
                == "snap.pickle: pickle opcode GLOBAL (0x63) at byte 2 would construct an object; poolmap reads plain data only"
        )
        #expect(error.exitStatus == 2)
    }

    @Test func otherOpcodesAreUnsupportedOrUnknown() {
        #expect(
            Self.error(Self.pickle([0x43, 1, 0x41]))?.description
                == "pickle opcode SHORT_BINBYTES (0x43) at byte 2 is not supported; poolmap reads only the opcodes of plain data (docs/formats.md lists them)"
        )
        #expect(Self.error(Self.pickle([0x4E, 0x30]))?.kind == .unsupportedOpcode(opcode: "POP", code: 0x30))
        #expect(Self.error(Self.pickle([0x8F]))?.kind == .unsupportedOpcode(opcode: "EMPTY_SET", code: 0x8F))
        #expect(
            Self.error([0xFF])?.description
                == "byte 0 holds 0xff, which is no pickle opcode: not a pickle, or a damaged one")
        #expect(Self.error(Array("# a trace\na 0 10\n".utf8))?.kind == .unknownOpcode(code: 0x23))
    }

    @Test func malformedSequences() {
        #expect(
            Self.error(Self.pickle([0x61]))?.description
                == "malformed pickle: APPEND at byte 2 finds no value on the stack")
        #expect(
            Self.error(Self.pickle([0x4E, 0x65]))?.description
                == "malformed pickle: APPENDS at byte 3 has no MARK before it")
        #expect(
            Self.error(Self.pickle([0x4E, 0x4E, 0x61]))?.description
                == "malformed pickle: APPEND at byte 4 appends to None, not a list")
        #expect(
            Self.error(Self.pickle([0x7D, 0x28, 0x4E, 0x75]))?.kind
                == .malformed(opcode: "SETITEMS", reason: "has a key without a value (1 items)"))
        #expect(
            Self.error(Self.pickle([0x7D, 0x5D, 0x4E, 0x73]))?.kind
                == .malformed(
                    opcode: "SETITEM", reason: "has a list as a dict key; poolmap reads string and integer keys"))
        #expect(
            Self.error(Self.pickle([0x86]))?.kind == .malformed(opcode: "TUPLE2", reason: "needs 2 values on the stack")
        )
        #expect(
            Self.error(Self.pickle([0x8C, 2, 0xC3, 0x28]))?.kind
                == .malformed(opcode: "SHORT_BINUNICODE", reason: "holds a string that is not valid UTF-8"))
        #expect(Self.error([0x80, 4, 0x2E])?.kind == .malformed(opcode: "STOP", reason: "finds no value on the stack"))
        #expect(
            Self.error(Self.pickle([0x4E]) + [0x4E])?.description
                == "1 bytes follow the pickle's STOP opcode at byte 3: a damaged file")
        #expect(Self.error([])?.description == "truncated pickle: it ends at byte 0 without its STOP opcode")
    }

    @Test func truncatedAtEveryByteOfAFixtureGivesOneClearError() throws {
        let bytes = try Fixture.bytes("actions-p4.pickle")
        for end in 0..<bytes.count {
            guard let error = Self.error(Array(bytes[0..<end])) else {
                Issue.record("a pickle cut at byte \(end) was read")
                continue
            }
            #expect(error.offset <= end, "cut at \(end): \(error)")
            #expect(error.description.contains("truncated pickle"), "cut at \(end): \(error)")
        }
        let protocol2 = try Fixture.bytes("actions-p2.pickle")
        for end in 0..<protocol2.count {
            #expect(Self.error(Array(protocol2[0..<end]))?.description.contains("truncated pickle") == true)
        }
    }

    @Test func garbageNeverTraps() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in 0..<600 {
            var bytes: [UInt8] = [0x80, 4]
            for _ in 0..<(length % 60) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(UInt8(truncatingIfNeeded: state >> 56))
            }
            _ = Self.error(bytes)  // a value or one error; never a trap
        }
        #expect(
            Self.error([0x80, 4, 0x8D] + Self.le(UInt64.max, 8))?.kind
                == .truncated(opcode: "BINUNICODE8", needed: Int.max, remaining: 0))
        #expect(
            Self.error([0x80, 4, 0x58] + Self.le(0xFFFF_FFFF, 4) + [0x41])?.kind
                == .truncated(opcode: "BINUNICODE", needed: 0xFFFF_FFFF, remaining: 1))
    }

    // MARK: Limits

    @Test func limitsAreTheDocumentedOnes() {
        #expect(PickleReader.maximumDepth == 1_000)
        #expect(PickleReader.maximumMemo == 10_000_000)
        #expect(PickleReader.maximumBytes == 4 << 30)
        #expect(PickleReader.Limits().depth == 1_000 && PickleReader.Limits().memo == 10_000_000)
    }

    @Test func nestingDeeperThanTheLimitIsRefused() throws {
        // 1,000 nested lists read; 1,001 do not — built by MARKs, and by TUPLE1 without any.
        func nested(_ depth: Int) -> [UInt8] {
            Self.pickle(
                [UInt8](repeating: 0x28, count: depth - 1) + [0x5D] + [UInt8](repeating: 0x6C, count: depth - 1))
        }
        #expect(throws: Never.self) { try PickleReader.read(nested(1_000)) }
        #expect(Self.error(nested(1_001))?.kind == .limit(reason: "the data nests deeper than 1,000 levels"))
        let tuples = Self.pickle([0x4E] + [UInt8](repeating: 0x85, count: 1_001))
        #expect(
            Self.error(tuples)?.description == "pickle refused at byte 1003: the data nests deeper than 1,000 levels")
        let appended = Self.pickle(
            [0x5D] + [UInt8](repeating: 0x5D, count: 1_000) + [UInt8](repeating: 0x61, count: 1_000))
        #expect(Self.error(appended)?.kind == .limit(reason: "the data nests deeper than 1,000 levels"))
        #expect(
            Self.error(Self.pickle([UInt8](repeating: 0x28, count: 1_001)))?.kind
                == .limit(reason: "more than 1,000 MARKs open at once"))
    }

    @Test func memoAndStackLimits() {
        var limits = PickleReader.Limits()
        limits.memo = 3
        let four = Self.pickle([0x4E, 0x94, 0x94, 0x94, 0x94])
        #expect(Self.error(four, limits: limits)?.kind == .limit(reason: "more than 3 memo entries"))
        #expect(Self.error(Self.pickle([0x4E, 0x94, 0x94, 0x94]), limits: limits) == nil)
        // Overwriting an entry adds none.
        #expect(Self.error(Self.pickle([0x4E, 0x71, 1, 0x71, 1, 0x71, 1, 0x71, 1]), limits: limits) == nil)
        limits.stack = 2
        #expect(Self.error(Self.pickle([0x4E, 0x4E, 0x4E]), limits: limits)?.offset == 4)
    }
}
