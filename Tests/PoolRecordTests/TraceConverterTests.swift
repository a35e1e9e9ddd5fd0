import Testing

@testable import PoolRecord
@testable import PoolScript

@Suite struct TraceConverterTests {
    typealias Record = RawTrace.Record
    typealias Kind = RawTrace.Kind

    static func alloc(_ address: UInt64, _ size: UInt64) -> Record {
        Record(address: address, size: size, aux: 0, kind: Kind.alloc)
    }
    static func aligned(_ address: UInt64, _ size: UInt64, _ alignment: UInt64) -> Record {
        Record(address: address, size: size, aux: alignment, kind: Kind.aligned)
    }
    static func free(_ address: UInt64) -> Record { Record(address: address, size: 0, aux: 0, kind: Kind.free) }
    static func from(_ address: UInt64) -> Record { Record(address: address, size: 0, aux: 0, kind: Kind.reallocFrom) }
    static func to(_ address: UInt64, _ size: UInt64, fromSlot: UInt64) -> Record {
        Record(address: address, size: size, aux: fromSlot, kind: Kind.reallocTo)
    }
    static let empty = Record(address: 0, size: 0, aux: 0, kind: 0)

    /// An image record and its text records, as the tracer writes them.
    static func image(_ number: UInt64, executed: String, binary: String) -> [Record] {
        let text = Array(executed.utf8) + [0] + Array(binary.utf8)
        var records = [Record(address: 0, size: UInt64(text.count), aux: number, kind: Kind.image)]
        for start in stride(from: 0, to: text.count, by: 24) {
            var chunk = Array(text[start..<min(start + 24, text.count)])
            let count = chunk.count
            chunk += [UInt8](repeating: 0, count: 24 - count)
            let words = chunk.withUnsafeBytes { buffer in
                (0..<3).map { buffer.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self).littleEndian }
            }
            records.append(
                Record(address: words[0], size: words[1], aux: words[2], kind: Kind.text, extra: UInt32(count)))
        }
        return records
    }

    func body(_ records: [Record]) -> String {
        String(decoding: TraceConverter.convert(records).body, as: UTF8.self)
    }

    @Test func everyKindOfEvent() {
        let records = [
            Self.alloc(0x1000, 24), Self.aligned(0x2000, 100, 64), Self.free(0x1000),
            Self.alloc(0x1000, 0),  // the same address again: a new id; 0 bytes count as 1
            Self.from(0x2000), Self.to(0x3000, 200, fromSlot: 4),  // slot 4 is the from record
            Self.free(0x3000), Self.free(0x1000),
        ]
        #expect(body(records) == "a 0 24\nm 1 100 64\nf 0\na 2 1\nr 1 200\nf 1\nf 2\n")
        let summary = TraceConverter.convert(records).summary
        #expect(summary.events == 7)
        #expect(summary.allocations == 2 && summary.alignedAllocations == 1)
        #expect(summary.frees == 3 && summary.reallocs == 1)
        #expect(summary.peakLiveBlocks == 2)
        // During the r the old (100) and the new block (200) are both live, with the 1-byte block.
        #expect(summary.peakLiveBytes == 301)
        #expect(summary.liveBlocksAtEnd == 0)
    }

    @Test func aReallocInPlaceKeepsItsId() {
        #expect(
            body([Self.alloc(0x10, 8), Self.from(0x10), Self.to(0x10, 16, fromSlot: 1), Self.free(0x10)])
                == "a 0 8\nr 0 16\nf 0\n")
    }

    @Test func anAddressHandedOutDuringARealloc() {
        // Thread A reallocs 0x10 to 0x20; the old address is released inside the call, and
        // thread B gets it before A's call returns: B's block is a new id, A's r keeps its own.
        let records = [
            Self.alloc(0x10, 8), Self.from(0x10), Self.alloc(0x10, 4), Self.to(0x20, 16, fromSlot: 1),
            Self.free(0x10), Self.free(0x20),
        ]
        #expect(body(records) == "a 0 8\na 1 4\nr 0 16\nf 1\nf 0\n")
        #expect(TraceConverter.convert(records).summary.reusedLiveAddresses == 0)
    }

    @Test func failedCallsAndUnknownMemory() {
        let records = [
            Self.alloc(0x10, 8),
            Self.empty,  // a realloc that failed: its slot stayed empty, the block is still live
            Self.free(0x999),  // memory from before the tracer: left out
            Self.from(0x777), Self.to(0x30, 64, fromSlot: 3),  // a realloc of unknown memory: an a
            Self.free(0x10),
        ]
        let converter = TraceConverter.convert(records)
        #expect(String(decoding: converter.body, as: UTF8.self) == "a 0 8\na 1 64\nf 0\n")
        #expect(converter.summary.unknownFrees == 2)
        #expect(converter.summary.liveBlocksAtEnd == 1)
        let text = String(decoding: converter.traceText(command: ["prog"], exitDescription: nil), as: UTF8.self)
        #expect(text.contains("# note: 2 frees of memory allocated before the tracer started are left out\n"))
    }

    @Test func anAllocationAtALiveAddressFreesTheEarlierBlockFirst() {
        let converter = TraceConverter.convert([Self.alloc(0x10, 8), Self.alloc(0x10, 9)])
        #expect(String(decoding: converter.body, as: UTF8.self) == "a 0 8\nf 0\na 1 9\n")
        #expect(converter.summary.reusedLiveAddresses == 1)
    }

    @Test func anExecFreesEveryLiveBlockAfterAComment() {
        var records = Self.image(0, executed: "/usr/bin/prog", binary: "/usr/bin/prog")
        records += [Self.alloc(0x10, 8), Self.alloc(0x20, 9), Self.alloc(0x30, 7), Self.free(0x20)]
        records += [Self.from(0x30)]  // a realloc cut short by the exec
        records += Self.image(1, executed: "/a/very/long/path/to/a/script/run.sh", binary: "/bin/bash")
        records += [Self.alloc(0x10, 5), Self.free(0x10)]
        records += Self.image(2, executed: "/usr/bin/python3", binary: "/usr/bin/python3")
        let converter = TraceConverter.convert(records)
        #expect(
            String(decoding: converter.body, as: UTF8.self) == """
                a 0 8
                a 1 9
                a 2 7
                f 1
                # exec /a/very/long/path/to/a/script/run.sh (/bin/bash)
                f 0
                f 2
                a 3 5
                f 3
                # exec /usr/bin/python3

                """)
        #expect(converter.summary.execs == ["/a/very/long/path/to/a/script/run.sh (/bin/bash)", "/usr/bin/python3"])
    }

    @Test func imageTextStaysOnOneLine() {
        let records = Self.image(1, executed: "/tmp/evil\nf 0", binary: "")
        #expect(String(decoding: TraceConverter.convert(records).body, as: UTF8.self) == "# exec /tmp/evil?f 0\n")
        // Cut short (the program died while writing it): what there is still counts.
        let cut = Array(Self.image(1, executed: String(repeating: "x", count: 60), binary: "/b").dropLast())
        #expect(
            String(decoding: TraceConverter.convert(cut).body, as: UTF8.self)
                == "# exec \(String(repeating: "x", count: 48))\n")
    }

    @Test func malformedRecordsAreLeftOut() {
        let records = [
            Record(address: 1, size: 1, aux: 0, kind: 99),
            Self.alloc(0x10, UInt64.max),
            Self.aligned(0x20, 8, UInt64.max),
            Record(address: 1, size: 1, aux: 0, kind: Kind.text),
            Self.aligned(0x30, 8, 0),  // alignment 0 reads as 1
        ]
        let converter = TraceConverter.convert(records)
        #expect(String(decoding: converter.body, as: UTF8.self) == "m 0 8 1\n")
        #expect(converter.summary.malformedRecords == 4)
    }

    @Test func theHeader() {
        let converter = TraceConverter.convert([Self.alloc(0x10, 300), Self.alloc(0x20, 200), Self.free(0x10)])
        let text = String(
            decoding: converter.traceText(
                command: ["python3", "-c", "print(1)"], exitDescription: "status 0",
                notes: ["one\nnote"]), as: UTF8.self)
        #expect(
            text == """
                # command: python3 -c 'print(1)'
                # events: 3
                # peak_live_bytes: 500
                # peak_live_blocks: 2
                # exit: status 0
                # note: one?note
                a 0 300
                a 1 200
                f 0

                """)
    }

    /// Whatever the records, the trace parses, every f and r names a live id, and it replays
    /// without a runtime error.
    @Test func randomRecordsAlwaysMakeAConsistentTrace() throws {
        var generator = SplitMix(seed: 11)
        for round in 0..<40 {
            var records: [Record] = []
            var slots: [UInt64] = []
            for _ in 0..<300 {
                let address = UInt64(generator.next() % 24) * 16
                switch generator.next() % 9 {
                case 0, 1, 2: records.append(Self.alloc(address, generator.next() % 300))
                case 3: records.append(Self.aligned(address, generator.next() % 300, 1 << (generator.next() % 9)))
                case 4, 5: records.append(Self.free(address))
                case 6:
                    slots.append(UInt64(records.count))
                    records.append(Self.from(address))
                case 7:
                    let slot = slots.isEmpty ? generator.next() % 500 : slots.removeLast()
                    records.append(Self.to(address, generator.next() % 300, fromSlot: slot))
                default:
                    if generator.next() % 4 == 0 {
                        records += Self.image(generator.next() % 3, executed: "/bin/x", binary: "/bin/y")
                    } else {
                        records.append(
                            Record(
                                address: address, size: generator.next(), aux: generator.next(),
                                kind: UInt32(generator.next() % 9), extra: UInt32(generator.next() % 40)))
                    }
                }
            }
            let converter = TraceConverter.convert(records)
            let text = converter.traceText(command: ["fuzz"], exitDescription: nil)
            let script = try TraceParser.parse(text, fileName: "fuzz-\(round).trace")
            #expect(script.statements.count == converter.summary.events)
            let report = try RunReport.run(script, poolSize: ScriptRunner.defaultPoolSize(for: script))
            #expect(report.errorLines == [], "round \(round)")
            // The same peak as the default pool size's, short of saturating sums of hostile sizes.
            let peak = converter.summary.peakLiveBytes
            #expect(peak > Int.max / 2 || script.tracePoolSize >= peak + peak / 4)
        }
    }
}

/// A small deterministic generator for the fuzz tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
