import Testing

@testable import PoolScript

@Suite struct MtraceReaderTests {
    func read(_ text: String, fileName: String = "m.log") throws(SyntaxErrors) -> (Script, MtraceReader) {
        var reader = MtraceReader(fileName: fileName)
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { reader.feed($0) }
        let script = try reader.finish()
        return (script, reader)
    }

    func errors(_ text: String) -> String {
        do {
            _ = try read(text)
            return ""
        } catch {
            return error.description
        }
    }

    @Test func everyLineFormAndEveryCallerForm() throws {
        let log = """
            = Start
            @ ./prog:(main+17)[0x11ad] + 0x1000 0x64
            @ ./my prog:[0x11c0] + 0x2000 0
            @ [0x7f0011c0] + (nil) 0xffffffffffffffff
            + 0x3000 0x10
            @ ./prog:(main+3f)[0x11d5] < 0x1000
            @ ./prog:(main+3f)[0x11d5] > 0x4000 0x3e8
            @ ./prog:(grow-8)[0x11ea] ! 0x4000 0x7fffffffffffffff
            - 0x2000\r
            - 0x9000
            - 0x4000
            = End

            """
        let (script, reader) = try read(log)
        #expect(
            script.statements == [
                Statement(line: 2, action: .traceAlloc(id: 0, size: 100, alignment: nil)),
                Statement(line: 3, action: .traceAlloc(id: 1, size: 1, alignment: nil)),
                Statement(line: 5, action: .traceAlloc(id: 2, size: 16, alignment: nil)),
                Statement(line: 7, action: .traceRealloc(id: 0, size: 1000)),
                Statement(line: 9, action: .traceFree(id: 1)),
                Statement(line: 11, action: .traceFree(id: 0)),
            ])
        #expect(script.callSites[0] == "./prog:(main+17)")  // where it was allocated, not reallocated
        #expect(script.callSites[1] == "./my prog:[0x11c0]")
        #expect(script.callSites[2] == nil)
        #expect(reader.counts == MtraceReader.Counts(failedAllocations: 1, failedReallocs: 1, starts: 1))
        #expect(reader.idCounts.unknownFrees == 1)
        #expect(reader.notes.contains { $0.hasPrefix("1 failed allocations") })
        #expect(script.tracePoolSize == 2048)  // peak 16 + 1 + 100 + 1000 during the realloc
    }

    @Test func malformedLinesGetLineAndColumn() {
        #expect(
            errors(
                "= Start\n+ 0x10\n- 12\n? 0x10\n@ ./p:[0x1] x\n+ 0x10 0x8 9\n= Begin\n> 0x20 0x8\n+ 0x1 0x8000000000000000\n"
            )
                == """
                m.log:2:7: error: expected a blank, then more of the event
                + 0x10
                      ^
                m.log:3:3: error: expected an address in hex, like 0x55d8ce3cd4a0
                - 12
                  ^
                m.log:4:1: error: '? 0x' is not an mtrace event; expected + (allocation), - (free), < and > (realloc), ! (failed realloc) or = Start / = End
                ? 0x10
                ^
                m.log:5:1: error: a caller '@ …[0xADDR]' must be followed by a blank and an event
                @ ./p:[0x1] x
                ^
                m.log:6:12: error: unexpected '9' after the event
                + 0x10 0x8 9
                           ^
                m.log:7:1: error: '=' lines are '= Start' and '= End'
                = Begin
                ^
                m.log:8:1: error: a realloc's '>' line without its '<' line before it
                > 0x20 0x8
                ^
                m.log:9:7: error: size 0x8000000000000000 is too large
                + 0x1 0x8000000000000000
                      ^
                8 errors in m.log
                """)
        #expect(
            errors("< 0x10\n- 0x10\n").hasPrefix(
                "m.log:1:1: error: a realloc's '<' line without its '>' line\n< 0x10\n"))
        // Reported before the next line's own errors: in line order.
        #expect(
            errors("< 0x10\n? 0x10\n").split(separator: "\n").filter { $0.hasPrefix("m.log:") }.map { $0.prefix(8) }
                == ["m.log:1:", "m.log:2:"])
        #expect(errors("+ 0x11112222333344445 0x8\n").contains("an address of more than 64 bits"))
    }

    @Test func hostileInputGetsOneClearError() {
        #expect(errors("= Start\n+ 0x10\0 0x8\n").hasPrefix("m.log:2:7: error: binary file"))
        // Binary after a '<': the one diagnostic (found by the fuzz target).
        #expect(errors("< 0x99\n> 0x20 0x\0\n").components(separatedBy: "error:").count == 2)
        let long = "= Start\n+ " + String(repeating: "1", count: TraceScanner.maximumLineBytes + 10) + "\n- 0x10\n"
        #expect(errors(long).hasPrefix("m.log:2:1: error: line longer than 1 MiB"))
        // Read in small pieces, the same: the line is cut before its end is seen.
        var reader = MtraceReader(fileName: "m.log")
        let bytes = Array(long.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            for start in stride(from: 0, to: buffer.count, by: 4096) {
                reader.feed(UnsafeBufferPointer(rebasing: buffer[start..<min(start + 4096, buffer.count)]))
            }
        }
        #expect(throws: SyntaxErrors.self) { try reader.finish() }
        do {
            _ = try reader.finish()
        } catch {
            #expect(error.diagnostics.map(\.line) == [2])
        }
        #expect(errors("= Start\n+ 0x10 0x").contains("m.log:2:8: error: expected a size in hex"))
    }

    @Test func theFormatIsDetectedFromTheContentFirst() {
        func format(_ text: String, _ path: String = "x.pool") -> InputFormat {
            InputFormat.detect(prefix: Array(text.utf8)[...], path: path)
        }
        #expect(format("= Start\n@ ./p:[0x1] + 0x10 0x8\n") == .mtrace)
        #expect(format("\n@ ./p:(main+1)[0x1] + 0x10 0x8\n", "log.txt") == .mtrace)
        #expect(format("+ 0x10 0x8\n", "x.trace") == .mtrace)
        #expect(InputFormat.detect(prefix: [0x80, 0x04, 0x95][...], path: "snap.pool") == .snapshot)
        #expect(format("a 1 100\n", "x.trace") == .trace)
        #expect(format("20000\n2\n", "x.rep") == .trace)
        #expect(format("a = alloc 5\n", "x.pool") == .pool)
        #expect(format("a 1 100\n", "x.txt") == .pool)  // by name, as before
        #expect(format("", "x.rep") == .trace)
    }
}
