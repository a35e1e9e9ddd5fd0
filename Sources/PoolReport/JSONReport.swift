import PoolScript
import PoolText

/// The JSON report written as the run goes: `{"steps": [` first, a line per pool operation as
/// it happens, then the final pool's policy and stats, the run's figures and the regions. Holds nothing per step, so a
/// run of any length costs O(live blocks) memory.
struct JSONReport {
    /// Pool operations written so far.
    private(set) var stepCount = 0

    /// The opening: everything before the first step.
    func begin() -> String {
        "{\n  \"steps\": ["
    }

    /// Appends `step` when it is a pool operation (`say` and `wait` are not reported).
    mutating func add(_ step: Step, to out: inout TextBuffer) {
        guard step.isPoolOperation else { return }
        out.append(stepCount == 0 ? "\n    " : ",\n    ")
        RunReport.appendJSON(of: step, to: &out)
        stepCount += 1
    }

    /// The closing: the end of the steps, then the policy, the stats, the run's figures and the
    /// regions of `final`.
    func end(_ final: RunnerState, to out: inout TextBuffer) {
        out.append(stepCount == 0 ? "],\n" : "\n  ],\n")
        out.append("  \"policy\": ")
        out.appendJSONString(final.heap.map { HeapSpec.name($0.policy) } ?? final.pool.policy.rawValue)
        out.append(",\n  \"stats\": ")
        out.appendJSON(RunReport.json(final.stats))
        out.append(",\n  \"figures\": ")
        out.appendJSON(RunReport.json(final.figures))
        out.append(",\n  \"regions\": [\n")
        if let heap = final.heap {
            out.append("    ")
            RunReport.appendHeapRegions(heap, in: final, separator: ",\n    ", to: &out)
            out.append("\n")
        } else {
            let regions = final.pool.regions
            for (index, region) in regions.enumerated() {
                out.append("    ")
                RunReport.appendJSON(of: region, in: final, to: &out)
                out.append(index + 1 < regions.count ? ",\n" : "\n")
            }
        }
        out.append("  ]\n}\n")
    }
}
