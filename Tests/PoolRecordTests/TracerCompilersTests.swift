import Foundation
import PoolFiles
import Testing

@testable import PoolRecord

/// The tracer works whichever compiler built it: clang and GCC optimise differently (GCC once
/// dropped the guard around dlsym, which glibc declares `leaf`).
@Suite(.serialized) struct TracerCompilersTests {
    /// The folders holding each compiler the builder would pick there.
    static var compilerFolders: [String] {
        let path = ProcessInfo.processInfo.environment["PATH"]
        return ["clang", "cc"].compactMap { name in
            guard case .success(let found) = CommandResolver.resolve(name, searchPath: path) else { return nil }
            return FileSystem.directory(of: found)
        }
    }

    @Test(arguments: compilerFolders)
    func aTracerBuiltHereRecordsTheExercise(compilerFolder: String) throws {
        let builder = TracerBuilder(
            searchPath: compilerFolder, cacheHome: try Scratch.folder(), home: nil, temporaryFolder: nil)
        // Through env, which execs the exercise in the same process: the trace goes on across
        // the exec, and the exercise's tracer runs its dlsym self test.
        let output = try Scratch.folder() + "/exercise.trace"
        let request = RecordRequest(
            command: ["/usr/bin/env", "POOLMAP_TRACER_SELFTEST=dlsym", try Exercise.path(), "all"], output: output)
        let recording = try Recorder.record(request, builder: builder)
        #expect(recording.exitCode == 0)
        #expect(recording.raw.images == 2)
        #expect(recording.raw.bootstrapBytes > 0, "dlsym's allocations came from the bootstrap buffer")
        #expect(recording.summary.execs == [try Exercise.path()])
        #expect(recording.summary.reusedLiveAddresses == 0)
        #expect(recording.summary.allocations > 40_000)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains(" 1007 256\n") && text.contains(" 1011 32\n") && text.contains("\n# exec "))
    }
}
