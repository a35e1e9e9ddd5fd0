import PoolAllocator
import PoolScript
import PoolText

extension RunReport {
    /// `run --format json`: `{"stats": …, "regions": […], "steps": […]}` with one step or region
    /// per line. Steps are the pool operations only (not `say` or `wait`).
    public var json: String {
        var out = "{\n  \"stats\": " + Self.json(final.pool.stats).compact + ",\n  \"regions\": [\n"
        let regions = Self.jsonRegions(of: final)
        for (index, region) in regions.enumerated() {
            out += "    "
            region.write(to: &out)
            out += index + 1 < regions.count ? ",\n" : "\n"
        }
        out += "  ],\n  \"steps\": [\n"
        let poolSteps = steps.filter(\.isPoolOperation)
        for (index, step) in poolSteps.enumerated() {
            out += "    "
            Self.json(step).write(to: &out)
            out += index + 1 < poolSteps.count ? ",\n" : "\n"
        }
        return out + "  ]\n}\n"
    }

    /// One `--every` JSON line: the step, then the stats and regions after it.
    static func jsonLine(step: Step, after state: RunnerState) -> String {
        JSONValue.object([
            "step": json(step),
            "stats": json(state.pool.stats),
            "regions": .array(jsonRegions(of: state)),
        ]).compact
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

    /// A step: `line`, `op`, its arguments by name, then `result` or `error` (a failed
    /// allocation has `"result": null` and a `message` saying why).
    public static func json(_ step: Step) -> JSONValue {
        var members: JSONObject = ["line": .int(step.line)]
        func add(_ key: String, _ value: Int?) { if let value { members.append(key, .int(value)) } }
        switch step.operation {
        case .pool(let size):
            members.append("op", .string("pool"))
            add("size", size)
        case .alloc(let name, let id, let size, let alignment):
            members.append("op", .string("alloc"))
            add("id", id)
            if let name { members.append("name", .string(name)) }
            add("size", size)
            add("align", alignment)
        case .free(let name, let id, let offset):
            members.append("op", .string("free"))
            add("id", id)
            if let name { members.append("name", .string(name)) }
            add("offset", offset)
        case .realloc(let id, let size, let offset):
            members.append("op", .string("realloc"))
            add("id", id)
            add("size", size)
            add("offset", offset)
        case .defrag: members.append("op", .string("defrag"))
        case .stats: members.append("op", .string("stats"))
        case .say(let caption):
            members.append("op", .string("say"))
            members.append("text", .string(caption))
        case .wait(let milliseconds):
            members.append("op", .string("wait"))
            add("milliseconds", milliseconds)
        }
        if let random = step.randomIndex { add("random", random.index) }
        switch step.outcome {
        case .done: members.append("result", .null)
        case .offset(let offset): members.append("result", .int(offset))
        case .allocationFailed(let message):
            members.append("result", .null)
            members.append("message", .string(message))
        case .mapping(let pairs):
            var mapping = JSONObject()
            for move in pairs { mapping.append(String(move.old), .int(move.new)) }
            members.append("result", .object(mapping))
        case .stats(let stats): members.append("result", json(stats))
        case .error(let message): members.append("error", .string(message))
        }
        return .object(members)
    }
}
