#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MemorySnapshot {
    /// Reads the snapshot file at `path` in one go (at most `PickleReader.maximumBytes`).
    /// - Throws: `SnapshotError.unreadable` with the system's reason, or what `read` throws.
    public static func load(path: String) throws(SnapshotError) -> MemorySnapshot {
        try read(try contents(ofPath: path))
    }

    /// The file's bytes, refusing one larger than `PickleReader.maximumBytes` before reading it.
    public static func contents(ofPath path: String) throws(SnapshotError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw .unreadable(reason: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var piece = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = piece.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 {
                guard bytes.count <= PickleReader.maximumBytes - count else {
                    throw .pickle(PickleError(.tooLarge(bytes: bytes.count + count), at: 0))
                }
                bytes.append(contentsOf: piece[0..<count])
            }
            if count < piece.count {
                if ferror(file) != 0 {
                    throw .unreadable(reason: "cannot read \(path): \(String(cString: strerror(errno)))")
                }
                return bytes
            }
        }
    }
}
