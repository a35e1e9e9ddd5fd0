import ArgumentParser
import OSTEPSimulator

/// `poolmap ostep [FLAGS]`: OSTEP's free-space simulator (malloc.py), byte for byte. The flags
/// are malloc.py's, read as Python's optparse reads them (`-s5`, `-Cc`, `-A -0,+5`,
/// `--seed=3`), so they are taken raw and read by `MallocOptionReader`, not argument-parser.
struct Ostep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "OSTEP's free-space simulator (malloc.py), byte for byte.",
        usage: "poolmap ostep [-s SEED] [-S SIZE] [-b BASE] [-H HEADER] [-a ALIGN] [-p POLICY] [-l ORDER] "
            + "[-C] [-n OPS] [-r RANGE] [-P PERCENT] [-A LIST] [-c]",
        discussion: """
            Prints exactly what OSTEP's vm-freespace/malloc.py prints for the same flags: a heap \
            with a header per block, sizes rounded up to a multiple, a free list searched in list \
            order and kept in a chosen order, and coalescing only with -C. Random operations come \
            from the same random numbers as Python's. Flags are read as malloc.py's optparse reads \
            them: -s5, -s 5, --seed=5, --seed 5, -Cc, -A -0,+5, numbers in decimal, 0x hex, 0b binary \
            or with a leading 0 octal. A flag malloc.py refuses exits 64, an operation it fails on \
            exits 1, after what malloc.py printed before failing. Negative sizes are refused (64).

              -s, --seed SEED            the random seed (default 0)
              -S, --size SIZE            size of the heap (default 100)
              -b, --baseAddr BASE        base address of the heap (default 1000)
              -H, --headerSize HEADER    size of the header (default 0)
              -a, --alignment ALIGN      round requests up to a multiple; -1: none (default -1)
              -p, --policy POLICY        list search: BEST, WORST, FIRST (default BEST)
              -l, --listOrder ORDER      ADDRSORT, SIZESORT+, SIZESORT-, INSERT-FRONT, INSERT-BACK \
            (default ADDRSORT)
              -C, --coalesce             coalesce the free list after each free
              -n, --numOps OPS           number of random operations (default 10)
              -r, --range RANGE          largest random request (default 10)
              -P, --percentAlloc PERCENT percent of random operations that allocate (default 50)
              -A, --allocList LIST       the operations instead of random ones: +SIZE allocates, \
            -INDEX frees ptr[INDEX] (e.g. +10,-0,+20)
              -c, --compute              print the answers instead of ?
              -h, --help                 this help

            poolmap's own, to see the run instead of reading it:
              --play                     play it on the heap's map (--paused, --explain, --speed N, --no-color)
              --quiz                     before each allocation, pick the element it takes (or that it fails)
              --script                   print it as a .pool script: a worksheet (# -> ?, with -c the answers)

            Examples:
              poolmap ostep -n 5 -c
                  five random operations on a 100-byte heap, with the answers
              poolmap ostep -p FIRST -l INSERT-FRONT -C -A +10,+20,-0,-1,+5 -c
                  listed operations: first fit, freed blocks at the list's front, coalescing
              poolmap ostep -S 64 -H 4 -a 4 -s 3
                  questions to answer by hand (check them with -c)
              poolmap ostep -n 10 -C --play --explain
                  the run on the heap's map, each search walking the free list
              poolmap ostep -s 2 -n 8 --quiz
                  predict each allocation's element, then see the search
            """
    )

    @Argument(
        parsing: .captureForPassthrough,
        help: ArgumentHelp("malloc.py's flags, as above.", valueName: "flags"))
    var flags: [String] = []

    func run() throws {
        let (mallocFlags, own) = OstepViewing.split(flags)
        guard let outcome = MallocSimulation.run(arguments: mallocFlags) else {
            StandardStreams.write(Self.helpMessage() + "\n")
            return
        }
        if let mode = own.mode {
            try OstepViewing.view(outcome, mode: mode, flags: mallocFlags, own: own)
            return
        }
        StandardStreams.write(outcome.output)
        if let failure = outcome.failure {
            StandardStreams.writeError("poolmap ostep: \(failure.message)\n")
            throw ExitCode(failure.exitStatus)
        }
    }
}
