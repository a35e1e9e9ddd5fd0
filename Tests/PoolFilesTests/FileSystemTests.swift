import Foundation
import Testing

@testable import PoolFiles

/// The one set of file helpers: paths split as `FilePath` splits them, files read in pieces and
/// written whole, and the system's reasons when they cannot be.
@Suite struct FileSystemTests {
    /// A fresh folder for one test.
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "poolfiles-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func pathsSplitIntoFolderAndName() {
        #expect(FileSystem.split("demos/x.pool") == ("demos/", "x.pool"))
        #expect(FileSystem.split("x.pool") == ("", "x.pool"))
        #expect(FileSystem.split("/x") == ("/", "x"))
        #expect(FileSystem.split("a/b/") == ("a/b/", ""))
        #expect(FileSystem.split("./a/x") == ("./a/", "x"))
        #expect(FileSystem.directory(of: "a/b/c.trace") == "a/b")
        #expect(FileSystem.directory(of: "c.trace") == ".")
        #expect(FileSystem.directory(of: "/c.trace") == "/")
        #expect(FileSystem.baseName(of: "/usr/bin/awk") == "awk")
        #expect(FileSystem.baseName(of: "awk") == "awk")
        #expect(FileSystem.baseName(of: "tools/") == "tools")
        #expect(FileSystem.baseName(of: "/") == "")
    }

    @Test func aFileIsReadInPiecesAndWholeWhenSmall() throws {
        let path = try Self.folder() + "/t.trace"
        try FileSystem.createFile(path, text: "a 0 16\nf 0\n")
        var pieces: [[UInt8]] = []
        try FileSystem.readPieces(ofPath: path) {
            pieces.append(Array($0))
            return true
        }
        #expect(pieces == [Array("a 0 16\nf 0\n".utf8)])
        #expect(FileSystem.readText(path) == "a 0 16\nf 0\n")
        #expect(try FileSystem.readPrefix(path, limit: 3) == Array("a 0".utf8))
        #expect(FileSystem.regularFileSize(path) == 11)

        let big = String(repeating: "0123456789abcdef", count: FileSystem.pieceBytes / 8 + 3)
        try FileSystem.replaceFile(path, text: big)
        var sizes: [Int] = []
        var bytes: [UInt8] = []
        try FileSystem.readPieces(ofPath: path) { piece in
            sizes.append(piece.count)
            bytes += piece
            return true
        }
        #expect(sizes.count == 3 && sizes.allSatisfy { $0 <= FileSystem.pieceBytes })
        #expect(bytes == Array(big.utf8))
        // `body` stops the reading.
        var calls = 0
        try FileSystem.readPieces(ofPath: path) { _ in
            calls += 1
            return false
        }
        #expect(calls == 1)
    }

    @Test func failuresSayWhy() throws {
        let folder = try Self.folder()
        do {
            try FileSystem.readPieces(ofPath: folder + "/none") { _ in true }
            Issue.record("a missing file was read")
        } catch {
            #expect(error.description == "No such file or directory")
        }
        #expect(throws: SystemError(path: folder + "/none", reason: "No such file or directory")) {
            try FileSystem.readPrefix(folder + "/none", limit: 4)
        }
        #expect(throws: SystemError(path: folder, reason: "Is a directory")) {
            try FileSystem.replaceFile(folder, text: "x")
        }
        try FileSystem.createFile(folder + "/once", text: "1")
        #expect(throws: SystemError(path: folder + "/once", reason: "File exists")) {
            try FileSystem.createFile(folder + "/once", text: "2")
        }
        #expect(FileSystem.readText(folder + "/once") == "1")
        #expect(FileSystem.doesNotExist(folder + "/none") && FileSystem.doesNotExist(folder + "/once/x"))
        #expect(!FileSystem.doesNotExist(folder + "/once"))
    }

    @Test func foldersAreMadeWithTheirParents() throws {
        let folder = try Self.folder() + "/a/b/c"
        try FileSystem.makeDirectories(folder)
        #expect(FileSystem.status(folder).map(FileSystem.isDirectory) == true)
        try FileSystem.makeDirectories(folder)  // an existing folder is kept
        try FileSystem.createFile(folder + "/f", text: "")
        #expect(throws: SystemError(path: folder + "/f", reason: "Not a directory")) {
            try FileSystem.makeDirectories(folder + "/f")
        }
    }

    @Test func writeAllWritesEveryByte() throws {
        let path = try Self.folder() + "/w"
        let handle = try #require(
            FileHandle(
                forWritingAtPath: { () -> String in
                    FileManager.default.createFile(atPath: path, contents: nil)
                    return path
                }()))
        let text = String(repeating: "é😀\n", count: 100_000)
        #expect(FileSystem.writeAll(text, to: handle.fileDescriptor))
        try handle.close()
        #expect(FileSystem.readText(path, limit: 1 << 22) == text)
        #expect(!FileSystem.writeAll("x", to: -1))
    }
}
