import ArgumentParser
import CursesTerminal
import PoolAllocator
import PoolApp
import PoolScript

/// `poolmap explore` (the default): the interactive explorer on an empty pool.
struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explore a memory pool interactively: allocate, free, defragment and watch the map.",
        discussion: """
            Keys: a alloc SIZE · A alloc SIZE ALIGN · f/Delete free · d defragment · r random op · \
            R random burst · u undo · ←/→ h/l select · Home/End first/last · +/- zoom · 0 fit · \
            PgUp/PgDn scroll · click select · ?/F1 help · q quit. Needs a terminal; for text output \
            use `poolmap run FILE`. The default command: `poolmap --size 4KiB` is `poolmap explore --size 4KiB`.

            Examples:
              poolmap
                  an empty 64 KiB pool
              poolmap --size 4KiB --no-color
                  a 4 KiB pool, glyphs without colours
              poolmap explore --seed 7
                  r and R draw from seed 7, so a session can be replayed
            """
    )

    @Option(
        name: .long, help: "The pool's size: 256, 4KiB, 0x100, 2M (units B, K/KiB, M/MiB, G/GiB; default 64KiB).",
        transform: ScriptLoading.parseSize)
    var size: Int = 64 * 1024

    @Option(name: .long, help: "The seed of the random operations (r, R), to replay a session.")
    var seed: UInt64 = RandomWorkload.defaultSeed

    @Option(help: ArgumentHelp("The placement policy to start with; p cycles it.", valueName: PolicyList.valueName))
    var policy: FitPolicy = .first

    @Flag(name: .long, help: "No colours: glyphs and attributes only (also when NO_COLOR is set).")
    var noColor = false

    func run() throws {
        let status = CursesTerminal.runFullScreen(noColor: noColor) { terminal in
            ExplorerApp(
                state: try ExplorerState(
                    poolSize: size, screenSize: terminal.size, seed: seed,
                    monochrome: terminal.colorDepth == .monochrome, policy: policy))
        }
        if status != 0 { throw ExitCode(status) }
    }
}
