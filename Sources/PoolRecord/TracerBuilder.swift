import PoolFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds the tracer on first use and keeps it in a per-user cache.
///
/// SwiftPM builds no shared library that `swift run poolmap` could find (an executable target
/// cannot depend on a dynamic-library product), and a release binary copied elsewhere has
/// nothing beside it. So poolmap carries the tracer's C source as text and compiles it with
/// `clang` (the Swift toolchain has one), else `cc` or `gcc`, into
/// `$XDG_CACHE_HOME/poolmap/` or `~/.cache/poolmap/` under a name keyed by a hash of the source,
/// flags and machine. Each build goes to a file of its own and is renamed into place, so
/// concurrent first uses are safe: every one of them ends with a complete library.
public struct TracerBuilder: Sendable {
    /// Why the tracer could not be built.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// No compiler on `PATH`.
        case noCompiler(searched: [String])
        /// Every compiler found failed: each one's name and messages.
        case compileFailed([(compiler: String, messages: String)])
        /// No cache folder could be made or written.
        case noCache(reasons: [String])

        /// Equal when the case and what it carries are equal (the compile attempts by compiler and messages).
        public static func == (lhs: Failure, rhs: Failure) -> Bool {
            lhs.description == rhs.description
        }

        /// The failure in words, with what was tried and what to do.
        public var description: String {
            switch self {
            case .noCompiler(let searched):
                return "poolmap record builds its allocation tracer once, from C, and needs a C compiler "
                    + "for that: none of \(searched.joined(separator: ", ")) is on PATH. Install clang or gcc "
                    + "(on Debian: apt-get install clang), or put the Swift toolchain's bin folder on PATH."
            case .compileFailed(let attempts):
                return "cannot build the allocation tracer:\n"
                    + attempts.map { "\($0.compiler):\n\($0.messages)" }.joined(separator: "\n")
            case .noCache(let reasons):
                return "no folder to keep the allocation tracer in: " + reasons.joined(separator: "; ")
            }
        }
    }

    /// The compilers tried, in order.
    public static let compilerNames = ["clang", "cc", "gcc"]

    /// The environment's `PATH`, `XDG_CACHE_HOME`, `HOME` and `TMPDIR` (nil when unset).
    public var searchPath: String?
    /// `XDG_CACHE_HOME`: the first place the built tracer is kept.
    public var cacheHome: String?
    /// `HOME`: `~/.cache` when `XDG_CACHE_HOME` is unset.
    public var home: String?
    /// `TMPDIR`: the last place the tracer is kept (`/tmp` when unset).
    public var temporaryFolder: String?

    /// Creates a builder that looks in these places; `fromEnvironment()` reads them from the environment.
    public init(searchPath: String?, cacheHome: String?, home: String?, temporaryFolder: String?) {
        self.searchPath = searchPath
        self.cacheHome = cacheHome
        self.home = home
        self.temporaryFolder = temporaryFolder
    }

    /// The builder for this process's environment.
    public static func fromEnvironment() -> TracerBuilder {
        func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
        return TracerBuilder(
            searchPath: variable("PATH"), cacheHome: variable("XDG_CACHE_HOME"), home: variable("HOME"),
            temporaryFolder: variable("TMPDIR"))
    }

    /// The cache folders, best first: `$XDG_CACHE_HOME/poolmap`, `$HOME/.cache/poolmap`, then a
    /// private folder in the temporary folder (for a read-only home).
    public var cacheFolders: [String] {
        var folders: [String] = []
        if let cacheHome, cacheHome.hasPrefix("/") { folders.append(cacheHome + "/poolmap") }
        if let home, home.hasPrefix("/") { folders.append(home + "/.cache/poolmap") }
        let temporary = temporaryFolder.flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp"
        folders.append("\(temporary)/poolmap-cache-\(getuid())")
        return folders
    }

    /// The compilers on `PATH`, in the order of `compilerNames`.
    public var compilers: [String] {
        Self.compilerNames.compactMap { name in
            if case .success(let path) = CommandResolver.resolve(name, searchPath: searchPath) {
                return path
            }
            return nil
        }
    }

    /// The tracer library's path, building it first when the cache does not hold it yet: in
    /// the first cache folder that can be used (a later one only when an earlier one cannot).
    public func library() throws(Failure) -> String {
        var reasons: [String] = []
        for folder in cacheFolders {
            do {
                try prepare(folder)
            } catch {
                reasons.append(error.description)
                continue
            }
            let path = "\(folder)/\(TracerSource.libraryName)"
            if let status = FileSystem.status(path), FileSystem.isRegularFile(status) { return path }
            return try build(into: folder)
        }
        throw .noCache(reasons: reasons)
    }

    /// Makes `folder` (mode 0700) and checks that this user owns it and nobody else can write
    /// into it: the library in it is loaded into programs.
    private func prepare(_ folder: String) throws(SystemError) {
        try FileSystem.makeDirectories(folder)
        guard let status = FileSystem.status(folder) else {
            throw SystemError(path: folder, reason: FileSystem.reason())
        }
        guard status.st_uid == getuid(), status.st_mode & 0o022 == 0 else {
            throw SystemError(path: folder, reason: "owned by another user or writable by others")
        }
        guard access(folder, W_OK | X_OK) == 0 else { throw SystemError(path: folder, reason: FileSystem.reason()) }
    }

    /// Compiles the embedded source into `folder`: a private source file and library, then one
    /// rename into place.
    private func build(into folder: String) throws(Failure) -> String {
        let compilers = self.compilers
        guard !compilers.isEmpty else { throw .noCompiler(searched: Self.compilerNames) }
        let final = "\(folder)/\(TracerSource.libraryName)"
        let base = "\(folder)/.build-\(TracerSource.key)-\(FileSystem.uniqueSuffix())"
        let source = base + ".c"
        let library = base + ".so"
        let log = base + ".log"
        defer {
            unlink(source)
            unlink(library)
            unlink(log)
        }
        do {
            try FileSystem.createFile(source, text: TracerSource.text)
        } catch {
            throw .noCache(reasons: [error.description])
        }
        var attempts: [(compiler: String, messages: String)] = []
        for compiler in compilers {
            let arguments = [compiler] + TracerSource.compileFlags + ["-o", library, source] + TracerSource.linkFlags
            do {
                let status = try Subprocess.run(compiler, arguments: arguments, outputPath: log)
                if status == 0 {
                    if rename(library, final) == 0 { return final }
                    attempts.append((compiler, "cannot move the library to \(final): \(FileSystem.reason())"))
                    continue
                }
                let messages = FileSystem.readText(log)
                attempts.append((compiler, messages.isEmpty ? "exit status \(status)" : messages))
            } catch {
                attempts.append((compiler, error.reason))
            }
        }
        throw .compileFailed(attempts)
    }
}
