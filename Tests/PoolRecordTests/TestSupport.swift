import Foundation
import PoolFiles
import Testing

@testable import PoolRecord

/// Scratch files for the PoolRecord tests: one folder per test process, removed at exit.
enum Scratch {
    static let root: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poolrecord-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.root) }
        return folder
    }()

    /// A new empty folder.
    static func folder() throws -> String {
        let url = root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Writes `bytes` to `name` in a new folder, with `mode`, and returns its path.
    static func file(_ name: String, _ bytes: [UInt8], mode: Int = 0o644) throws -> String {
        let path = try folder() + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    static func file(_ name: String, _ text: String, mode: Int = 0o644) throws -> String {
        try file(name, Array(text.utf8), mode: mode)
    }
}

/// A minimal ELF file: a header and program headers of the given types, nothing else.
enum ElfImage {
    static func bytes(
        is64Bit: Bool = true, littleEndian: Bool = true, type: UInt16 = 3, machine: UInt16? = nil,
        programHeaders: [UInt32], entrySize: Int? = nil, count: Int? = nil
    ) -> [UInt8] {
        let machine = machine ?? ExecutableInspector.Machine.current?.code ?? 62
        let headerSize = is64Bit ? 64 : 52
        let entry = entrySize ?? (is64Bit ? 56 : 32)
        var bytes = [UInt8](repeating: 0, count: headerSize + programHeaders.count * max(entry, 4))
        func put(_ value: UInt64, at offset: Int, width: Int) {
            for index in 0..<width {
                let byte = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))
                bytes[offset + (littleEndian ? index : width - 1 - index)] = byte
            }
        }
        bytes[0...3] = [0x7F, 0x45, 0x4C, 0x46]
        bytes[4] = is64Bit ? 2 : 1
        bytes[5] = littleEndian ? 1 : 2
        bytes[6] = 1
        put(UInt64(type), at: 16, width: 2)
        put(UInt64(machine), at: 18, width: 2)
        if is64Bit {
            put(UInt64(headerSize), at: 32, width: 8)
            put(UInt64(entry), at: 54, width: 2)
            put(UInt64(count ?? programHeaders.count), at: 56, width: 2)
        } else {
            put(UInt64(headerSize), at: 28, width: 4)
            put(UInt64(entry), at: 42, width: 2)
            put(UInt64(count ?? programHeaders.count), at: 44, width: 2)
        }
        for (index, type) in programHeaders.enumerated() {
            put(UInt64(type), at: headerSize + index * max(entry, 4), width: 4)
        }
        return bytes
    }

    /// PT_LOAD, PT_INTERP, PT_DYNAMIC: a dynamically linked program.
    static let dynamic: [UInt32] = [6, 3, 1, 1, 2]
    /// PT_LOAD and PT_DYNAMIC but no PT_INTERP: a static PIE.
    static let staticPIE: [UInt32] = [1, 1, 2, 0x6474_E551]
}

/// The C compiler the tests compile their programs with: clang, else cc.
enum TestCompiler {
    static let path: String? = {
        for name in ["clang", "cc", "gcc"] {
            if case .success(let path) = CommandResolver.resolve(
                name, searchPath: ProcessInfo.processInfo.environment["PATH"])
            {
                return path
            }
        }
        return nil
    }()
}

/// The exercise program (Fixtures/tracer-exercise.c), compiled once without optimisation or
/// builtins, so every allocation call in it stays a call.
enum Exercise {
    static func path() throws -> String { try compiled.get() }

    private static let compiled: Result<String, Error> = Result {
        let compiler = try #require(TestCompiler.path, "the tests need clang or cc on PATH")
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/tracer-exercise.c").path
        let output = try Scratch.folder() + "/tracer-exercise"
        let log = output + ".log"
        let status = try Subprocess.run(
            compiler, arguments: [compiler, "-O0", "-fno-builtin", "-pthread", "-w", "-o", output, source],
            outputPath: log)
        guard status == 0 else { throw SystemError(path: source, reason: FileSystem.readText(log)) }
        return output
    }
}
