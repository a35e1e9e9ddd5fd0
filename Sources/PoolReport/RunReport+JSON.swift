import PoolAllocator
import PoolScript
import PoolText

extension RunReport {
    /// `run --format json`: `{"steps": […], "stats": …, "regions": […]}`, one step or region per
    /// line; steps first, as `HeadlessRun` streams them. Steps are the pool operations only (not
    /// `say` or `wait`).
    public var json: String {
        var report = JSONReport()
        var out = TextBuffer()
        out.append(report.begin())
        for step in steps { report.add(step, to: &out) }
        report.end(final, to: &out)
        return out.text
    }

    /// One `--every` JSON line: the step, then the pool's policy, stats and regions after it.
    static func jsonLine(step: Step, after state: RunnerState) -> String {
        var out = TextBuffer()
        out.append("{\"step\": ")
        appendJSON(of: step, to: &out)
        out.append(", \"policy\": \"\(state.pool.policy.rawValue)\", \"stats\": " + json(state.pool.stats).compact)
        out.append(", \"regions\": [")
        for (index, region) in state.pool.regions.enumerated() {
            if index > 0 { out.append(", ") }
            appendJSON(of: region, in: state, to: &out)
        }
        out.append("]}")
        return out.text
    }

    /// The classic exercise's keys (`total`, `used`, `free`, `num_blocks`, `fragmentation`),
    /// then `padding`, `largest_free`, `free_blocks`.
    public static func json(_ stats: PoolStats) -> JSONValue {
        .object([
            "total": .int(stats.total),
            "used": .int(stats.used),
            "free": .int(stats.free),
            "num_blocks": .int(stats.blockCount),
            "fragmentation": .double(stats.fragmentation),
            "padding": .int(stats.padding),
            "largest_free": .int(stats.largestFree),
            "free_blocks": .int(stats.freeBlockCount),
        ])
    }

    /// Appends a region as one JSON object, `{"offset": 0, "size": 200, "kind": "used"}`, a used
    /// one with its script name or trace id.
    static func appendJSON(of region: Region, in state: RunnerState, to out: inout TextBuffer) {
        out.append("{\"offset\": ")
        out.append(region.offset)
        out.append(", \"size\": ")
        out.append(region.size)
        out.append(", \"kind\": \"")
        out.append(region.kind.rawValue)
        out.append("\"")
        if region.kind == .used {
            if let name = state.namesByOffset[region.offset] {
                out.append(", \"name\": ")
                out.appendJSONString(name)
            }
            if let id = state.idsByOffset[region.offset] {
                out.append(", \"id\": ")
                out.append(id)
            }
        }
        out.append("}")
    }

    /// Appends a step as one JSON object: `line`, `op`, its arguments by name, then `result` or
    /// `error` (a failed allocation has `"result": null` and a `message` saying why). Written
    /// byte by byte, as `JSONValue.compact` would write it, since a long trace has millions of
    /// steps.
    static func appendJSON(of step: Step, to out: inout TextBuffer) {
        out.append("{\"line\": ")
        out.append(step.line)
        func add(_ key: StaticString, _ value: Int?) {
            guard let value else { return }
            out.append(", \"")
            out.append(key)
            out.append("\": ")
            out.append(value)
        }
        func add(_ key: StaticString, text: String) {
            out.append(", \"")
            out.append(key)
            out.append("\": ")
            out.appendJSONString(text)
        }
        switch step.operation {
        case .pool(let size, let policy):
            out.append(", \"op\": \"pool\"")
            add("size", size)
            add("policy", text: policy.rawValue)
        case .alloc(let name, let id, let size, let alignment):
            out.append(", \"op\": \"alloc\"")
            add("id", id)
            if let name { add("name", text: name) }
            add("size", size)
            add("align", alignment)
        case .free(let name, let id, let offset):
            out.append(", \"op\": \"free\"")
            add("id", id)
            if let name { add("name", text: name) }
            add("offset", offset)
        case .realloc(let id, let size, let offset):
            out.append(", \"op\": \"realloc\"")
            add("id", id)
            add("size", size)
            add("offset", offset)
        case .defrag: out.append(", \"op\": \"defrag\"")
        case .stats: out.append(", \"op\": \"stats\"")
        case .say(let caption):
            out.append(", \"op\": \"say\"")
            add("text", text: caption)
        case .wait(let milliseconds):
            out.append(", \"op\": \"wait\"")
            add("milliseconds", milliseconds)
        }
        if let random = step.randomIndex { add("random", random.index) }
        switch step.outcome {
        case .done: out.append(", \"result\": null")
        case .offset(let offset): add("result", offset)
        case .allocationFailed(let message):
            out.append(", \"result\": null")
            add("message", text: message)
        case .mapping(let moves):
            out.append(", \"result\": {")
            for (index, move) in moves.enumerated() {
                if index > 0 { out.append(", ") }
                out.append("\"")
                out.append(move.old)
                out.append("\": ")
                out.append(move.new)
            }
            out.append("}")
        case .stats(let stats):
            out.append(", \"result\": ")
            out.append(json(stats).compact)
        case .error(let message): add("error", text: message)
        }
        out.append("}")
    }
}
