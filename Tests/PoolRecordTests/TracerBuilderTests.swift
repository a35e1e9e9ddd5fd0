import Foundation
import Testing

@testable import PoolRecord

/// Building the tracer: into a fresh cache, once, safely when several start at once.
@Suite(.serialized) struct TracerBuilderTests {
    static var searchPath: String? { ProcessInfo.processInfo.environment["PATH"] }

    func builder(
        cacheHome: String?, home: String? = nil, temporary: String? = nil, path: String? = searchPath
    )
        -> TracerBuilder
    {
        TracerBuilder(searchPath: path, cacheHome: cacheHome, home: home, temporaryFolder: temporary)
    }

    func contents(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func theCacheFolders() {
        let folders = builder(cacheHome: "/c", home: "/h", temporary: "/t").cacheFolders
        #expect(folders == ["/c/poolmap", "/h/.cache/poolmap", "/t/poolmap-cache-\(getuid())"])
        // Relative or unset values are ignored, as the XDG rules say.
        #expect(builder(cacheHome: "rel", home: nil, temporary: nil).cacheFolders == ["/tmp/poolmap-cache-\(getuid())"])
    }

    @Test func concurrentFirstUsesAllGetOneCompleteLibrary() async throws {
        _ = try #require(TestCompiler.path, "poolmap record and its tests need clang or cc on PATH")
        let cache = try Scratch.folder()
        let builder = self.builder(cacheHome: cache)
        let paths = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<3 { group.addTask { try builder.library() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let expected = "\(cache)/poolmap/\(TracerSource.libraryName)"
        #expect(paths == [expected, expected, expected])
        // One library, no leftovers of the builds (their sources, logs and private outputs).
        #expect(contents(cache + "/poolmap") == [TracerSource.libraryName])
        let library = try Data(contentsOf: URL(fileURLWithPath: expected))
        #expect(library.starts(with: [0x7F, 0x45, 0x4C, 0x46]))
        // The library exports the interposed functions, and only them of the tracer's own.
        let handle = try #require(dlopen(expected, RTLD_NOW | RTLD_LOCAL))
        defer { dlclose(handle) }
        for name in [
            "malloc", "calloc", "realloc", "reallocarray", "free", "posix_memalign", "aligned_alloc",
            "memalign", "valloc", "pvalloc",
        ] {
            #expect(dlsym(handle, name) != nil, "\(name) not exported")
        }
        #expect(dlsym(handle, "put_at") == nil && dlsym(handle, "bootstrap_alloc") == nil)
        // The folder is private.
        var status = stat()
        #expect(stat(cache + "/poolmap", &status) == 0 && status.st_mode & 0o077 == 0)
        // A second use finds it: nothing is compiled (no compiler on PATH is needed).
        #expect(try self.builder(cacheHome: cache, path: "/nonexistent").library() == expected)
    }

    @Test func noCompilerIsAClearError() throws {
        let cache = try Scratch.folder()
        let empty = try Scratch.folder()
        #expect(throws: TracerBuilder.Failure.noCompiler(searched: ["clang", "cc", "gcc"])) {
            try builder(cacheHome: cache, path: empty).library()
        }
        let message = TracerBuilder.Failure.noCompiler(searched: ["clang", "cc", "gcc"]).description
        #expect(message.contains("needs a C compiler") && message.contains("Install clang or gcc"))
        #expect(contents(cache + "/poolmap") == [], "nothing left behind")
    }

    @Test func aFailingCompilerIsReportedWithItsMessages() throws {
        let cache = try Scratch.folder()
        let bin = try Scratch.folder()
        let fake = bin + "/cc"
        try Data("#!/bin/sh\necho 'fake-cc: cannot compile today' >&2\nexit 3\n".utf8).write(
            to: URL(fileURLWithPath: fake))
        chmod(fake, 0o755)
        do {
            _ = try builder(cacheHome: cache, path: bin).library()
            Issue.record("a failing compiler should fail the build")
        } catch {
            #expect(error.description.contains("\(fake):\nfake-cc: cannot compile today"))
        }
        #expect(contents(cache + "/poolmap") == [], "nothing left behind")
    }

    @Test func anUnusableCacheFallsBackToAPrivateTemporaryFolder() throws {
        let notAFolder = try Scratch.file("cache-file", "x")
        let temporary = try Scratch.folder()
        // A library already there (from an earlier run): found without compiling.
        let fallback = "\(temporary)/poolmap-cache-\(getuid())"
        try FileManager.default.createDirectory(
            atPath: fallback, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        _ = FileManager.default.createFile(atPath: fallback + "/" + TracerSource.libraryName, contents: Data())
        let builder = self.builder(cacheHome: notAFolder, home: nil, temporary: temporary, path: "/nonexistent")
        #expect(try builder.library() == fallback + "/" + TracerSource.libraryName)
    }

    @Test func theFirstUsableFolderIsTheCacheEvenWhenALaterOneHoldsALibrary() throws {
        let home = try Scratch.folder()
        try FileManager.default.createDirectory(
            atPath: home + "/.cache/poolmap", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        _ = FileManager.default.createFile(
            atPath: home + "/.cache/poolmap/" + TracerSource.libraryName, contents: Data())
        // XDG_CACHE_HOME is set and usable: the build goes there (here: no compiler, so it fails).
        #expect(throws: TracerBuilder.Failure.noCompiler(searched: ["clang", "cc", "gcc"])) {
            try builder(cacheHome: try Scratch.folder(), home: home, path: "/nonexistent").library()
        }
        #expect(
            try builder(cacheHome: nil, home: home, path: "/nonexistent").library()
                == home + "/.cache/poolmap/" + TracerSource.libraryName)
    }

    @Test func aFolderOthersCanWriteIsNeverUsed() throws {
        let shared = try Scratch.folder()
        try FileManager.default.createDirectory(atPath: shared + "/poolmap", withIntermediateDirectories: true)
        chmod(shared + "/poolmap", 0o777)
        _ = FileManager.default.createFile(atPath: shared + "/poolmap/" + TracerSource.libraryName, contents: Data())
        let temporary = try Scratch.file("tmp-file", "x")  // the fallback cannot be made either
        do {
            _ = try builder(cacheHome: shared, temporary: temporary, path: "/nonexistent").library()
            Issue.record("a world-writable cache must not be used")
        } catch {
            #expect(error.description.contains("owned by another user or writable by others"))
        }
    }
}
