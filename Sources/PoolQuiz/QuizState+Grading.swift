import MemoryMap
import PoolAllocator
import PoolApp
import PoolScript
import PoolText

extension QuizState {

    /// Enter on an allocation question: score it and reveal the search.
    mutating func answer(_ question: AllocationQuestion, _ choice: AllocationChoice) {
        let verdict = question.verdict(for: choice)
        score.record(question.kind, isRight: verdict.isRight)
        allocationsAnswered += 1
        let said: String
        switch choice {
        case .undecided: return  // Enter with nothing picked is refused before it comes here.
        case .fails: said = "fails"
        case .block(let index):
            let block = question.blocks[index]
            said = question.terms.place(block.alignedOffset ?? block.start)
        }
        logAnswer("Q\(question.number) \(question.request)", said: said, verdict)
        // The pool moves on to after the allocation; the search plays on the pool before it.
        runner = question.after
        noteChange()
        let footprint: Range<Int>? = {
            switch question.step.outcome {
            case .offset(let offset):
                return runner.pool.block(at: offset).map { $0.start..<$0.end }
            case .placed(let address, _):
                // A heap's block, header included, from its base.
                return runner.state.heap?.footprint(ofBlockAt: address)
            default:
                return nil
            }
        }()
        animation.finish()
        var search = SearchAnimation(search: question.search, before: question.before, appearing: footprint)
        search.heapBefore = question.heapBefore
        animation.search = search
        if source.random != nil, allocationsAnswered % Self.fragmentationEvery == 0 { fragmentationDue = true }
        stage = .revealingAllocation(question, choice, verdict)
    }

    /// Enter on the fragmentation question: score the typed percentage, or say why it is none.
    mutating func answer(_ question: FragmentationQuestion, typed line: PromptLine) {
        switch FragmentationAnswer.parse(line.text) {
        case .failure(let error):
            var refused = line
            refused.error = error.description
            stage = .fragmentation(question, refused)
        case .success(let value):
            let verdict = question.verdict(for: value)
            score.record(.fragmentation, isRight: verdict.isRight)
            logAnswer("Q\(question.number) fragmentation", said: line.text, verdict)
            stage = .revealingFragmentation(question, verdict)
        }
    }

    /// Logs an answer (`Q3 alloc 100 B: you said 0x0040. ✓ Right: …` and why) and marks it in a
    /// recording (`Q3 alloc 100 B: 0x0040, right`).
    private mutating func logAnswer(_ question: String, said: String, _ verdict: QuizVerdict) {
        events.append(LogEntry("\(question): you said \(said). \(verdict.headline)"))
        events.append(LogEntry(verdict.detail))
        answerMarks.append(
            CastMark(seconds: recordingSeconds, text: "\(question): \(said), \(verdict.isRight ? "right" : "wrong")"))
    }

    /// The hex digits of this pool's offsets; nil in a heap scene, whose addresses are
    /// decimal, as malloc.py prints them.
    var digits: Int? { runner.state.heap == nil ? HexOffset.digits(forPoolSize: runner.pool.totalSize) : nil }

    /// A step's statement as the log writes it: a pool's offsets in hex, a heap's addresses as the script has them.
    func statementText(_ step: Step) -> String {
        digits.map { step.screenStatementText(digits: $0) } ?? step.statementText
    }

    /// A step's outcome as the log writes it, as `statementText(_:)` does.
    func outcomeText(_ step: Step) -> String { digits.map { step.screenOutcomeText(digits: $0) } ?? step.outcomeText }
}
