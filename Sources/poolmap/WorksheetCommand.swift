import ArgumentParser
import PoolAllocator
import PoolQuiz
import PoolScript

/// `poolmap worksheet`: random questions on paper. Wiring only: the worksheet is `Worksheet`
/// in `PoolQuiz`.
struct WorksheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worksheet",
        abstract: "Print a worksheet of random allocations and frees, with or without its answer key.",
        discussion: """
            The worksheet is a .pool script: two comment lines, the pool statement, one statement per \
            operation (blocks named b1, b2, … by allocation; frees only of live blocks), and a final \
            stats. Each allocation ends in `# -> ?` for the student, or with --answers in its offset \
            (decimal) or `fails`; stats in the fragmentation (four decimals, as `poolmap run` reports \
            it). The same flags always print the same worksheet, and `poolmap quiz --random N` with \
            them asks the same questions. `poolmap run` reproduces the answers; `poolmap play` and \
            `poolmap quiz` take the file. A free-list heap's worksheet (OSTEP's malloc.py) comes from \
            `poolmap ostep FLAGS --script`: each allocation ends in `# -> ?`, or with -c in the \
            address it returns and the elements it searched.

            Examples:
              poolmap worksheet --ops 20 --seed 7 > sheet.pool
                  twenty operations on a 4 KiB pool, first fit, answers left blank
              poolmap worksheet --ops 20 --seed 7 --answers > key.pool
                  the same worksheet with its answer key
              poolmap worksheet --ops 40 --policy best --size 8KiB --free-percent 30
                  best fit on 8 KiB, fewer frees
              poolmap play sheet.pool
                  play the worksheet's operations on the map
              poolmap ostep -S 64 -H 4 -n 12 -c --script > heap-key.pool
                  a heap's worksheet with its answers, from malloc.py's flags
            """
    )

    @Option(help: ArgumentHelp("How many operations (allocations and frees): 1 to 1000.", valueName: "n"))
    var ops: Int

    @Option(help: "The seed: the same seed and flags give the same worksheet.")
    var seed: UInt64 = QuestionGenerator.Options.defaultSeed

    @Option(help: "The pool's size (256, 4KiB, 0x100, 2M).", transform: ScriptLoading.parseSize)
    var size: Int = QuestionGenerator.Options.defaultPoolSize

    @Option(help: ArgumentHelp("The placement policy.", valueName: PolicyList.valueName))
    var policy: FitPolicy = .first

    @Option(help: ArgumentHelp("How often an operation frees a live block, in percent.", valueName: "p"))
    var freePercent: Int = QuestionGenerator.Options.defaultFreePercent

    @Flag(help: "Fill in every answer: the answer key.")
    var answers = false

    @Flag(
        help: ArgumentHelp(
            "Take the first draw as it comes. Otherwise a sheet of 10 operations or more is drawn again until "
                + "an allocation fails and the policy matters (a block lands elsewhere under first, best or worst fit)."
        ))
    var easy = false

    func validate() throws {
        guard QuestionGenerator.Options.operationRange.contains(ops) else {
            throw ValidationError("--ops takes 1 to 1000 operations, not \(ops)")
        }
        guard (0...100).contains(freePercent) else {
            throw ValidationError("--free-percent is a percentage from 0 to 100, not \(freePercent)")
        }
    }

    func run() throws {
        let options = QuestionGenerator.Options(
            operations: ops, poolSize: size, policy: policy, seed: seed, freePercent: freePercent, easy: easy)
        let worksheet: Worksheet
        do {
            worksheet = try Worksheet(options)
        } catch {
            throw ValidationError(error.description)
        }
        StandardStreams.write(worksheet.text(answers: answers))
    }
}
