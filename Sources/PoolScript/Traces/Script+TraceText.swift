extension Script {
    /// The figures of a trace's `#` header, as `poolmap record` writes them: operations, the
    /// most bytes live at once (both blocks of an `r` counted, as for the default pool) and the
    /// most blocks.
    public struct TraceFigures: Equatable, Sendable {
        /// Operation lines.
        public var events = 0
        /// The most bytes live at once.
        public var peakLiveBytes = 0
        /// The most blocks live at once.
        public var peakLiveBlocks = 0
    }

    /// The figures of this script's trace operations.
    /// - Complexity: O(statements), memory O(live ids).
    public var traceFigures: TraceFigures {
        var figures = TraceFigures()
        var peak = TracePeak()
        var live = IntMap()
        for statement in statements {
            switch statement.action {
            case .traceAlloc(let id, _, _), .traceRealloc(let id, _):
                figures.events += 1
                if case .traceRealloc(_, 0) = statement.action {
                    _ = live.removeValue(forKey: id)
                } else if id >= 0 {
                    live[id] = 1
                }
            case .traceFree(let id):
                figures.events += 1
                if id >= 0 { _ = live.removeValue(forKey: id) }
            default:
                break
            }
            peak.add(statement)
            figures.peakLiveBlocks = max(figures.peakLiveBlocks, live.count)
        }
        figures.peakLiveBytes = peak.peakBytes
        return figures
    }

    /// The trace operations as poolmap's `.trace` lines, each `a`/`m` followed by its call
    /// site's first line as a comment (`a 3 100  # at ./prog:(main+17)`); a `say` marker
    /// becomes a `#` line. Read back, it gives the same operations and call sites.
    /// - Complexity: O(statements).
    public var traceLines: String {
        var text = ""
        for statement in statements {
            switch statement.action {
            case .traceAlloc(let id, _, _):
                text += statement.action.description
                if let site = callSites[id]?.split(separator: "\n").first {
                    text += "  # at \(Self.oneLine(String(site)))"
                }
                text += "\n"
            case .traceFree, .traceRealloc:
                text += "\(statement.action)\n"
            case .say(let marker):
                text += "# \(Self.oneLine(marker))\n"
            default:
                continue
            }
        }
        return text
    }

    /// `text` on one line: control characters become spaces, so a comment never ends early.
    public static func oneLine(_ text: String) -> String {
        String(
            String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }
}
