import ArgumentParser

struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(being written)")
    func run() throws { throw ValidationError("'explore' is being written") }
}
