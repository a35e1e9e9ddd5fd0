import MemoryMap
import PoolAllocator
import PoolApp
import PoolScript
import PoolText

extension QuizState {
    /// `g` at the end: the same questions again, from the start (`n`: new ones from the next
    /// seed, in random mode).
    mutating func restart(with newSource: QuizSource? = nil) {
        let next = newSource ?? source
        guard let fresh = try? ScriptRunner(script: next.script, poolSize: next.poolSize, policy: next.policy) else {
            return
        }
        source = next
        runner = fresh
        stage = .playing
        score = QuizScore()
        questionsAsked = 0
        allocationsAnswered = 0
        poolChanges = 0
        fragmentationAskedAt = nil
        fragmentationDue = false
        caption = nil
        navigation.viewport = .fit
        animation.finish()
        fragmentationHistory.removeAll()
        fragmentationHistory.append(runner.state.stats.fragmentation)
        events.append(LogEntry(newSource == nil ? "retry: the same questions again" : "new questions: \(source.name)"))
        proceed()
    }
}
