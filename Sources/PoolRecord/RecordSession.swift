import PoolFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One recording in its three steps (the benchmark times them apart): `init` checks everything
/// and builds the tracer, `run` runs COMMAND, `writeTrace` converts and writes. The session owns
/// a temporary folder (the raw file) and removes it when it ends.
public final class RecordSession {
    /// What the session records.
    public let request: RecordRequest
    /// The file COMMAND resolved to.
    public let executable: String
    /// The tracer library preloaded.
    public let tracerLibrary: String
    /// COMMAND's pid once it ran.
    public private(set) var pid: pid_t = 0
    /// COMMAND's exit status (128 + signal), once it ran.
    public private(set) var exitCode: Int32 = 0
    /// The signal that ended COMMAND, if one did.
    public private(set) var terminatingSignal: Int32?

    private let folder: String
    private var rawPath: String { folder + "/raw" }
    private var preloadPath: String

    /// Checks COMMAND and the output, builds the tracer when needed, and makes the raw file.
    /// Every failure here happens before COMMAND runs and leaves nothing behind.
    public init(_ request: RecordRequest, builder: TracerBuilder = .fromEnvironment()) throws(RecordError) {
        #if !os(Linux)
        throw .unsupportedPlatform
        #else
        guard let command = request.command.first else { throw .noCommand }
        self.request = request
        switch CommandResolver.resolve(command, searchPath: getenv("PATH").map { String(cString: $0) }) {
        case .success(let path): executable = path
        case .failure(.notFound): throw .commandNotFound(command)
        case .failure(.notExecutable(let path, let reason)): throw .notExecutable(path: path, reason: reason)
        }
        do {
            try ExecutableInspector.check(executable)
        } catch {
            throw .cannotTrace(error)
        }
        try Self.checkWritable(request.output ?? ".", isFolder: request.output == nil)
        do {
            tracerLibrary = try builder.library()
        } catch {
            throw .tracer(error)
        }
        folder = try Self.makeTemporaryFolder(builder.temporaryFolder)
        preloadPath = tracerLibrary
        if !Self.isPreloadable(tracerLibrary) {
            // LD_PRELOAD splits at spaces and colons: load it through a plain name.
            preloadPath = folder + "/tracer.so"
            guard symlink(tracerLibrary, preloadPath) == 0, Self.isPreloadable(preloadPath) else {
                let reason = FileSystem.reason()
                removeFolder()
                throw .temporaryFile(SystemError(path: preloadPath, reason: reason))
            }
        }
        do {
            try RawTrace.create(path: rawPath, capacity: request.capacity, parentPID: getpid())
        } catch {
            removeFolder()
            throw .temporaryFile(error)
        }
        #endif
    }

    deinit {
        removeFolder()
    }

    /// Runs COMMAND with the tracer preloaded and waits for it. Its standard streams, working
    /// directory and environment are this process's (plus `LD_PRELOAD` and the raw file's name).
    /// While it runs, poolmap ignores SIGINT and SIGQUIT (COMMAND gets them from the terminal
    /// as usual), so a Ctrl-C ends COMMAND and its trace is still written.
    public func run() throws(RecordError) {
        #if !os(Linux)
        throw .unsupportedPlatform
        #else
        var entries: [UnsafeMutablePointer<CChar>?] = []
        var preload = preloadPath
        var index = 0
        var sawPreload = false
        while let entry = environ[index] {
            index += 1
            if strncmp(entry, "LD_PRELOAD=", 11) == 0 {
                let existing = String(cString: entry + 11)
                if !sawPreload, !existing.isEmpty { preload += ":" + existing }
                sawPreload = true
            } else if strncmp(entry, RawTrace.environmentVariable + "=", RawTrace.environmentVariable.utf8.count + 1)
                != 0
            {
                entries.append(entry)
            }
        }
        let owned = [strdup("LD_PRELOAD=" + preload), strdup(RawTrace.environmentVariable + "=" + rawPath)]
        defer { for pointer in owned { free(pointer) } }
        entries += owned

        let interrupt = signal(SIGINT, SIG_IGN)
        let quit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, interrupt)
            signal(SIGQUIT, quit)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        if !Self.isIgnored(interrupt) { sigaddset(&defaults, SIGINT) }
        if !Self.isIgnored(quit) { sigaddset(&defaults, SIGQUIT) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        do {
            pid = try Subprocess.spawn(
                executable, arguments: request.command, environment: entries, actions: nil, attributes: &attributes)
        } catch {
            throw .spawnFailed(path: executable, reason: error.reason)
        }
        guard let status = Subprocess.wait(pid) else {
            throw .spawnFailed(path: executable, reason: FileSystem.reason())
        }
        (exitCode, terminatingSignal) = Subprocess.exitCode(fromWaitStatus: status)
        #endif
    }

    /// The trace file's path: `-o FILE`, else `NAME-PID.trace` in the working directory.
    public var tracePath: String {
        request.output ?? "\(FileSystem.baseName(of: request.command.first ?? "command"))-\(pid).trace"
    }

    /// Converts the raw records and writes the trace with its header.
    public func writeTrace() throws(RecordError) -> Recording {
        var converter = TraceConverter()
        let header: RawTrace.Header
        do {
            header = try RawTrace.scan(path: rawPath) { converter.add($0) }
        } catch {
            throw .traceNotWritten(path: tracePath, reason: "its raw records: \(error)", exitCode: exitCode)
        }
        converter.finish()
        guard header.tracedPID != 0 else {
            throw .nothingRecorded(command: request.command.first ?? "", exitCode: exitCode)
        }
        var exit = "status \(exitCode)"
        if let terminatingSignal {
            exit = "killed by signal \(terminatingSignal) (\(String(cString: strsignal(terminatingSignal))))"
        }
        var recording = Recording(
            tracePath: tracePath, summary: converter.summary, exitCode: exitCode, signal: terminatingSignal,
            raw: header)
        var notes = recording.warnings
        if header.bootstrapBytes > 0 {
            notes.append(
                "the tracer served \(header.bootstrapBytes) bytes from its bootstrap buffer while "
                    + "looking up the real allocator"
            )
        }
        let text = converter.traceText(command: request.command, exitDescription: exit, notes: notes)
        try write(text, to: tracePath)
        recording.traceBytes = text.count
        return recording
    }

    // MARK: Steps

    private func write(_ bytes: [UInt8], to path: String) throws(RecordError) {
        let existed = FileSystem.exists(path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw .traceNotWritten(path: path, reason: FileSystem.reason(), exitCode: exitCode)
        }
        let written = bytes.withUnsafeBytes { FileSystem.writeAll($0, to: descriptor) }
        var failure = written ? 0 : errno
        if close(descriptor) != 0, failure == 0 { failure = errno }
        guard failure == 0 else {
            if !existed { unlink(path) }
            throw .traceNotWritten(path: path, reason: FileSystem.reason(failure), exitCode: exitCode)
        }
    }

    /// That the trace can be written at `path` (or, for a folder, a new file in it), before
    /// anything runs: by opening it for writing (a new file is made and removed again), since
    /// permission bits alone do not tell (root, read-only or special file systems).
    static func checkWritable(_ path: String, isFolder: Bool) throws(RecordError) {
        func refuse(_ reason: String) -> RecordError {
            .outputNotWritable(path: isFolder ? "\(path)/NAME-PID.trace" : path, reason: reason)
        }
        guard !path.isEmpty else { throw refuse("an empty file name") }
        if let status = FileSystem.status(path), !isFolder {
            guard !FileSystem.isDirectory(status) else { throw refuse("it is a directory") }
            // Not truncated, and a FIFO without a reader fails at once instead of blocking.
            let descriptor = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { throw refuse(FileSystem.reason()) }
            close(descriptor)
            return
        }
        let folder = isFolder ? path : FileSystem.directory(of: path)
        if !isFolder, errno != ENOENT { throw refuse(FileSystem.reason()) }
        guard let status = FileSystem.status(folder) else {
            throw refuse("no folder \(folder): \(FileSystem.reason())")
        }
        guard FileSystem.isDirectory(status) else { throw refuse("\(folder) is not a directory") }
        let probe = isFolder ? "\(folder)/.poolmap-record-\(FileSystem.uniqueSuffix())" : path
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw refuse("cannot create files in \(folder): \(FileSystem.reason())") }
        close(descriptor)
        unlink(probe)
    }

    /// A private folder for the raw file, in `$TMPDIR` (or /tmp).
    private static func makeTemporaryFolder(_ temporaryFolder: String?) throws(RecordError) -> String {
        var candidates = ["/tmp"]
        if let temporaryFolder, temporaryFolder.hasPrefix("/"), isPreloadable(temporaryFolder) {
            candidates.insert(temporaryFolder, at: 0)
        }
        var failure = SystemError(path: "/tmp", reason: "")
        for candidate in candidates {
            var template = Array("\(candidate)/poolmap-record-XXXXXX".utf8CString)
            if let made = mkdtemp(&template) { return String(cString: made) }
            failure = SystemError(path: candidate, reason: FileSystem.reason())
        }
        throw .temporaryFile(failure)
    }

    private func removeFolder() {
        unlink(rawPath)
        unlink(folder + "/tracer.so")
        rmdir(folder)
    }

    /// Whether `path` survives LD_PRELOAD's splitting (at spaces and colons).
    static func isPreloadable(_ path: String) -> Bool {
        !path.contains(where: { $0 == " " || $0 == ":" || $0 == "\t" || $0 == "\n" })
    }

    private static func isIgnored(_ handler: (@convention(c) (Int32) -> Void)?) -> Bool {
        unsafeBitCast(handler, to: Int.self) == 1
    }
}
