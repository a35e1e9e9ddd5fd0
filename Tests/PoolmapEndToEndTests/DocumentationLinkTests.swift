import Foundation
import TestSupport
import Testing

/// The README and the documents it leads to: every relative link and anchor resolves, and the
/// README stays a front door.
@Suite struct DocumentationLinkTests {
    /// The Markdown files a reader of the repository follows links through.
    static func documents() throws -> [URL] {
        let docs = Repository.root.appendingPathComponent("docs")
        let pages = try FileManager.default.contentsOfDirectory(atPath: docs.path)
            .filter { $0.hasSuffix(".md") }.sorted().map { docs.appendingPathComponent($0) }
        let others = ["README.md", "CHANGELOG.md", "Fuzz/README.md", "demos/README.md"]
        return others.map { Repository.root.appendingPathComponent($0) } + pages
    }

    /// What is wrong with each link of `document`: a file that does not exist, or an anchor
    /// that no heading of its Markdown file gives. Empty when every link resolves.
    static func brokenLinks(in document: URL) throws -> [String] {
        let name = document.path.dropFirst(Repository.root.path.count + 1)
        let markdown = MarkdownDocument(text: try String(contentsOf: document, encoding: .utf8))
        var problems: [String] = []
        for link in markdown.links where !link.isExternal {
            let target =
                link.path.isEmpty
                ? document : document.deletingLastPathComponent().appendingPathComponent(link.path).standardized
            guard FileManager.default.fileExists(atPath: target.path) else {
                problems.append("\(name):\(link.line): \(link.target): no such file")
                continue
            }
            guard let fragment = link.fragment, target.pathExtension == "md" else { continue }
            let anchors =
                target == document
                ? markdown.anchors : MarkdownDocument(text: try String(contentsOf: target, encoding: .utf8)).anchors
            if !anchors.contains(fragment) {
                problems.append("\(name):\(link.line): \(link.target): no heading makes #\(fragment)")
            }
        }
        return problems
    }

    @Test func everyRelativeLinkAndAnchorResolves() throws {
        let documents = try Self.documents()
        #expect(documents.count > 10)
        var problems: [String] = []
        var linkCount = 0
        for document in documents {
            problems += try Self.brokenLinks(in: document)
            linkCount += MarkdownDocument(text: try String(contentsOf: document, encoding: .utf8)).links.count
        }
        #expect(linkCount > 50, "the documents link to each other")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func aBrokenLinkIsFound() throws {
        let folder = Poolmap.scratchFolder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = folder.appendingPathComponent("page.md")
        try """
        # A page
        [fine](#a-page) [gone](missing.md) [bad anchor](#nowhere) `[in code](missing.md)`
        ```
        [in a fence](missing.md)
        ```
        """.write(to: page, atomically: true, encoding: .utf8)
        let problems = try Self.brokenLinks(in: page).map { $0.drop { $0 != ":" } }
        #expect(problems == [":2: missing.md: no such file", ":2: #nowhere: no heading makes #nowhere"])
    }

    @Test func anchorsFollowGitHubsRules() {
        let text = """
            # Worksheets: `poolmap worksheet`
            ## The classic exercise's examples
            ## The player (`play`, `demo`) and the comparison (`compare`)
            ## Figures
            ### Figures
            ```
            # not a heading
            ```
            """
        #expect(
            MarkdownDocument(text: text).anchors == [
                "worksheets-poolmap-worksheet", "the-classic-exercises-examples",
                "the-player-play-demo-and-the-comparison-compare", "figures", "figures-1",
            ])
    }

    @Test func theReadmeIsAFrontDoor() throws {
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        let lineCount = readme.filter { $0 == "\n" }.count  // as `wc -l` counts
        #expect(lineCount <= 250, "README.md has \(lineCount) lines; the manual belongs in docs/")
    }
}
