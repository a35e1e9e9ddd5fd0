import PoolAllocator
import PoolScript

/// Where a quiz's questions come from: a script or trace, a built-in demo, or the generator
/// (`--random N`), with the pool before any `pool` statement and the policy forced on every
/// pool (`--policy`).
public struct QuizSource: Sendable {
    /// What runs: every allocation in it is a question.
    public var script: Script
    /// The pool before any `pool` statement (`--size`, else the script's default).
    public var poolSize: Int
    /// The policy of every pool, whatever the script says; nil lets the script say.
    public var policy: FitPolicy?
    /// What the title calls it: `first-fit.pool`, `demo first-fit`, `random 40 · seed 7`.
    public var name: String
    /// The generator's options in random mode (`n` draws new questions from the next seed).
    public var random: QuestionGenerator.Options?

    /// Questions from `script`.
    public init(script: Script, poolSize: Int, policy: FitPolicy? = nil, name: String) {
        self.script = script
        self.poolSize = poolSize
        self.policy = policy
        self.name = name
    }

    /// Questions from the generator: the same operations as `poolmap worksheet` with these options.
    /// - Throws: `QuestionGenerator.Refusal` when the options are out of range.
    public static func random(_ options: QuestionGenerator.Options) throws(QuestionGenerator.Refusal) -> QuizSource {
        let worksheet = try Worksheet(options)
        let name = "random \(options.operations) · seed \(options.seed)"
        var source = QuizSource(
            script: worksheet.script(fileName: "random-\(options.seed).pool"), poolSize: options.poolSize,
            policy: nil, name: name)
        source.random = options
        return source
    }

    /// New random questions: the same options from the next seed; nil for a script.
    func nextRandom() -> QuizSource? {
        guard var options = random else { return nil }
        options.seed &+= 1
        return try? Self.random(options)
    }
}
