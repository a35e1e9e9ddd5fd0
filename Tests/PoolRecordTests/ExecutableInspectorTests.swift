import Foundation
import Testing

@testable import PoolRecord

@Suite struct ExecutableInspectorTests {
    func refusal(_ path: String) -> ExecutableInspector.Refusal? {
        do {
            try ExecutableInspector.check(path)
            return nil
        } catch {
            return error
        }
    }

    @Test func dynamicProgramsPass() throws {
        #expect(refusal("/bin/sh") == nil)
        #expect(refusal("/usr/bin/env") == nil)
        let crafted = try Scratch.file("dynamic", ElfImage.bytes(programHeaders: ElfImage.dynamic), mode: 0o755)
        #expect(refusal(crafted) == nil)
    }

    @Test func staticProgramsAreRefused() throws {
        let staticPIE = try Scratch.file("static-pie", ElfImage.bytes(programHeaders: ElfImage.staticPIE), mode: 0o755)
        #expect(refusal(staticPIE) == .staticallyLinked(path: staticPIE))
        let classic = try Scratch.file("static", ElfImage.bytes(type: 2, programHeaders: [1, 1, 4]), mode: 0o755)
        #expect(refusal(classic) == .staticallyLinked(path: classic))
        let none = try Scratch.file("none", ElfImage.bytes(programHeaders: []), mode: 0o755)
        #expect(refusal(none) == .staticallyLinked(path: none))
        // A real one: Debian's ldconfig is a static PIE.
        if FileManager.default.isExecutableFile(atPath: "/sbin/ldconfig") {
            #expect(refusal("/sbin/ldconfig") == .staticallyLinked(path: "/sbin/ldconfig"))
        }
    }

    @Test func otherMachinesAndWordSizesAreRefused() throws {
        let arm = try Scratch.file("arm", ElfImage.bytes(machine: 0x1234, programHeaders: ElfImage.dynamic))
        #expect(refusal(arm) == .foreignMachine(path: arm, what: "64-bit machine 4660"))
        let small = try Scratch.file(
            "x86", ElfImage.bytes(is64Bit: false, machine: 3, programHeaders: ElfImage.dynamic))
        #expect(refusal(small) == .foreignMachine(path: small, what: "32-bit x86"))
        let big = try Scratch.file("big", ElfImage.bytes(littleEndian: false, programHeaders: ElfImage.dynamic))
        #expect(refusal(big) != nil)
    }

    @Test func malformedFilesAreRefusedWithoutTrapping() throws {
        let text = try Scratch.file("text", "echo hi\n", mode: 0o755)
        #expect(refusal(text) == .notAProgram(path: text, why: "neither an ELF executable nor a #! script"))
        let empty = try Scratch.file("empty", [UInt8](), mode: 0o755)
        #expect(refusal(empty) == .notAProgram(path: empty, why: "neither an ELF executable nor a #! script"))
        var truncated = ElfImage.bytes(programHeaders: ElfImage.dynamic)
        truncated.removeLast(30)
        let cut = try Scratch.file("cut", truncated)
        #expect(refusal(cut) == .notAProgram(path: cut, why: "a truncated ELF file (its program headers)"))
        let header = try Scratch.file("header", Array(ElfImage.bytes(programHeaders: [])[0..<40]))
        #expect(refusal(header) == .notAProgram(path: header, why: "a truncated or malformed ELF file"))
        let tiny = try Scratch.file("tiny", ElfImage.bytes(programHeaders: [3], entrySize: 8))
        #expect(refusal(tiny) == .notAProgram(path: tiny, why: "a malformed ELF file (its program headers)"))
        let many = try Scratch.file("many", ElfImage.bytes(programHeaders: [3], count: 65535))
        #expect(refusal(many) == .notAProgram(path: many, why: "a malformed ELF file (its program headers)"))
        let object = try Scratch.file("object.o", ElfImage.bytes(type: 1, programHeaders: []))
        #expect(refusal(object) == .notAProgram(path: object, why: "an ELF file that is not an executable"))
        // Hostile values in every header field: never a trap.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var bytes = ElfImage.bytes(programHeaders: ElfImage.dynamic)
            for _ in 0..<4 {
                bytes[Int.random(in: 4..<64, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            let path = try Scratch.file("fuzz", bytes)
            _ = refusal(path)
        }
    }

    @Test func scriptsAreJudgedByTheirInterpreter() throws {
        let shell = try Scratch.file("shell", "#!/bin/sh\necho hi\n", mode: 0o755)
        #expect(refusal(shell) == nil)
        let env = try Scratch.file("env", "#! /usr/bin/env python3 -u\n", mode: 0o755)
        #expect(refusal(env) == nil)
        let staticInterpreter = try Scratch.file(
            "static", ElfImage.bytes(programHeaders: ElfImage.staticPIE), mode: 0o755)
        let script = try Scratch.file("script", "#!\(staticInterpreter)\n", mode: 0o755)
        #expect(refusal(script) == .staticallyLinked(path: staticInterpreter))
        let missing = try Scratch.file("missing", "#!/nonexistent/interpreter arg\n", mode: 0o755)
        #expect(
            refusal(missing)
                == .badInterpreter(
                    script: missing, interpreter: "/nonexistent/interpreter",
                    reason: "No such file or directory"))
        let blank = try Scratch.file("blank", "#!   \nexit\n", mode: 0o755)
        #expect(refusal(blank) == .notAProgram(path: blank, why: "a #! line without an interpreter"))
        // A script whose interpreter is itself a script, and so on: a few levels, not forever.
        let loop = try Scratch.folder() + "/loop"
        try Data("#!\(loop)\n".utf8).write(to: URL(fileURLWithPath: loop))
        chmod(loop, 0o755)
        #expect(refusal(loop) == .notAProgram(path: loop, why: "its #! interpreters nest too deep"))
    }
}
