import Foundation
import Testing

/// `poolmap compare`, and scripts that begin with `compare`, through the built executable.
@Suite struct CompareEndToEndTests {
    @Test func theRankingAsJSONAndAsText() throws {
        let json = try Poolmap.run(["compare", "demos/policies.pool", "--format", "json"])
        #expect(json.status == 0, "\(json.error)")
        let policies = try #require(try Poolmap.json(json.output)["policies"] as? [[String: Any]])
        #expect(policies.map { $0["policy"] as? String } == ["first", "best"], "the script's compare line")
        for entry in policies {
            #expect(
                Set(entry.keys) == [
                    "policy", "stats", "failed_allocs", "peak_fragmentation", "high_water", "peak_live", "utilization",
                    "heap_fragmentation",
                ])
        }
        let all = try Poolmap.run([
            "compare", "demos/policies.pool", "--policies", "first,next,best,worst", "--format", "json",
        ])
        let four = try #require(try Poolmap.json(all.output)["policies"] as? [[String: Any]])
        #expect(Set(four.compactMap { $0["policy"] as? String }) == ["first", "next", "best", "worst"])
        let failed = four.compactMap { $0["failed_allocs"] as? Int }
        #expect(failed == failed.sorted(), "ranked by failed allocations first")
        // Without a terminal and without --format: the table.
        let text = try Poolmap.run(["compare", "demos/policies.pool"])
        #expect(text.status == 0)
        #expect(text.output.hasPrefix("rank  policy     failed allocs  high water  peak fragmentation"))
        // `run` of a script that begins with compare prints the same table; --policy runs one.
        #expect(try Poolmap.run(["run", "demos/policies.pool"]).output == text.output)
        let one = try Poolmap.run(["run", "demos/policies.pool", "--policy", "best"])
        #expect(one.output.contains("policy best fit"))
        // A trace, under two policies.
        let trace = try Poolmap.run([
            "compare", "demos/awk-buckets.trace", "--policies", "best,first", "--format", "json",
        ])
        #expect(trace.status == 0)
        #expect((try Poolmap.json(trace.output)["policies"] as? [Any])?.count == 2)
    }

    @Test func mistakesAreUsageErrors() throws {
        for (policies, message) in [
            ("first", "--policies needs two to four policies"),
            ("first,bogus", "unknown policy 'bogus'"),
            ("best,best", "'best' is named twice"),
        ] {
            let result = try Poolmap.run(["compare", "demos/policies.pool", "--policies", policies])
            #expect(result.status == 64, "\(policies)")
            #expect(result.error.contains(message), "\(policies): \(result.error)")
        }
        let explain = try Poolmap.run(["compare", "demos/policies.pool", "--explain"])
        #expect(explain.status == 64)
        #expect(explain.error.contains("--explain shows one pool's search and compare plays several"))
        let policy = try Poolmap.run(["run", "demos/fragmentation.pool", "--policy", "fastest"])
        #expect(policy.status == 64)
        let errors = try Poolmap.temporaryFile("e.pool", "compare first best\npool 1K\nfree nope\n")
        let failed = try Poolmap.run(["compare", errors])
        #expect(failed.status == 1)
        #expect(
            failed.error.hasSuffix(
                "e.pool:3: error: cannot free 'nope': the name is not bound to a block: it was never allocated\n"))
    }

    @Test func aHeadlessRecordingOfTheComparisonIsReproducible() throws {
        let folder = Poolmap.scratchFolder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let first = folder.appendingPathComponent("a.cast").path, second = folder.appendingPathComponent("b.cast").path
        let a = try Poolmap.run(["demo", "policies", "--record", first])
        let b = try Poolmap.run(["compare", "demos/policies.pool", "--record", second])
        #expect(a.status == 0 && b.status == 0, "\(a.error) \(b.error)")
        #expect(a.output.hasPrefix("recorded policies.pool: "))
        let cast = try String(contentsOfFile: first, encoding: .utf8)
        #expect(cast.hasPrefix("{\"version\": 2, \"width\": 100, \"height\": 30}\n"))
        #expect(cast.contains("best fit"))
        #expect(cast.contains("\"m\", \"Scene 2:"))
        // `demo policies` and `compare` of the same file draw the same frames but their titles.
        #expect(
            cast.split(separator: "\n").count
                == (try String(contentsOfFile: second, encoding: .utf8)).split(separator: "\n").count)
    }

    @Test func heapScenesCompareMallocPysPoliciesAndListOrders() throws {
        let policies = try Poolmap.run(["compare", "demos/free-list.pool"])
        #expect(policies.status == 0)
        #expect(["first fit", "best fit", "worst fit"].allSatisfy { policies.output.contains($0) })
        #expect(!policies.output.contains("next fit"))
        let next = try Poolmap.run(["compare", "demos/free-list.pool", "--policies", "first,next"])
        #expect(next.status == 64 && next.error.contains("a heap scene has no next fit"))
        let orders = try Poolmap.run(["compare", "demos/free-list.pool", "--orders", "sizesort+,addrsort"])
        #expect(orders.status == 0 && orders.output.contains("\n1     addrsort "))
        let pools = try Poolmap.run(["compare", "demos/policies.pool", "--orders", "addrsort,sizesort+"])
        #expect(pools.status == 64 && pools.error.contains("has none"))
    }
}
