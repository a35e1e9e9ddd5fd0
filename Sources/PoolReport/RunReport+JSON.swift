import PoolAllocator
import PoolScript
import PoolText

extension RunReport {
    /// `run --format json`: `{"steps": […], "stats": …, "regions": […]}`, one step or region per
    /// line; steps first, as `HeadlessRun` streams them. Steps are the pool operations only (not
    /// `say` or `wait`).
    public var json: String {
        var report = JSONReport()
        var out = report.begin()
        for step in steps { report.add(step, to: &out) }
        return out + report.end(final)
    }

    /// One `--every` JSON line: the step, then the stats and regions after it.
    static func jsonLine(step: Step, after state: RunnerState) -> String {
        var out = "{\"step\": "
        appendJSON(of: step, to: &out)
        out += ", \"stats\": " + json(state.pool.stats).compact + ", \"regions\": "
        JSONValue.array(jsonRegions(of: state)).write(to: &out)
        return out + "}"
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

    /// The regions in address order, used ones with their script name or trace id.
    /// - Complexity: O(n).
    static func jsonRegions(of state: RunnerState) -> [JSONValue] {
        state.pool.regions.map { region in
            var members: JSONObject = [
                "offset": .int(region.offset), "size": .int(region.size), "kind": .string(region.kind.rawValue),
            ]
            if region.kind == .used {
                if let name = state.namesByOffset[region.offset] { members.append("name", .string(name)) }
                if let id = state.idsByOffset[region.offset] { members.append("id", .int(id)) }
            }
            return .object(members)
        }
    }

    /// Appends a step as one JSON object: `line`, `op`, its arguments by name, then `result` or
    /// `error` (a failed allocation has `"result": null` and a `message` saying why). Written
    /// straight into `out`, as `JSONValue.compact` would write it, since a long trace has
    /// millions of steps.
    static func appendJSON(of step: Step, to out: inout String) {
        out += "{\"line\": "
        out += String(step.line)
        func add(_ key: String, _ value: Int?) {
            guard let value else { return }
            out += ", \""
            out += key
            out += "\": "
            out += String(value)
        }
        func add(_ key: String, text: String) {
            out += ", \""
            out += key
            out += "\": "
            JSONValue.writeString(text, to: &out)
        }
        switch step.operation {
        case .pool(let size):
            out += ", \"op\": \"pool\""
            add("size", size)
        case .alloc(let name, let id, let size, let alignment):
            out += ", \"op\": \"alloc\""
            add("id", id)
            if let name { add("name", text: name) }
            add("size", size)
            add("align", alignment)
        case .free(let name, let id, let offset):
            out += ", \"op\": \"free\""
            add("id", id)
            if let name { add("name", text: name) }
            add("offset", offset)
        case .realloc(let id, let size, let offset):
            out += ", \"op\": \"realloc\""
            add("id", id)
            add("size", size)
            add("offset", offset)
        case .defrag: out += ", \"op\": \"defrag\""
        case .stats: out += ", \"op\": \"stats\""
        case .say(let caption):
            out += ", \"op\": \"say\""
            add("text", text: caption)
        case .wait(let milliseconds):
            out += ", \"op\": \"wait\""
            add("milliseconds", milliseconds)
        }
        if let random = step.randomIndex { add("random", random.index) }
        switch step.outcome {
        case .done: out += ", \"result\": null"
        case .offset(let offset): add("result", offset)
        case .allocationFailed(let message):
            out += ", \"result\": null"
            add("message", text: message)
        case .mapping(let moves):
            out += ", \"result\": {"
            for (index, move) in moves.enumerated() {
                if index > 0 { out += ", " }
                out += "\""
                out += String(move.old)
                out += "\": "
                out += String(move.new)
            }
            out += "}"
        case .stats(let stats):
            out += ", \"result\": "
            json(stats).write(to: &out)
        case .error(let message): add("error", text: message)
        }
        out += "}"
    }
}
