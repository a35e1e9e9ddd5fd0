import Testing

@testable import PoolAllocator
@testable import PoolScript

/// A caption that states a figure sits beside the stats panel while it is shown: the two must
/// agree at every step the caption stays on screen.
@Suite struct DemoCaptionTests {
    /// What a caption claims about free space, and the size it names.
    enum Claim: Equatable {
        /// "the free space is one block of 2 KiB": one free block, of that size.
        case oneFreeBlock(Int)
        /// "only 256 bytes are free", "300 B are free": the free total.
        case freeTotal(Int)
    }

    static func size(_ number: Substring, _ unit: Substring) -> Int {
        let value = Int(number)!
        return unit == "KiB" ? value << 10 : unit == "MiB" ? value << 20 : value
    }

    static func claims(in caption: String) throws -> [Claim] {
        var claims: [Claim] = []
        let oneBlock = try Regex(#"free space is one block of (\d+) (B|bytes|KiB|MiB)"#)
        for match in caption.matches(of: oneBlock) {
            claims.append(.oneFreeBlock(size(match.output[1].substring!, match.output[2].substring!)))
        }
        let total = try Regex(#"(\d+) (B|bytes|KiB|MiB) (are|is) free"#)
        for match in caption.matches(of: total) {
            claims.append(.freeTotal(size(match.output[1].substring!, match.output[2].substring!)))
        }
        return claims
    }

    @Test func claimsAreRead() throws {
        #expect(try Self.claims(in: "Now the free space is one block of 2 KiB...") == [.oneFreeBlock(2048)])
        #expect(try Self.claims(in: "returns None: only 256 bytes are free") == [.freeTotal(256)])
        #expect(try Self.claims(in: "Now 300 B are free, but in holes") == [.freeTotal(300)])
        #expect(try Self.claims(in: "A small block fills in") == [])
    }

    @Test(arguments: DemoLibrary.all.filter { $0.kind == .script })
    func captionsAgreeWithTheStatsBesideThem(demo: Demo) throws {
        let script = try demo.script()
        var runner = try ScriptRunner(script: script, poolSize: ScriptRunner.defaultPoolSize(for: script))
        var checked = 0
        while runner.step() != nil {
            let caption = runner.state.caption ?? ""
            let claims = try Self.claims(in: caption)
            let stats = runner.pool.stats
            for claim in claims {
                checked += 1
                switch claim {
                case .oneFreeBlock(let size):
                    #expect(
                        stats.free == size && stats.largestFree == size,
                        "\(demo.name): \"\(caption)\" beside \(stats.free) B free, largest \(stats.largestFree) B")
                case .freeTotal(let size):
                    #expect(stats.free == size, "\(demo.name): \"\(caption)\" beside \(stats.free) B free")
                }
            }
        }
        if demo.name == "fragmentation" { #expect(checked > 0, "the default demo's claim was not read") }
    }
}
