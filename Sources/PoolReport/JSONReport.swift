import PoolScript
import PoolText

/// The JSON report written as the run goes: `{"steps": [` first, a line per pool operation as
/// it happens, then the stats and regions of the final state. Holds nothing per step, so a
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

    /// The closing: the end of the steps, then the stats and the regions of `final`.
    func end(_ final: RunnerState) -> String {
        var out = stepCount == 0 ? "],\n" : "\n  ],\n"
        out += "  \"stats\": " + RunReport.json(final.pool.stats).compact + ",\n  \"regions\": [\n"
        let regions = RunReport.jsonRegions(of: final)
        for (index, region) in regions.enumerated() {
            out += "    "
            region.write(to: &out)
            out += index + 1 < regions.count ? ",\n" : "\n"
        }
        return out + "  ]\n}\n"
    }
}
