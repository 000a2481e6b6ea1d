import Foundation

/// The file-system paths of files named relative to a folder, as
/// `URL(filePath: name, relativeTo: folder).standardizedFileURL.path` gives them, without
/// parsing and normalising a URL for each of 1,000 specs: the folder's part is found once,
/// and a name without `.`, `..` or empty segments, not starting with `~` (which URL
/// expands to a home folder), is joined to it as it is.
struct FolderPaths {
    let folder: URL
    /// The folder's standardised path, ending in a slash.
    private let prefix: String?
    /// The folder's path as a URL relative to it resolves it (not standardised), ending in a slash.
    private let absolutePrefix: String?

    init(_ folder: URL) {
        self.folder = folder
        let probe = URL(filePath: "x", relativeTo: folder)
        prefix = Self.folderPart(of: probe.standardizedFileURL.path)
        absolutePrefix = Self.folderPart(of: probe.absoluteURL.path)
    }

    private static func folderPart(of probe: String) -> String? {
        probe.hasSuffix("/x") ? String(probe.dropLast()) : nil
    }

    func path(of name: String) -> String {
        if Self.isPlain(name), let prefix { return prefix + name }
        return Self.url(of: name, in: folder).standardizedFileURL.path
    }

    /// The URL of a file the config names, relative to `folder`. `URL(filePath:relativeTo:)`
    /// takes a name starting with `~` for a home folder (`~/x` would be the user's, outside the
    /// project): such a name is given as `./~…`, the file of that name in the folder.
    static func url(of name: String, in folder: URL) -> URL {
        URL(filePath: name.utf8.first == UInt8(ascii: "~") ? "./" + name : name, relativeTo: folder)
    }

    /// `URL(filePath: name, relativeTo: folder).absoluteURL.path` for a plain name; nil
    /// for any other, whose URL would have to be asked.
    func absolutePath(ofPlain name: String) -> String? {
        guard Self.isPlain(name), let absolutePrefix else { return nil }
        return absolutePrefix + name
    }

    /// A name URL takes as it is: no `.`, `..` or empty segment, no leading `~`.
    static func isPlain(_ name: String) -> Bool {
        let segments = name.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        return !name.isEmpty && name.utf8.first != UInt8(ascii: "~")
            && !segments.contains { $0.isEmpty || $0.elementsEqual(".".utf8) || $0.elementsEqual("..".utf8) }
    }
}
