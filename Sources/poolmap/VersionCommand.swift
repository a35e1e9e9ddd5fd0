import ArgumentParser
import PoolCommandLine

/// `poolmap version`: what `poolmap --version` prints.
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print poolmap's version and the Swift it was built with (as --version does).",
        discussion: """
            The version is also the first entry of CHANGELOG.md.

            Examples:
              poolmap version
                  poolmap \(PoolmapVersion.number) (built with Swift …)
              poolmap --version
                  the same
            """
    )

    func run() {
        StandardStreams.write(PoolmapVersion.description + "\n")
    }
}
