import Foundation
import OSTEPSimulator
import TestSupport
import Testing

/// `poolmap ostep`'s code path against malloc.py's recorded runs (Golden/*.golden, recorded by
/// running OSTEP's malloc.py with python3): standard output byte for byte, and the exit status
/// zero exactly when malloc.py's was.
@Suite struct MallocGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func cases() throws -> [MallocGoldenCase] {
        try MallocGoldenCase.files(in: folder).flatMap { try MallocGoldenCase.read($0) }
    }

    @Test func everyRecordedRunIsReproducedByteForByte() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 450)
        var differing = 0
        for recorded in cases {
            let outcome = try #require(MallocSimulation.run(arguments: recorded.arguments), "\(recorded)")
            let same = Data(outcome.output.utf8) == recorded.output
            let sameSuccess = (outcome.exitStatus == 0) == (recorded.exitStatus == 0)
            if !same || !sameSuccess { differing += 1 }
            #expect(same, "\(recorded): stdout differs:\n\(Self.diff(recorded, outcome))")
            #expect(
                sameSuccess,
                "\(recorded): exit \(outcome.exitStatus), malloc.py \(recorded.exitStatus): \(outcome.failure?.message ?? "")"
            )
            if differing > 5 { break }
        }
    }

    /// The goldens cover what they claim: every policy × list order × coalescing × compute, the
    /// failing cases, and both modes.
    @Test func theRecordedRunsCoverTheMatrix() throws {
        let cases = try Self.cases()
        var combinations = Set<[String]>()
        for recorded in cases {
            let words = recorded.arguments
            func value(_ flag: String, _ fallback: String) -> String {
                words.firstIndex(of: flag).map { words[$0 + 1] } ?? fallback
            }
            combinations.insert([
                value("-p", "BEST"), value("-l", "ADDRSORT"), "\(words.contains("-C"))", "\(words.contains("-c"))",
            ])
        }
        #expect(combinations.count >= 3 * 5 * 2 * 2)
        #expect(cases.contains { $0.exitStatus == 1 } && cases.contains { $0.exitStatus == 2 })
        #expect(cases.filter { $0.arguments.contains("-A") }.count >= 100)
    }

    static func diff(_ recorded: MallocGoldenCase, _ outcome: MallocSimulation.Outcome) -> String {
        Golden.diff(expected: String(decoding: recorded.output, as: UTF8.self), actual: outcome.output)
            .split(separator: "\n").prefix(12).joined(separator: "\n")
    }
}
