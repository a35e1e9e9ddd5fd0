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
        case .fails: said = "fails"
        case .block(let index):
            let block = question.blocks[index]
            said = HexOffset.format(block.alignedOffset ?? block.start, digits: digits)
        }
        events.append(LogEntry("Q\(question.number) \(question.request): you said \(said). \(verdict.headline)"))
        events.append(LogEntry(verdict.detail))
        answerMarks.append(
            CastMark(
                seconds: recordingSeconds,
                text: "Q\(question.number) \(question.request): \(said), \(verdict.isRight ? "right" : "wrong")"))
        // The pool moves on to after the allocation; the search plays on the pool before it.
        runner = question.after
        noteChange()
        let footprint: Range<Int>? = {
            guard case .offset(let offset) = question.step.outcome, let block = runner.pool.block(at: offset) else {
                return nil
            }
            return block.start..<block.end
        }()
        animation.finish()
        animation.search = SearchAnimation(search: question.search, before: question.before, appearing: footprint)
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
            events.append(LogEntry("Q\(question.number) fragmentation: you said \(line.text). \(verdict.headline)"))
            events.append(LogEntry(verdict.detail))
            answerMarks.append(
                CastMark(
                    seconds: recordingSeconds,
                    text: "Q\(question.number) fragmentation: \(line.text), \(verdict.isRight ? "right" : "wrong")"))
            stage = .revealingFragmentation(question, verdict)
        }
    }

    /// The hex digits of this pool's offsets.
    var digits: Int { HexOffset.digits(forPoolSize: runner.pool.totalSize) }
}
