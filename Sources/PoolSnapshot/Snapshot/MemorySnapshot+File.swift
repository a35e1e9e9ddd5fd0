import PoolFiles

extension MemorySnapshot {
    /// Reads the snapshot file at `path` in one go (at most `PickleReader.maximumBytes`).
    /// - Throws: `SnapshotError.unreadable` with the system's reason, or what `read` throws.
    public static func load(path: String) throws(SnapshotError) -> MemorySnapshot {
        try read(try contents(ofPath: path))
    }

    /// The file's bytes, refusing one larger than `PickleReader.maximumBytes` as soon as what
    /// was read exceeds it.
    /// - Complexity: O(bytes); a regular file is read into an array of its size, never grown.
    public static func contents(ofPath path: String) throws(SnapshotError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(FileSystem.regularFileSize(path) ?? 0, PickleReader.maximumBytes))
        var tooLarge: Int?
        do {
            try FileSystem.readPieces(ofPath: path) { piece in
                guard bytes.count <= PickleReader.maximumBytes - piece.count else {
                    tooLarge = bytes.count + piece.count
                    return false
                }
                bytes.append(contentsOf: piece)
                return true
            }
        } catch {
            throw .unreadable(reason: "cannot read \(path): \(error.description)")
        }
        if let tooLarge { throw .pickle(PickleError(.tooLarge(bytes: tooLarge), at: 0)) }
        return bytes
    }
}
