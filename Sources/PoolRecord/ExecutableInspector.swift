import PoolFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decides, before anything runs, whether `LD_PRELOAD` can reach a program's allocator: an ELF
/// executable must have a program interpreter (`PT_INTERP`: the dynamic loader, which is what
/// reads `LD_PRELOAD`) and be built for this machine; a `#!` script is judged by its interpreter.
/// Without a program interpreter the program is statically linked (or a static PIE): its
/// malloc is inside it, and nothing could be recorded.
public enum ExecutableInspector {
    /// Why a program cannot be recorded.
    public enum Refusal: Error, Equatable {
        /// An ELF executable without a program interpreter.
        case staticallyLinked(path: String)
        /// An ELF file for another machine or word size than this poolmap's tracer.
        case foreignMachine(path: String, what: String)
        /// Neither an ELF executable nor a `#!` script (or a malformed one).
        case notAProgram(path: String, why: String)
        /// A `#!` line whose interpreter is missing or cannot be executed.
        case badInterpreter(script: String, interpreter: String, reason: String)
        /// The file could not be read.
        case unreadable(path: String, reason: String)
    }

    /// The ELF identity of a program: word size, byte order, machine.
    package struct Machine: Equatable, Sendable {
        package var is64Bit: Bool
        package var isLittleEndian: Bool
        package var code: UInt16

        /// This process's own: the tracer is compiled for it.
        package static let current: Machine? = {
            guard let bytes = try? FileSystem.readPrefix("/proc/self/exe", limit: 64),
                case .elf(let elf) = parse(bytes)
            else { return nil }
            return elf.machine
        }()

        var description: String {
            let names: [UInt16: String] = [
                3: "x86", 62: "x86-64", 40: "ARM", 183: "AArch64", 243: "RISC-V",
                8: "MIPS", 21: "PowerPC64", 20: "PowerPC", 22: "S/390",
            ]
            return "\(is64Bit ? 64 : 32)-bit \(names[code] ?? "machine \(code)")"
        }
    }

    /// How deep `#!` interpreters may nest (Linux stops after a few as well).
    static let maximumInterpreterDepth = 4

    /// Checks the program at `path` (already resolved and executable); throws why not.
    package static func check(_ path: String, machine: Machine? = Machine.current) throws(Refusal) {
        try check(path, machine: machine, depth: 0)
    }

    private static func check(_ path: String, machine: Machine?, depth: Int) throws(Refusal) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: FileSystem.reason()) }
        defer { close(descriptor) }
        let prefix: [UInt8]
        do {
            prefix = try FileSystem.readPrefix(descriptor: descriptor, path: path, offset: 0, limit: 512)
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        switch parse(prefix) {
        case .elf(let elf):
            if let machine, elf.machine != machine {
                throw .foreignMachine(path: path, what: elf.machine.description)
            }
            guard elf.type == 2 || elf.type == 3 else {
                throw .notAProgram(path: path, why: "an ELF file that is not an executable")
            }
            guard try hasProgramInterpreter(elf, descriptor: descriptor, path: path) else {
                throw .staticallyLinked(path: path)
            }
        case .script(let interpreter):
            guard depth < maximumInterpreterDepth else {
                throw .notAProgram(path: path, why: "its #! interpreters nest too deep")
            }
            switch CommandResolver.check(interpreter) {
            case .success:
                try check(interpreter, machine: machine, depth: depth + 1)
            case .failure(.notFound):
                throw .badInterpreter(script: path, interpreter: interpreter, reason: FileSystem.reason(ENOENT))
            case .failure(.notExecutable(_, let reason)):
                throw .badInterpreter(script: path, interpreter: interpreter, reason: reason)
            }
        case .malformed(let why):
            throw .notAProgram(path: path, why: why)
        }
    }

    /// An ELF header's figures.
    struct ElfHeader {
        var machine: Machine
        var type: UInt16
        var programHeaderOffset: UInt64
        var programHeaderSize: Int
        var programHeaderCount: Int
    }

    enum Format {
        case elf(ElfHeader)
        case script(interpreter: String)
        case malformed(String)
    }

    /// What the first bytes of a file say it is.
    static func parse(_ bytes: [UInt8]) -> Format {
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "#"), bytes[1] == UInt8(ascii: "!") {
            return shebang(bytes)
        }
        guard bytes.count >= 4, bytes[0..<4].elementsEqual([0x7F, 0x45, 0x4C, 0x46]) else {
            return .malformed("neither an ELF executable nor a #! script")
        }
        guard bytes.count >= 52, bytes[4] == 1 || bytes[4] == 2, bytes[5] == 1 || bytes[5] == 2 else {
            return .malformed("a truncated or malformed ELF file")
        }
        let is64Bit = bytes[4] == 2
        let little = bytes[5] == 1
        func field(_ offset: Int, _ width: Int) -> UInt64 {
            var value: UInt64 = 0
            for index in 0..<width {
                let byte = UInt64(bytes[offset + (little ? width - 1 - index : index)])
                value = value << 8 | byte
            }
            return value
        }
        if is64Bit, bytes.count < 64 { return .malformed("a truncated or malformed ELF file") }
        let machine = Machine(is64Bit: is64Bit, isLittleEndian: little, code: UInt16(field(18, 2)))
        return .elf(
            ElfHeader(
                machine: machine, type: UInt16(field(16, 2)),
                programHeaderOffset: is64Bit ? field(32, 8) : field(28, 4),
                programHeaderSize: Int(is64Bit ? field(54, 2) : field(42, 2)),
                programHeaderCount: Int(is64Bit ? field(56, 2) : field(44, 2))))
    }

    /// The interpreter of a `#!` line (the kernel's reading: blanks, then the path up to a blank).
    private static func shebang(_ bytes: [UInt8]) -> Format {
        var line = bytes.dropFirst(2).prefix { $0 != UInt8(ascii: "\n") }
        line = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let path = line.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != 0 }
        guard !path.isEmpty else { return .malformed("a #! line without an interpreter") }
        return .script(interpreter: String(decoding: path, as: UTF8.self))
    }

    /// Whether one of the program headers is `PT_INTERP`.
    private static func hasProgramInterpreter(_ elf: ElfHeader, descriptor: Int32, path: String) throws(Refusal) -> Bool
    {
        let minimumEntry = elf.machine.is64Bit ? 56 : 32
        guard elf.programHeaderCount > 0 else { return false }
        guard elf.programHeaderSize >= minimumEntry, elf.programHeaderCount <= 4096,
            elf.programHeaderOffset <= UInt64(Int32.max)
        else {
            throw .notAProgram(path: path, why: "a malformed ELF file (its program headers)")
        }
        let count = elf.programHeaderCount * elf.programHeaderSize
        let table: [UInt8]
        do {
            table = try FileSystem.readPrefix(
                descriptor: descriptor, path: path, offset: Int(elf.programHeaderOffset), limit: count)
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        guard table.count == count else {
            throw .notAProgram(path: path, why: "a truncated ELF file (its program headers)")
        }
        let interpreterType: UInt32 = 3  // PT_INTERP
        for entry in stride(from: 0, to: count, by: elf.programHeaderSize) {
            let type =
                elf.machine.isLittleEndian
                ? UInt32(table[entry]) | UInt32(table[entry + 1]) << 8 | UInt32(table[entry + 2]) << 16
                    | UInt32(table[entry + 3]) << 24
                : UInt32(table[entry + 3]) | UInt32(table[entry + 2]) << 8 | UInt32(table[entry + 1]) << 16
                    | UInt32(table[entry]) << 24
            if type == interpreterType { return true }
        }
        return false
    }
}
