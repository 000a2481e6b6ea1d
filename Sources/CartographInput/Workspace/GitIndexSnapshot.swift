import CartographModel
package import Foundation

/// The files of a git repository's index written out to a scratch folder, so that `check
/// --staged` reads what the commit would hold (the config, specs, status, pages, templates
/// and the generated map) rather than the working tree: a map rebuilt but not `git add`-ed,
/// or a template edited but not staged, is then seen as the commit would record it.
///
/// The index is the one git itself would use: `GIT_INDEX_FILE` when set (`git commit -a`
/// and `git commit PATH` run the hook with a temporary index), `.git/index` otherwise.
package struct GitIndexSnapshot: Sendable {
    /// The scratch folder standing for the repository's top level.
    package var top: URL
    /// The folder the command was started in, inside the snapshot.
    package var folder: URL
    /// The repository's top level on disk, with links resolved.
    var realTop: String

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Writes out the index of the repository holding `folder`, or with `revision` the
    /// tree of that commit (read into a scratch index, so the repository's own is untouched).
    package static func make(for folder: URL, revision: String? = nil) throws -> GitIndexSnapshot {
        let folder = folder.absoluteURL.standardizedFileURL
        var environment = gitEnvironment()
        guard let top = try git(["rev-parse", "--show-toplevel"], in: folder, environment: environment).output, !top.isEmpty else {
            throw Failure(description: "\(folder.path) is not in a git repository (--staged checks what git would commit)")
        }
        let realTop = URL(filePath: top).resolvingSymlinksInPath().path
        let realFolder = folder.resolvingSymlinksInPath().path
        guard let relative = relativePath(realFolder, to: realTop) else {
            throw Failure(description: "\(folder.path) is outside its repository's work tree \(top)")
        }
        let scratch = FileManager.default.temporaryDirectory.appending(path: "cartograph-staged-\(UUID().uuidString)")
        if let revision {
            // A revision that looks like an option would be read as one by git.
            guard !revision.hasPrefix("-"),
                let commit = try git(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], in: folder, environment: environment)
                    .output, !commit.isEmpty
            else {
                throw Failure(description: "\(revision.quotedForMessage) is not a commit of the repository at \(top)")
            }
            let index = FileManager.default.temporaryDirectory.appending(path: "cartograph-index-\(UUID().uuidString)")
            environment["GIT_INDEX_FILE"] = index.path
            defer { try? FileManager.default.removeItem(at: index) }
            let read = try git(["read-tree", commit], in: URL(filePath: top), environment: environment)
            guard read.status == 0 else {
                throw Failure(
                    description: "cannot read \(revision.quotedForMessage): \(read.error.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            return try export(top: top, realTop: realTop, relative: relative, scratch: scratch, environment: environment)
        }
        return try export(top: top, realTop: realTop, relative: relative, scratch: scratch, environment: environment)
    }

    private static func export(top: String, realTop: String, relative: String, scratch: URL, environment: [String: String]) throws
        -> GitIndexSnapshot
    {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        // checkout-index writes each staged blob as a checkout would (line endings, filters,
        // links), under the prefix; the working tree and the index are left as they are.
        let export = try git(["checkout-index", "--all", "--prefix=\(scratch.path)/"], in: URL(filePath: top), environment: environment)
        guard export.status == 0 else {
            try? FileManager.default.removeItem(at: scratch)
            throw Failure(description: "cannot read the git index: \(export.error.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let inside = relative.isEmpty ? scratch : scratch.appending(path: relative, directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        return GitIndexSnapshot(top: scratch, folder: inside, realTop: realTop)
    }

    /// A path given on the command line, for the snapshot: a relative one is relative to
    /// ``folder`` already; an absolute one inside the repository moves into the snapshot.
    package func path(for given: String) -> String {
        guard given.hasPrefix("/") else { return given }
        let real = URL(filePath: given).standardizedFileURL.resolvingSymlinksInPath().path
        guard let relative = Self.relativePath(real, to: realTop) else { return given }
        return relative.isEmpty ? top.path : top.appending(path: relative).path
    }

    /// Removes the scratch folder.
    package func remove() {
        try? FileManager.default.removeItem(at: top)
    }

    /// The environment for git, with the locations git was given made absolute: a hook
    /// runs with paths relative to the top level (`GIT_INDEX_FILE=.git/index.lock`), and
    /// git runs here from other folders.
    static func gitEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        let here = URL.currentDirectory()
        for name in ["GIT_INDEX_FILE", "GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY"] {
            if let value = environment[name], !value.isEmpty, !value.hasPrefix("/") {
                environment[name] = URL(filePath: value, relativeTo: here).standardizedFileURL.path
            }
        }
        return environment
    }

    static func relativePath(_ path: String, to folder: String) -> String? {
        if path == folder { return "" }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }

    static func git(_ arguments: [String], in folder: URL, environment: [String: String]) throws -> (
        status: Int32, output: String?, error: String
    ) {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        process.environment = environment
        // stderr goes to a file: git's warnings can outgrow a pipe no one reads yet.
        let errorFile = FileManager.default.temporaryDirectory.appending(path: "cartograph-git-\(UUID().uuidString).err")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil), let err = try? FileHandle(forWritingTo: errorFile)
        else {
            throw Failure(description: "cannot create \(errorFile.path)")
        }
        defer {
            try? err.close()
            try? FileManager.default.removeItem(at: errorFile)
        }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run git: \(error.localizedDescription)")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let errorText = String(decoding: (try? Data(contentsOf: errorFile)) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, process.terminationStatus == 0 ? text : nil, errorText)
    }
}
