import Foundation
import Testing

@testable import PoolRecord
@testable import PoolScript

/// glibc's own mtrace logs: a C program calls `mtrace()` under `MALLOC_TRACE` with glibc's
/// debugging malloc preloaded (glibc 2.34 moved mtrace there), and the log, read as a trace,
/// is compared event by event with what the program did.
@Suite struct MtraceGlibcTests {
    static let debugLibrary = "/usr/lib/x86_64-linux-gnu/libc_malloc_debug.so"

    /// Every kind of call, in order; the program prints nothing until tracing has ended, so the
    /// log holds its calls only (stdio's buffer is allocated after `muntrace`).
    static let program = """
        #include <malloc.h>
        #include <mcheck.h>
        #include <stdint.h>
        #include <stdio.h>
        #include <stdlib.h>

        int main(void) {
            mtrace();
            void *a = malloc(100);
            void *b = calloc(10, 20);
            a = realloc(a, 1000);                /* grow */
            a = realloc(a, 50);                  /* shrink */
            void *c = realloc(NULL, 64);         /* of NULL: an allocation */
            void *huge = malloc(SIZE_MAX / 2);   /* fails */
            void *d = memalign(64, 300);
            void *e = realloc(b, SIZE_MAX / 2);  /* fails: b stays */
            void *z = malloc(0);
            free(z);
            c = realloc(c, 0);                   /* to 0: a free */
            free(a);
            free(b);
            free(d);
            free(NULL);                          /* not logged */
            muntrace();
            printf("%d\\n", huge == NULL && e == NULL && c == NULL);
            return 0;
        }
        """

    /// What the program did, as poolmap's trace: ids in allocation order, a 0-byte block as 1 byte,
    /// the failed calls left out, memalign's alignment not logged.
    static let expected = """
        a 0 100
        a 1 200
        r 0 1000
        r 0 50
        a 2 64
        a 3 300
        a 4 1
        f 4
        f 2
        f 0
        f 1
        f 3
        """

    @Test func aRealLogReadsAsWhatTheProgramDid() throws {
        guard FileManager.default.fileExists(atPath: Self.debugLibrary) else {
            print("skipped: no \(Self.debugLibrary) (glibc's debugging malloc, where mtrace lives)")
            return
        }
        guard let compiler = TracerBuilder.fromEnvironment().compilers.first else {
            print("skipped: no C compiler (\(TracerBuilder.compilerNames.joined(separator: ", ")))")
            return
        }
        let folder = try Scratch.folder()
        let source = folder + "/prog.c", binary = folder + "/prog", log = folder + "/prog.mtrace"
        try Self.program.write(toFile: source, atomically: true, encoding: .utf8)
        // -rdynamic: main is in the dynamic symbol table, so the log names it.
        #expect(try Self.run(compiler, ["-O0", "-rdynamic", "-o", binary, source]).status == 0)
        let result = try Self.run(
            binary, [], environment: ["MALLOC_TRACE": log, "LD_PRELOAD": Self.debugLibrary])
        #expect(result.status == 0 && result.output == "1\n")

        #expect(try InputFormat.detect(path: log) == .mtrace)
        let (script, reader) = try ScriptFile.loadMtrace(path: log)
        #expect(script.statements.map(\.action.description).joined(separator: "\n") == Self.expected)
        #expect(reader.counts.failedAllocations == 1 && reader.counts.failedReallocs == 1)
        #expect(reader.idCounts.unknownFrees == 0 && reader.idCounts.liveBlocks == 0)
        // Every allocation's caller is main, by name.
        for id in 0...4 {
            let site = try #require(script.callSites[id])
            #expect(site.hasPrefix(binary + ":(main+"), "\(site)")
        }
        // And it runs: every block fits the default pool, nothing fails.
        let report = try RunReport.run(script, poolSize: nil)
        #expect(report.errorLines.isEmpty && report.summary.failedAllocations == 0)
        #expect(report.final.pool.stats.blockCount == 0)
    }

    static func run(
        _ path: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws -> (
        status: Int32, output: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
