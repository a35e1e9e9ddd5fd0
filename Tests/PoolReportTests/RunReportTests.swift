import PoolAllocator
import Testing

@testable import PoolReport
@testable import PoolScript

/// The text and JSON reports of a whole run (`poolmap run`).
@Suite struct RunReportTests {
    func run(_ text: String, poolSize: Int = 65536) throws -> RunReport {
        try RunReport.run(try ScriptParser.parse(text, fileName: "r.pool"), poolSize: poolSize)
    }

    @Test func stepsAsJSONAndText() throws {
        let report = try run(
            "pool 1K\na = alloc 100\nb = alloc 200 align 256\nsay \"hi\"\nfree a\ndefrag\nstats\nalloc 2K\nfree q\n")
        #expect(
            report.json == """
                {
                  "steps": [
                    {"line": 1, "op": "pool", "size": 1024, "policy": "first", "result": null},
                    {"line": 2, "op": "alloc", "name": "a", "size": 100, "result": 0},
                    {"line": 3, "op": "alloc", "name": "b", "size": 200, "align": 256, "result": 256},
                    {"line": 5, "op": "free", "name": "a", "offset": 0, "result": null},
                    {"line": 6, "op": "defrag", "result": {"256": 0}},
                    {"line": 7, "op": "stats", "result": {"total": 1024, "used": 200, "free": 824, "num_blocks": 1, \
                "fragmentation": 0.0, "padding": 0, "largest_free": 824, "free_blocks": 1}},
                    {"line": 8, "op": "alloc", "size": 2048, "result": null, "message": "alloc 2 KiB failed: only \
                824 B free"},
                    {"line": 9, "op": "free", "name": "q", "error": "cannot free 'q': the name is not bound to a \
                block: it was never allocated"}
                  ],
                  "policy": "first",
                  "stats": {"total": 1024, "used": 200, "free": 824, "num_blocks": 1, "fragmentation": 0.0, \
                "padding": 0, "largest_free": 824, "free_blocks": 1},
                  "figures": {"high_water": 456, "peak_live": 300, "utilization": 0.6578947368421053, \
                "heap_fragmentation": 0.52},
                  "regions": [
                    {"offset": 0, "size": 200, "kind": "used", "name": "b"},
                    {"offset": 200, "size": 824, "kind": "free"}
                  ]
                }

                """)
        #expect(
            report.text(width: 16) == """
                first fit · 1 KiB pool (the script's pool statement)
                ███░░░░░░░░░░░░░
                █ used  ▒ padding  ░ free  (16 cells of 64 B)
                total 1 KiB  used 200 B  free 824 B  padding 0 B  policy first fit
                blocks 1  free blocks 1  largest free 824 B  fragmentation 0.0000 (0.00%)
                high water 456 B  peak live 300 B  utilization 0.6579 (65.79%)  heap fragmentation 0.5200 (52.00%)
                summary: 9 steps
                  failed allocations: 1, the first after step 8 (line 8)
                  runtime errors: 1
                  defragments: 1
                  peak used: 456 B after step 3 (line 3)
                  peak fragmentation: 0.1497 (14.97%) after step 5 (line 5)
                events:
                  1  pool 1 KiB
                  2  a = alloc 100  → 0
                  3  b = alloc 200 align 256  → 256
                  4  say "hi"
                  5  free a (0)
                  6  defrag  → {256: 0}
                  7  stats  → total 1024, used 200, free 824, num_blocks 1, fragmentation 0.0
                  8  alloc 2048  → alloc 2 KiB failed: only 824 B free
                  9  free q  → error: cannot free 'q': the name is not bound to a block: it was never allocated

                """)
    }

    /// Before anything is allocated the ratios are undefined: `–` in text, `null` in JSON.
    @Test func undefinedFiguresAreADashAndNull() throws {
        let report = try run("pool 1K\nstats\n")
        #expect(
            report.text(width: 16).contains(
                "\nhigh water 0 B  peak live 0 B  utilization –  heap fragmentation –\nsummary:"))
        #expect(
            report.json.contains(
                "\"figures\": {\"high_water\": 0, \"peak_live\": 0, \"utilization\": null, \"heap_fragmentation\": null}"
            ))
    }

    @Test func fragmentationPrintsAtFullPrecisionInJSON() throws {
        let report = try run("pool 1000\na = alloc 1\nb = alloc 2\nc = alloc 3\nfree b\nstats\n")
        // free = 996 (the hole of 2 at 1, and 994 after c), so 1 - 994/996.
        let expected = 1 - 994.0 / 996.0
        #expect(report.json.contains("\"fragmentation\": \(expected.description)"))
    }
}
