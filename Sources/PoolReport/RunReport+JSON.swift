import PoolAllocator
import PoolScript
import PoolText

extension RunReport {
    /// `run --format json`: `{"steps": […], "policy": …, "stats": …, "figures": …, "regions": […]}`, one step or region per
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

    /// One `--every` JSON line: the step, then the pool's policy and stats, the run's figures and
    /// the pool's regions after it.
    static func jsonLine(step: Step, after state: RunnerState) -> String {
        var out = TextBuffer()
        out.append("{")
        out.appendJSONKey("step", first: true)
        appendJSON(of: step, to: &out)
        out.appendJSONKey("policy")
        out.appendJSONString(state.heap.map { HeapSpec.name($0.policy) } ?? state.pool.policy.rawValue)
        out.appendJSONKey("stats")
        out.appendJSON(json(state.stats))
        out.appendJSONKey("figures")
        out.appendJSON(json(state.figures))
        out.appendJSONKey("regions")
        out.append("[")
        if let heap = state.heap {
            appendHeapRegions(heap, in: state, separator: ", ", to: &out)
        } else {
            for (index, region) in state.pool.regions.enumerated() {
                if index > 0 { out.append(", ") }
                appendJSON(of: region, in: state, to: &out)
            }
        }
        out.append("]}")
        return out.text
    }

    /// The classic exercise's keys (`total`, `used`, `free`, `num_blocks`, `fragmentation`),
    /// then `padding`, `largest_free`, `free_blocks`.
    package static func json(_ stats: PoolStats) -> JSONValue {
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

    /// `high_water`, `peak_live`, `utilization`, `heap_fragmentation` (the ratios `null` when
    /// undefined).
    package static func json(_ figures: PoolFigures) -> JSONValue {
        .object([
            "high_water": .int(figures.highWater),
            "peak_live": .int(figures.peakLive),
            "utilization": PoolFigures.json(figures.utilization),
            "heap_fragmentation": PoolFigures.json(figures.heapFragmentation),
        ])
    }

    /// Appends a region as one JSON object, `{"offset": 0, "size": 200, "kind": "used"}`, a used
    /// one with its script name or trace id.
    static func appendJSON(of region: Region, in state: RunnerState, to out: inout TextBuffer) {
        appendJSONRegionOpening(offset: region.offset, size: region.size, kind: region.kind.rawValue, to: &out)
        if region.kind == .used {
            if let name = state.namesByOffset[region.offset] {
                out.appendJSONKey("name")
                out.appendJSONString(name)
            }
            if let id = state.idsByOffset[region.offset] {
                out.appendJSONKey("id")
                out.append(id)
            }
        }
        out.append("}")
    }

    /// `{"offset": 0, "size": 200, "kind": "used"`: a region's object up to its other keys
    /// (the run report's names and ids, the as-recorded report's addresses).
    static func appendJSONRegionOpening(offset: Int, size: Int, kind: String, to out: inout TextBuffer) {
        out.append("{")
        out.appendJSONKey("offset", first: true)
        out.append(offset)
        out.appendJSONKey("size")
        out.append(size)
        out.appendJSONKey("kind")
        out.appendJSONString(kind)
    }

    /// Appends a step as one JSON object: `line`, `op`, its arguments by name, then `result` or
    /// `error` (a failed allocation has `"result": null` and a `message` saying why). Written
    /// straight into the buffer with the writer `JSONValue.compact` uses (no value built per
    /// step), since a long trace has millions of steps.
    static func appendJSON(of step: Step, to out: inout TextBuffer) {
        let open: StaticString = "{"
        out.append(open)
        out.appendJSONKey("line", first: true)
        out.append(step.line)
        func add(_ key: StaticString, _ value: Int?) {
            guard let value else { return }
            out.appendJSONKey(key)
            out.append(value)
        }
        /// `, "op": "alloc"`, written whole: the member is fixed text that needs no escape, and one
        /// append per step matters on a long trace.
        func operation(_ member: StaticString) {
            out.append(member)
        }
        func add(_ key: StaticString, text: String) {
            out.appendJSONKey(key)
            out.appendJSONString(text)
        }
        switch step.operation {
        case .pool(let size, let policy):
            operation(", \"op\": \"pool\"")
            add("size", size)
            add("policy", text: policy.rawValue)
        case .heap(let spec):
            operation(", \"op\": \"heap\"")
            add("size", spec.size)
            add("base", spec.baseAddress)
            add("header", spec.headerSize)
            add("round", spec.sizeMultiple)
            add("policy", text: spec.policy.rawValue)
            add("order", text: spec.order.rawValue)
            out.appendJSONKey("coalesce")
            out.appendJSON(JSONValue.bool(spec.coalesces))
        case .alloc(let name, let id, let size, let alignment):
            operation(", \"op\": \"alloc\"")
            add("id", id)
            if let name { add("name", text: name) }
            add("size", size)
            add("align", alignment)
        case .free(let name, let id, let offset):
            operation(", \"op\": \"free\"")
            add("id", id)
            if let name { add("name", text: name) }
            add("offset", offset)
        case .realloc(let id, let size, let offset):
            operation(", \"op\": \"realloc\"")
            add("id", id)
            add("size", size)
            add("offset", offset)
        case .defrag: operation(", \"op\": \"defrag\"")
        case .stats: operation(", \"op\": \"stats\"")
        case .say(let caption):
            operation(", \"op\": \"say\"")
            add("text", text: caption)
        case .wait(let milliseconds):
            operation(", \"op\": \"wait\"")
            add("milliseconds", milliseconds)
        }
        if let random = step.randomIndex { add("random", random.index) }
        switch step.outcome {
        case .done:
            let member: StaticString = ", \"result\": null"
            out.append(member)
        case .offset(let offset): add("result", offset)
        case .placed(let address, let searched):
            add("result", address)
            add("searched", searched)
        case .allocationFailed(let message):
            out.appendJSONKey("result")
            out.appendJSON(JSONValue.null)
            add("message", text: message)
        case .mapping(let moves):
            out.appendJSONKey("result")
            out.append("{")
            for (index, move) in moves.enumerated() {
                if index > 0 { out.append(", ") }
                out.appendJSONString(String(move.old))
                out.append(": ")
                out.append(move.new)
            }
            out.append("}")
        case .stats(let stats):
            out.appendJSONKey("result")
            out.appendJSON(json(stats))
        case .error(let message): add("error", text: message)
        case .refused(let message):
            // malloc.py's `returned -1`: a result, with why.
            add("result", -1)
            add("message", text: message)
        }
        out.append("}")
    }
}
