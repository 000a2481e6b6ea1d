package import CartographInput
package import CartographModel
package import CartographRender
package import Foundation

/// Where a build's outputs land, checked before anything is written: every output stays
/// inside the project folder (the folder of the config), none overlaps an input or another
/// output, and only a site folder Cartograph wrote is ever replaced. Each problem is an
/// error at the config key that names the output.
///
/// Paths are compared as the file system sees them (``ProjectPath``): `./site/`, `site`
/// and a symbolic link to the same folder are one path.
package struct OutputPlan {
    /// One output path and the config key that names it.
    struct Output {
        enum Kind { case site, markdown, json, inject }
        var kind: Kind
        var path: String
        var location: SourceLocation
        var resolved: String

        var key: String {
            switch kind {
            case .site: "output.site"
            case .markdown: "output.markdown"
            case .json: "output.json"
            case .inject: "output.inject"
            }
        }

        /// A file name a hint may suggest for the output.
        var exampleName: String { kind == .json ? "map.json" : "INFRASTRUCTURE.md" }

        /// "output.site 'site'".
        var named: String { "\(key) '\(path.isEmpty ? "." : path)'" }
    }

    let workspace: Workspace
    let project: String
    let diagnostics: DiagnosticBag
    var outputs: [Output] = []

    /// Reports every output that lies outside the project, overlaps an input or overlaps
    /// another output.
    /// - Parameters:
    ///   - sitePaths: the files the site writes, relative to the site folder.
    ///   - inputs: the inputs' paths resolved, when the caller made them ahead (``ResolvedInputs/of(_:)``).
    package static func check(
        _ workspace: Workspace, sitePaths: some Collection<Substring>, inputs: ResolvedInputs? = nil, diagnostics: DiagnosticBag
    ) {
        var plan = OutputPlan(workspace: workspace, diagnostics: diagnostics)
        let placed = plan.outputs.filter(plan.isWellPlaced)
        let allPlaced = placed.count == plan.outputs.count
        plan.outputs = placed
        plan.checkInputs(inputs ?? ResolvedInputs.of(workspace))
        // Where one output is nowhere sensible, how the others sit beside it says nothing.
        if allPlaced { plan.checkEachOther(sitePaths: sitePaths) }
    }

    /// Reports outputs whose place on disk holds something Cartograph may not replace: a site
    /// path that is not a folder Cartograph wrote (see ``SiteWriter/ownership(of:)``), a
    /// Markdown target that is not a regular file. `build` and `check` ask this; `serve`
    /// writes nothing, so it does not. An output that already has an error at its key
    /// (from ``check(_:sitePaths:diagnostics:)``) gets no second one.
    static func checkDisk(_ workspace: Workspace, diagnostics: DiagnosticBag) {
        let plan = OutputPlan(workspace: workspace, diagnostics: diagnostics)
        let reported = Set(diagnostics.diagnostics.filter { $0.severity == .error }.map(\.location))
        guard let site = plan.outputs.first(where: { $0.kind == .site }) else { return }
        let siteURL = workspace.root.appending(path: site.path)
        if !reported.contains(site.location), case .foreign(let reason) = SiteWriter.ownership(of: siteURL) {
            diagnostics.error(
                "\(site.named) \(reason); refusing to replace it", at: site.location,
                hint:
                    "Cartograph replaces only a folder it wrote (marked by a \(SiteWriter.markerName) file): move it, or set output.site to a folder of its own"
            )
        }
        for output in plan.outputs
        where output.kind != .site && !reported.contains(output.location) && !ProjectPath.isWithin(output.path, site.path) {
            var status = stat()
            // stat, not lstat: a link to a Markdown file is written through (see OutputWriter).
            guard stat(workspace.root.appending(path: output.path).path, &status) == 0 else { continue }
            let type = status.st_mode & S_IFMT
            if type != S_IFREG {
                let what = type == S_IFDIR ? "a folder" : "not a regular file"
                diagnostics.error("\(output.named) is \(what); the map is written only to a file", at: output.location)
            }
        }
    }

    init(workspace: Workspace, diagnostics: DiagnosticBag) {
        self.workspace = workspace
        self.diagnostics = diagnostics
        project = ProjectPath.resolved(workspace.root)
        let config = workspace.config
        let fallback = { (path: String) in SourceLocation.start(of: config.file ?? path) }
        var outputs = [
            Output(
                kind: .site, path: config.siteOutput, location: config.locations[.site] ?? fallback(config.siteOutput), resolved: ""),
            Output(
                kind: .markdown, path: config.markdownOutput,
                location: config.locations[.markdown] ?? fallback(config.markdownOutput), resolved: ""),
        ]
        if let json = config.jsonOutput {
            outputs.append(Output(kind: .json, path: json, location: config.locations[.json] ?? fallback(json), resolved: ""))
        }
        for (index, path) in config.inject.enumerated() {
            let location = config.locations[.inject(index)] ?? fallback(path)
            outputs.append(Output(kind: .inject, path: path, location: location, resolved: ""))
        }
        for index in outputs.indices {
            outputs[index].resolved = ProjectPath.resolved(workspace.root.appending(path: outputs[index].path))
        }
        self.outputs = outputs
    }

    /// Reports an empty, absolute or escaping path, or one that leaves the project through a
    /// symbolic link; false for such an output, which is then compared with nothing else.
    func isWellPlaced(_ output: Output) -> Bool {
        let problem: String
        if output.path.isEmpty || output.resolved == project {
            problem =
                output.kind == .site
                ? "is the project folder itself\(output.path.isEmpty ? "" : " (through a symbolic link)"): the site folder is replaced on every build, so it must be a folder of its own"
                : "names the project folder, not a file"
        } else if output.path.hasPrefix("/") {
            problem = "is an absolute path: output paths are relative to the config's folder, and Cartograph writes only inside it"
        } else if output.path == ".." || output.path.hasPrefix("../") {
            problem = "is outside the project folder (the config's folder): Cartograph writes only inside it"
        } else if !ProjectPath.isWithin(output.resolved, project) {
            problem = "leads to '\(output.resolved)' through a symbolic link, outside the project folder: Cartograph writes only inside it"
        } else {
            return true
        }
        diagnostics.error("\(output.named) \(problem)", at: output.location)
        return false
    }

    /// No output may be, hold or lie inside an input, the pages folder or the templates
    /// folder, or match a spec pattern (the next build would read it back). One error per
    /// output: a site folder set to `content` would otherwise report every spec.
    /// Every input file's path as the file system sees it, named for a message. Apart from
    /// the check because it costs an lstat per file: ``MapBuild`` makes it while the map is
    /// resolved, on the core that is idle then.
    package struct ResolvedInputs: Sendable {
        var files: [(file: InputFile, resolved: String)]
        /// Whether each resolved path is ASCII (``OutputPlan/asciiOverlaps(_:_:)`` compares it).
        var ascii: [Bool]

        init(files: [(file: InputFile, resolved: String)]) {
            self.files = files
            ascii = files.map { OutputPlan.isASCII($0.resolved) }
        }

        package static func of(_ workspace: Workspace) -> ResolvedInputs {
            var resolver = Resolver()
            // An injection target is an input and an output by design; where it may go is
            // checked among the outputs.
            let files = workspace.inputs.filter { $0.role != .injectTarget }.map { file in
                (file: file, resolved: resolver.resolve(file))
            }
            return ResolvedInputs(files: files)
        }
    }

    static func isASCII(_ path: String) -> Bool { path.utf8.allSatisfy { $0 < 0x80 } }

    /// ``ProjectPath/overlaps(_:_:)`` of two ASCII paths, on their bytes: in ASCII a
    /// Character is its byte (a CR and an LF, one Character, end no path before a slash),
    /// so equality and prefixes of Characters are those of bytes.
    static func asciiOverlaps(_ a: String, _ b: String) -> Bool {
        func isWithin(_ path: String.UTF8View, _ folder: String.UTF8View) -> Bool {
            guard path.count >= folder.count, path.starts(with: folder) else { return false }
            if path.count == folder.count { return true }
            // Past a folder of "/" alone, any path under it; else a slash after the folder.
            if folder.count == 1, folder.first == UInt8(ascii: "/") { return true }
            return path[path.index(path.startIndex, offsetBy: folder.count)] == UInt8(ascii: "/")
        }
        return isWithin(a.utf8, b.utf8) || isWithin(b.utf8, a.utf8)
    }

    func checkInputs(_ inputs: ResolvedInputs) {
        let config = workspace.config
        let folders = [("the pages folder", config.pages), ("the templates folder", config.templates)].map { what, path in
            (what: "\(what) '\(path)'", resolved: ProjectPath.resolved(workspace.root.appending(path: path)))
        }
        for output in outputs {
            // Files first: "holds the spec x" says more than "holds the pages folder".
            // Each input is named only for a message, and most builds have none.
            // By index, on bytes where both paths are ASCII: a filter copied every input
            // file, and each comparison joined a path and a slash into a new string.
            let files = inputs.files
            let ascii = Self.isASCII(output.resolved)
            var overlapping = files.indices.filter { index in
                ascii && inputs.ascii[index]
                    ? Self.asciiOverlaps(output.resolved, files[index].resolved)
                    : ProjectPath.overlaps(output.resolved, files[index].resolved)
            }.map { (what: "\(files[$0].file.role.rawValue) '\(files[$0].file.path)'", resolved: files[$0].resolved) }
            if overlapping.isEmpty { overlapping = folders.filter { ProjectPath.overlaps(output.resolved, $0.resolved) } }
            if let first = overlapping.first {
                report(output, against: first.what, resolved: first.resolved, others: overlapping.count - 1)
            } else if output.kind != .site, let pattern = specPattern(matching: output.path) {
                diagnostics.error(
                    "\(output.named) matches the specs pattern '\(pattern)': the next build would read it as an app spec",
                    at: output.location)
            }
        }
    }

    /// The site folder holds the Markdown map or the JSON dump only on a path the site does
    /// not write; an injection target lies outside it; no file is named twice.
    func checkEachOther(sitePaths: some Collection<Substring>) {
        guard let site = outputs.first(where: { $0.kind == .site }) else { return }
        if let (path, pattern) = Self.firstSpecMatch(sitePaths, site: site.path, patterns: specPatterns) {
            diagnostics.error(
                "\(site.named) writes '\(path)', which matches the specs pattern '\(pattern)': the next build would read it as an app spec",
                at: site.location)
        }
        var seen: [String: Output] = [:]
        for output in outputs where output.kind != .site {
            if let earlier = seen[output.resolved] {
                diagnostics.error(
                    "\(output.named) names the same file as \(earlier.named) (line \(earlier.location.line)): it would be written twice",
                    at: output.location)
                continue
            }
            seen[output.resolved] = output
            if ProjectPath.isWithin(site.resolved, output.resolved) {
                diagnostics.error(
                    "\(output.named) \(site.resolved == output.resolved ? "is" : "would hold") the site folder '\(site.path)'",
                    at: output.location)
            } else if ProjectPath.isWithin(output.resolved, site.resolved) {
                checkInsideSite(output, site: site, sitePaths: sitePaths)
            }
        }
    }

    /// The Markdown map or the JSON dump may sit in the site folder, on a path the site does
    /// not write (it is published with the site); an injection target may not.
    func checkInsideSite(_ output: Output, site: Output, sitePaths: some Collection<Substring>) {
        guard output.kind == .markdown || output.kind == .json else {
            diagnostics.error(
                "\(output.named) lies inside the site folder '\(site.path)', which is replaced on every build", at: output.location,
                hint: "inject into a file outside the site folder")
            return
        }
        guard ProjectPath.isWithin(output.path, site.path) else {
            diagnostics.error(
                "\(output.named) lies inside the site folder '\(site.path)' through a symbolic link", at: output.location,
                hint: "write it as a path under output.site, such as '\(site.path)/\(output.exampleName)'")
            return
        }
        let relative = String(output.path.dropFirst(site.path.count + 1))
        let parts = relative.split(separator: "/")
        let ancestors = (1..<max(1, parts.count)).map { parts[..<$0].joined(separator: "/") }
        // The same path, a folder the site writes into, or a path under a file it writes.
        // One pass over the site's thousands of paths, not a set made of them for one look.
        let nested = relative + "/"
        if sitePaths.contains(where: { path in path == relative || path.hasPrefix(nested) || ancestors.contains { $0 == path } }) {
            diagnostics.error(
                "\(output.named) is a path the site itself writes ('\(relative)' in '\(site.path)'): the site and the map would overwrite each other",
                at: output.location, hint: "use a name of its own, such as '\(site.path)/\(output.exampleName)'")
        }
    }

    /// One error per output, worded by which side holds the other.
    func report(_ output: Output, against what: String, resolved: String, others: Int) {
        var message: String
        if output.resolved == resolved {
            message = "\(output.named) is \(what)"
        } else if ProjectPath.isWithin(resolved, output.resolved) {
            message = "\(output.named) would hold \(what)"
        } else {
            message = "\(output.named) lies inside \(what)"
        }
        if others > 0 { message += " (and \(others) more input\(others == 1 ? "" : "s"))" }
        let why =
            output.kind == .site
            ? "the site folder is replaced on every build, so it may not hold or be an input"
            : "the map would overwrite an input, or be read back as one"
        diagnostics.error("\(message): \(why)", at: output.location)
    }

    /// The first spec pattern of the config that matches `path` (relative to the project).
    func specPattern(matching path: String) -> String? {
        Self.pattern(in: specPatterns, matching: path)
    }

    /// The specs patterns, each with its normalized segments.
    var specPatterns: [(pattern: String, segments: [String])] {
        workspace.config.specs.map { ($0, ProjectPath.normalized($0).split(separator: "/").map(String.init)) }
    }

    static func pattern(in patterns: [(pattern: String, segments: [String])], matching path: String) -> String? {
        // A pattern without `**` matches only a path of as many segments: the site's 2,000
        // paths are counted on their bytes, and split only where a pattern could match. Not
        // beyond ASCII, where a `/` with a combining mark is one Character, not a separator.
        if let count = asciiSegmentCount(path), !patterns.contains(where: { $0.segments.count == count || $0.segments.contains("**") }) {
            return nil
        }
        let parts = path.split(separator: "/").map(String.init)
        return patterns.first { Glob.matches($0.segments[...], parts[...]) }?.pattern
    }

    /// The first of `sitePaths` in sorted order that a spec pattern matches, and the first
    /// pattern that matches it. The paths come in any order: the site's thousands are not
    /// sorted for it.
    static func firstSpecMatch(
        _ sitePaths: some Collection<Substring>, site: String, patterns: [(pattern: String, segments: [String])]
    ) -> (path: String, pattern: String)? {
        var first: (path: Substring, pattern: String)?
        let segments = SegmentCounts(patterns, site: site)
        for path in sitePaths where segments.mayMatch(path) && first.map({ path < $0.path }) ?? true {
            if let pattern = pattern(in: patterns, matching: "\(site)/\(path)") { first = (path, pattern) }
        }
        return first.map { (String($0.path), $0.pattern) }
    }

    /// Which site paths a spec pattern could match, told from the segments of an ASCII path
    /// under an ASCII site folder: a pattern without `**` matches only a path of as many
    /// segments, and the site folder's and the path's add up. Each of the site's thousands of
    /// paths is looked at without being joined to the folder first.
    struct SegmentCounts {
        /// The site folder's segments; nil beyond ASCII.
        var site: Int?
        /// The patterns' numbers of segments; nil when one holds `**` and may match any path.
        var patterns: Set<Int>?

        init(_ patterns: [(pattern: String, segments: [String])], site path: String) {
            site = OutputPlan.asciiSegmentCount(path)
            self.patterns = patterns.contains { $0.segments.contains("**") } ? nil : Set(patterns.map(\.segments.count))
        }

        /// False only when no pattern can match the site path `path`.
        func mayMatch(_ path: Substring) -> Bool {
            guard let site, let patterns, let count = OutputPlan.asciiSegmentCount(path) else { return true }
            return patterns.contains(site + count)
        }
    }

    /// How many segments `path.split(separator: "/")` makes of an ASCII path; nil beyond ASCII.
    static func asciiSegmentCount(_ path: some StringProtocol) -> Int? {
        var count = 0
        var inSegment = false
        for byte in path.utf8 {
            guard byte < 0x80 else { return nil }
            if byte == UInt8(ascii: "/") {
                inSegment = false
            } else if !inSegment {
                inSegment = true
                count += 1
            }
        }
        return count
    }

    /// Resolves input files with one symbolic-link walk per folder: a large project has
    /// thousands of specs in a handful of folders.
    struct Resolver {
        var folders: [String: String] = [:]

        /// ``resolve(_:)-(URL)`` of the file's URL, from its absolute path when the workspace
        /// knew it: the same walk on strings, with no URL made or asked.
        mutating func resolve(_ file: InputFile) -> String {
            guard let path = file.absolutePath, let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else {
                return resolve(file.url)
            }
            let name = String(path[path.index(after: slash)...])
            var status = stat()
            let isLink = lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
            guard !isLink, !name.isEmpty, name != "..", name != "." else { return ProjectPath.resolved(path: path) }
            let parent = String(path[..<slash])
            let folder = folders[parent] ?? ProjectPath.resolved(path: parent)
            folders[parent] = folder
            return ProjectPath.fold((folder == "/" ? "" : folder) + "/" + name)
        }

        mutating func resolve(_ url: URL) -> String {
            let absolute = url.absoluteURL
            var status = stat()
            let isLink = lstat(absolute.path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
            let name = absolute.lastPathComponent
            guard !isLink, name != "..", name != "." else { return ProjectPath.resolved(absolute) }
            let parent = absolute.deletingLastPathComponent().path
            let folder = folders[parent] ?? ProjectPath.resolved(absolute.deletingLastPathComponent())
            folders[parent] = folder
            return ProjectPath.fold((folder == "/" ? "" : folder) + "/" + name)
        }
    }
}
