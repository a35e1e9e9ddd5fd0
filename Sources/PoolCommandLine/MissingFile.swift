import PoolFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file named on the command line that does not exist, and what was probably meant: a file
/// one or two edits away in the same folder (or in a folder one or two edits away), or a
/// built-in demo.
package enum MissingFile {
    /// A name in a folder, and whether it is a folder (else a file, or a link to one).
    package struct Entry: Equatable, Sendable {
        package var name: String
        package var isDirectory: Bool

        package init(name: String, isDirectory: Bool) {
            self.name = name
            self.isDirectory = isDirectory
        }
    }

    /// What `path` was probably meant to be.
    package struct Guess: Equatable, Sendable {
        /// Existing files, spelled as `path` is (`demos/fragmentation.pool`).
        package var files: [String] = []
        /// Built-in demos, by name (`fragmentation`); only when no file is close.
        package var demos: [String] = []

        package init(files: [String] = [], demos: [String] = []) {
            self.files = files
            self.demos = demos
        }

        /// `did you mean 'demos/fragmentation.pool'?`, `did you mean the built-in demo
        /// 'fragmentation' (poolmap demo fragmentation)?`, or nil when there is no guess.
        package func hint(toolName: String) -> String? {
            if !files.isEmpty { return "did you mean \(Suggestions.quotedList(files))?" }
            guard let first = demos.first else { return nil }
            let noun = demos.count == 1 ? "the built-in demo" : "one of the built-in demos"
            return "did you mean \(noun) \(Suggestions.quotedList(demos)) (\(toolName) demo \(first))?"
        }
    }

    /// Whether nothing is at `path` (not even a dangling link): the case worth a guess.
    package static func doesNotExist(_ path: String) -> Bool {
        FileSystem.doesNotExist(path)
    }

    /// The files in `path`'s folder whose names are at most `Suggestions.maximumDistance` edits
    /// from its last component; when that folder does not exist, the files of folders beside it
    /// whose names are close enough that both edits together stay within the limit. Failing
    /// those, the demos (`demos`: name and file name) whose name or file name is close.
    /// `listing` gives a folder's entries, or nil when it cannot be read.
    package static func guess(
        for path: String, demos: [(name: String, fileName: String)],
        listing: (String) -> [Entry]? = DirectoryListing.entries(atPath:)
    ) -> Guess {
        let (folder, name) = FileSystem.split(path)
        guard !name.isEmpty, name != ".", name != ".." else { return Guess() }
        let files = closeFiles(folder: folder, name: name, listing: listing)
        if !files.isEmpty { return Guess(files: files) }
        var best = Int.max
        var names: [String] = []
        for demo in demos {
            guard
                let distance = Suggestions.ranked(
                    name, among: [demo.name, demo.fileName], maximumDistance: Suggestions.maximumDistance,
                    prefixes: false)?.distance, distance <= best
            else { continue }
            if distance < best {
                best = distance
                names = []
            }
            names.append(demo.name)
        }
        return Guess(demos: names)
    }

    /// The files close to `name` in `folder` (`""` is the current folder; else it ends in `/`),
    /// or in folders close to `folder` when it cannot be listed.
    static func closeFiles(folder: String, name: String, listing: (String) -> [Entry]?) -> [String] {
        let limit = Suggestions.maximumDistance
        if let entries = listing(folder.isEmpty ? "." : folder) {
            let files = candidates(entries, for: name)
            return Suggestions.closest(to: name, among: files, maximumDistance: limit).map { folder + $0 }
        }
        // The folder itself may be the typo: `demo/fragmentation.pool`.
        let (parent, folderName) = FileSystem.split(String(folder.dropLast()))
        guard !folder.isEmpty, !folderName.isEmpty, folderName != ".", folderName != "..",
            let siblings = listing(parent.isEmpty ? "." : parent)
        else { return [] }
        var best = Int.max
        var found: [String] = []
        for sibling in siblings where sibling.isDirectory {
            let folderDistance = EditDistance.damerauLevenshtein(folderName.lowercased(), sibling.name.lowercased())
            guard folderDistance <= limit, let entries = listing(parent + sibling.name + "/") else { continue }
            let files = candidates(entries, for: name)
            guard
                let (names, distance) = Suggestions.ranked(
                    name, among: files, maximumDistance: limit - folderDistance, prefixes: false),
                folderDistance + distance <= best
            else { continue }
            if folderDistance + distance < best {
                best = folderDistance + distance
                found = []
            }
            found += names.map { parent + sibling.name + "/" + $0 }
        }
        return found
    }

    /// The files of `entries` that could be meant by `name`: hidden ones only when `name` is.
    static func candidates(_ entries: [Entry], for name: String) -> [String] {
        entries.filter { !$0.isDirectory && (name.hasPrefix(".") || !$0.name.hasPrefix(".")) }.map(\.name)
    }
}

/// Reading a folder's entries.
package enum DirectoryListing {
    /// The entries of the folder at `path` (`.` and `..` left out), sorted by name, or nil
    /// when it cannot be read. Links count as what they point to.
    package static func entries(atPath path: String) -> [MissingFile.Entry]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        let folder = path.hasSuffix("/") ? path : path + "/"
        var entries: [MissingFile.Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            var isDirectory = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            let type = Int32(entry.pointee.d_type)
            if type == Int32(DT_LNK) || type == Int32(DT_UNKNOWN) {
                isDirectory = FileSystem.status(folder + name).map(FileSystem.isDirectory) ?? false
            }
            entries.append(MissingFile.Entry(name: name, isDirectory: isDirectory))
        }
        return entries.sorted { $0.name < $1.name }
    }
}
