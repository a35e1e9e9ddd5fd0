import Foundation
import Testing

@testable import PoolRecord

@Suite struct CommandResolverTests {
    @Test func namesAreLookedUpOnThePathInOrder() throws {
        let first = try Scratch.folder()
        let second = try Scratch.folder()
        _ = FileManager.default.createFile(
            atPath: first + "/tool", contents: Data("#!/bin/sh\n".utf8),
            attributes: [.posixPermissions: 0o644])
        _ = FileManager.default.createFile(
            atPath: second + "/tool", contents: Data("#!/bin/sh\n".utf8),
            attributes: [.posixPermissions: 0o755])
        // The first is not executable: the search goes on, as execvp's does.
        #expect(CommandResolver.resolve("tool", searchPath: "\(first):\(second)") == .success(second + "/tool"))
        #expect(CommandResolver.resolve("tool", searchPath: "/nonexistent:\(second)") == .success(second + "/tool"))
        #expect(CommandResolver.resolve("tool", searchPath: "/nonexistent") == .failure(.notFound))
        // Only non-executable candidates: that is the reason given.
        guard case .failure(.notExecutable(let path, _)) = CommandResolver.resolve("tool", searchPath: first) else {
            Issue.record("a file without x should not run")
            return
        }
        #expect(path == first + "/tool")
    }

    @Test func pathsAreTakenAsTheyAre() throws {
        let folder = try Scratch.folder()
        #expect(CommandResolver.resolve("/bin/sh", searchPath: "") == .success("/bin/sh"))
        #expect(CommandResolver.resolve(folder + "/missing", searchPath: nil) == .failure(.notFound))
        #expect(
            CommandResolver.resolve(folder, searchPath: nil)
                == .failure(.notExecutable(path: folder, reason: "it is a directory")))
        #expect(
            CommandResolver.resolve("/dev/null", searchPath: nil)
                == .failure(.notExecutable(path: "/dev/null", reason: "it is not a regular file")))
        #expect(CommandResolver.resolve("", searchPath: nil) == .failure(.notFound))
    }

    @Test func theDefaultPathIsGlibcs() {
        #expect(CommandResolver.resolve("sh", searchPath: nil) == .success("/bin/sh"))
    }
}
