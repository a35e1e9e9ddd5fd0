import ArgumentParser

struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(being written)")
    func run() throws { throw ValidationError("'play' is being written") }
}
