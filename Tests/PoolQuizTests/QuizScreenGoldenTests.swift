import PoolAllocator
import TestSupport
import Testing

@testable import MemoryMap
@testable import PoolApp
@testable import PoolQuiz

/// The quiz's screens as a student sees them: a question, a reveal for each policy (and one
/// mid-search), the fragmentation question, the end screen, the help at the smallest size.
/// Re-record with `POOLMAP_RECORD_GOLDEN=1 swift test --filter QuizScreenGoldenTests`.
@Suite struct QuizScreenGoldenTests {
    static let golden = Golden(#filePath)

    /// The `holes` script at its question, `x = alloc 150`.
    static func atTheHoles(
        _ policy: FitPolicy, size: TerminalSize = TerminalSize(width: 80, height: 24)
    ) throws
        -> QuizDrive
    {
        var drive = try QuizDrive(script: QuizScripts.holes(policy), size: size)
        for _ in 0..<5 { try drive.answerRightly() }
        return drive
    }

    @Test func aQuestion() throws {
        var drive = try Self.atTheHoles(.first)
        try drive.pick(blockAt: 500)
        Self.golden.check(drive.app.view(width: 80, height: 24), "question-80x24")
        var small = try Self.atTheHoles(.first, size: TerminalSize(width: 60, height: 16))
        try small.send([.key(.end)])
        Self.golden.check(small.app.view(width: 60, height: 16), "question-60x16")
    }

    @Test("a reveal", arguments: FitPolicy.allCases)
    func aReveal(policy: FitPolicy) throws {
        var drive = try Self.atTheHoles(policy)
        try drive.pick(blockAt: policy == .best ? 800 : 500)
        try drive.confirm()
        Self.golden.check(drive.app.view(width: 80, height: 24), "reveal-\(policy.rawValue)-80x24")
    }

    @Test func aRevealWhileTheSearchRuns() throws {
        var drive = try Self.atTheHoles(.best)
        try drive.send([.key(.right), .key(.enter)] + drive.ticks(13))
        #expect(drive.state.animation.search?.isDecided == false)
        Self.golden.check(drive.app.view(width: 80, height: 24), "reveal-best-searching-80x24")
    }

    @Test func theFragmentationQuestionAndTheEnd() throws {
        var drive = try QuizDrive(script: QuizScripts.basic, size: TerminalSize(width: 80, height: 24))
        for _ in 0..<4 { try drive.answerRightly() }
        try drive.type("48")
        Self.golden.check(drive.app.view(width: 80, height: 24), "fragmentation-80x24")
        try drive.confirm()
        Self.golden.check(drive.app.view(width: 80, height: 24), "fragmentation-reveal-80x24")
        try drive.next()
        try drive.send([.character("x")])
        try drive.confirm()
        try drive.next()
        #expect(drive.state.phase == .finished)
        Self.golden.check(drive.app.view(width: 80, height: 24), "end-80x24")
        Self.golden.check(drive.app.view(width: 60, height: 16), "end-60x16")
    }

    @Test func everyHelpKeyIsOnTheSmallestScreen() throws {
        var drive = try QuizDrive(script: QuizScripts.basic, size: TerminalSize(width: 60, height: 16))
        try drive.send([.character("?")])
        let screen = drive.app.view(width: 60, height: 16)
        Self.golden.check(screen, "help-60x16")
        for hint in KeyHint.quizHelp {
            #expect(screen.text.contains(hint.keys), "the quiz's help lacks \(hint.keys)")
            #expect(screen.text.contains(hint.action), "the quiz's help cuts \(hint.action)")
        }
    }
}
