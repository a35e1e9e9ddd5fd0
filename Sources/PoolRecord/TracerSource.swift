/// The allocation tracer as poolmap carries it: C source text (`TracerSource.text`, generated
/// from `Tracer/poolmap-tracer.c`), the flags it is compiled with, and the name of the shared
/// library built from them, keyed by a hash of both so a changed tracer never meets an old build.
package enum TracerSource {
    /// Compiler flags: a position-independent shared library exporting only the interposed
    /// functions.
    package static let compileFlags = ["-std=gnu11", "-O2", "-fPIC", "-shared", "-fvisibility=hidden", "-pthread"]

    /// Libraries linked after the source (`dlsym` lives in libdl before glibc 2.34).
    package static let linkFlags = ["-ldl"]

    /// The machine the library is built for, part of its name (a home folder shared between
    /// machines keeps one build per machine).
    package static let machine: String = {
        #if arch(x86_64)
        return "x86_64"
        #elseif arch(arm64)
        return "aarch64"
        #elseif arch(i386)
        return "i386"
        #elseif arch(arm)
        return "arm"
        #else
        return "other"
        #endif
    }()

    /// FNV-1a (64 bits) of the source, the flags and the machine, in hexadecimal.
    package static let key: String = {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let material = text + "\u{0}" + (compileFlags + linkFlags).joined(separator: " ") + "\u{0}" + machine
        for byte in material.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }()

    /// The library's file name in the cache folder.
    package static var libraryName: String { "poolmap-tracer-\(key)-\(machine).so" }
}
