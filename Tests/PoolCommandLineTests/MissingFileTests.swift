import Foundation
import Testing

@testable import PoolCommandLine

@Suite struct MissingFileTests {
    /// A folder tree in memory: folder path (as `listing` is asked, `.` or ending in `/`) → entries.
    let tree: [String: [MissingFile.Entry]] = [
        ".": [
            .init(name: "demos", isDirectory: true), .init(name: "docs", isDirectory: true),
            .init(name: "README.md", isDirectory: false), .init(name: "notes.pool", isDirectory: false),
        ],
        "demos/": [
            .init(name: "fragmentation.pool", isDirectory: false), .init(name: "alignment.pool", isDirectory: false),
            .init(name: "defrag.pool", isDirectory: false), .init(name: "awk-buckets.trace", isDirectory: false),
            .init(name: ".fragmentation.pool.swp", isDirectory: false),
            .init(name: "fragmentation.poo", isDirectory: true),
        ],
        "docs/": [.init(name: "formats.md", isDirectory: false)],
        "/srv/traces/": [.init(name: "app.trace", isDirectory: false), .init(name: "app2.trace", isDirectory: false)],
    ]
    let demos = [
        (name: "fragmentation", fileName: "fragmentation.pool"), (name: "first-fit", fileName: "first-fit.pool"),
    ]

    func guess(_ path: String) -> MissingFile.Guess {
        MissingFile.guess(for: path, demos: demos) { tree[$0] }
    }

    @Test func aFileOneOrTwoEditsAwayInTheSameFolderIsSuggested() {
        #expect(guess("demos/fragmentaton.pool").files == ["demos/fragmentation.pool"])
        #expect(guess("demos/alignmnet.pool").files == ["demos/alignment.pool"])
        #expect(guess("demos/Defrag.pol").files == ["demos/defrag.pool"])
        #expect(guess("demos/awk-bucket.trace").files == ["demos/awk-buckets.trace"])
        #expect(guess("note.pool").files == ["notes.pool"])
        #expect(guess("/srv/traces/ap.trace").files == ["/srv/traces/app.trace"])
        #expect(guess("/srv/traces/app1.trace").files == ["/srv/traces/app.trace", "/srv/traces/app2.trace"])
    }

    @Test func foldersAndHiddenFilesAreNotSuggestedForAFile() {
        #expect(guess("demos/fragmentation.po").files == ["demos/fragmentation.pool"])
        #expect(guess("demos/.fragmentation.pool.sw").files == ["demos/.fragmentation.pool.swp"])
    }

    @Test func aMistypedFolderIsFoundWhenBothTyposTogetherStayWithinTwoEdits() {
        #expect(guess("demo/fragmentation.pool").files == ["demos/fragmentation.pool"])
        #expect(guess("demo/fragmentaton.pool").files == ["demos/fragmentation.pool"])
        #expect(guess("dmo/fragmentaton.pool").files.isEmpty)
        #expect(guess("nowhere/at/all.pool").files.isEmpty)
    }

    @Test func withNoFileCloseADemoIsSuggestedByNameOrFileName() {
        #expect(guess("fragmentaton.pool") == MissingFile.Guess(demos: ["fragmentation"]))
        #expect(guess("elsewhere/first-fit") == MissingFile.Guess(demos: ["first-fit"]))
        #expect(guess("docs/firstfit.pool") == MissingFile.Guess(demos: ["first-fit"]))
    }

    @Test func aFileCloseBeatsADemo() {
        #expect(guess("demos/fragmentaton.pool") == MissingFile.Guess(files: ["demos/fragmentation.pool"]))
    }

    @Test func farOffNamesAndFolderPathsGetNoGuess() {
        #expect(guess("demos/something-else.pool") == MissingFile.Guess())
        #expect(guess("demos/") == MissingFile.Guess())
        #expect(guess("demos/..") == MissingFile.Guess())
        #expect(guess("") == MissingFile.Guess())
    }

    @Test func hintsNameTheFileOrTheDemoCommand() {
        #expect(
            MissingFile.Guess(files: ["demos/fragmentation.pool"]).hint(toolName: "poolmap")
                == "did you mean 'demos/fragmentation.pool'?")
        #expect(MissingFile.Guess(files: ["a", "b"]).hint(toolName: "poolmap") == "did you mean 'a' or 'b'?")
        #expect(
            MissingFile.Guess(demos: ["fragmentation"]).hint(toolName: "poolmap")
                == "did you mean the built-in demo 'fragmentation' (poolmap demo fragmentation)?")
        #expect(
            MissingFile.Guess(demos: ["defrag", "defrag2"]).hint(toolName: "poolmap")
                == "did you mean one of the built-in demos 'defrag' or 'defrag2' (poolmap demo defrag)?")
        #expect(MissingFile.Guess().hint(toolName: "poolmap") == nil)
    }

    @Test func onRealFoldersTheListingAndExistenceChecksAgree() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poolmap-missing-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("pool 1KiB\n".utf8).write(to: folder.appendingPathComponent("story.pool"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("link.pool").path, withDestinationPath: "story.pool")
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("sublink").path, withDestinationPath: "sub")

        let entries = try #require(DirectoryListing.entries(atPath: folder.path))
        #expect(
            entries == [
                .init(name: "link.pool", isDirectory: false), .init(name: "story.pool", isDirectory: false),
                .init(name: "sub", isDirectory: true), .init(name: "sublink", isDirectory: true),
            ])
        #expect(DirectoryListing.entries(atPath: folder.appendingPathComponent("none").path) == nil)

        let missing = folder.path + "/stroy.pool"
        #expect(MissingFile.doesNotExist(missing))
        #expect(MissingFile.doesNotExist(folder.path + "/story.pool/x"))
        #expect(!MissingFile.doesNotExist(folder.path + "/story.pool"))
        #expect(MissingFile.guess(for: missing, demos: []).files == [folder.path + "/story.pool"])
    }
}
