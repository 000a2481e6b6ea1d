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

    init(_ folder: URL) {
        self.folder = folder
        let probe = URL(filePath: "x", relativeTo: folder).standardizedFileURL.path
        prefix = probe.hasSuffix("/x") ? String(probe.dropLast()) : nil
    }

    func path(of name: String) -> String {
        let segments = name.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        let isPlain =
            !name.isEmpty && name.utf8.first != UInt8(ascii: "~")
            && !segments.contains { $0.isEmpty || $0.elementsEqual(".".utf8) || $0.elementsEqual("..".utf8) }
        if isPlain, let prefix { return prefix + name }
        return URL(filePath: name, relativeTo: folder).standardizedFileURL.path
    }
}
