package import CartographModel
package import Foundation

/// Everything read from disk for one run: the config, the specs, the status and the text
/// of every file (for diagnostics). Reading happens here and only here.
package struct Workspace: Sendable {
    /// The folder paths in the config are relative to.
    package var root: URL
    package var config: Config
    package var specs: [AppSpec]
    package var status: Status
    package var pages: [Page]
    /// The current text of each file named in `output.inject` (nil when it does not exist).
    package var injectTargets: [String: String?] = [:]
    package var sources: SourceCache
    package var diagnostics: [Diagnostic]
    /// Every file read, relative to root: what `serve` watches.
    package var inputFiles: [String]
    /// Every input file named (read or not), with its location: what no output may overlap.
    package var inputs: [InputFile] = []

    package static let configName = "cartograph.yaml"

    /// Loads a workspace.
    /// - Parameters:
    ///   - root: the working folder (`-C DIR`).
    ///   - configFile: an explicit config path; otherwise `cartograph.yaml` in root, if present.
    ///   - specFiles: spec files given on the command line; they replace the config's globs.
    ///   - readConfig: false to validate exactly the given spec files, with no config or status.
    ///   - cache: what earlier loads parsed (`serve`): only files whose bytes changed are parsed again.
    package static func load(
        root: URL, configFile: String? = nil, specFiles: [String] = [], readConfig: Bool = true, cache: InputCache? = nil
    ) -> Workspace {
        load(root: root, configFile: configFile, specFiles: specFiles, readConfig: readConfig, budget: InputBudget(), cache: cache)
    }

    /// Loads a workspace within `budget`, the project's input limits (tests lower them).
    static func load(
        root: URL, configFile: String?, specFiles: [String], readConfig: Bool, budget: InputBudget, cache: InputCache? = nil
    ) -> Workspace {
        // A folder URL without a trailing slash would make relative paths resolve against its parent.
        let root = URL(filePath: root.path, directoryHint: .isDirectory)
        let bag = DiagnosticBag()
        var sources = SourceCache()
        var inputs: [String] = []
        var named: [InputFile] = []
        var config = Config()
        var base = root
        var budget = budget

        let configPath = configFile ?? configName
        let configURL = URL(filePath: configPath, relativeTo: root).standardizedFileURL
        if !readConfig {
            // Validating exactly the given files.
        } else if FileManager.default.fileExists(atPath: configURL.path) {
            base = configURL.deletingLastPathComponent()
            let display = configFile ?? configName
            named.append(InputFile(.config, path: display, url: configURL))
            if let data = read(configURL, display: display, bag: bag),
                budget.charge(
                    bytes: data.count, nodes: cache.value(.nodes, path: display, bytes: data) { YAMLLoader.nodeCount(data) },
                    at: .start(of: display), diagnostics: bag)
            {
                let read = cache.value(.parsed, path: display, bytes: data) {
                    Parsed.reading(display) { ConfigReader.read(data, path: display, diagnostics: $0) }
                }
                bag.append(contentsOf: read.diagnostics)
                config = read.value
                sources.record(read.source, for: display)
                inputs.append(display)
            }
        } else if let configFile {
            bag.error("config file '\(configFile)' does not exist", at: .start(of: configFile))
        } else if specFiles.isEmpty {
            config.specs = [".do/*.yaml", ".do/*.yml", "**/app.yaml"]
        }

        Trace.mark("config")
        var specPaths: [String] = []
        if specFiles.isEmpty {
            var matched = Set<String>()
            for (index, pattern) in config.specs.enumerated() {
                let found = Glob.files(matching: pattern, in: base)
                if found.isEmpty, let location = config.locations[.specs(index)] {
                    // A glob the config names that matches nothing leaves its apps out of the map.
                    bag.error(
                        "spec pattern \(pattern.quotedForMessage) matches no files", at: location,
                        hint: "patterns are relative to the folder holding the config; * and ? match within a folder, ** across folders")
                } else if found.isEmpty, config.file != nil {
                    bag.warning("spec pattern '\(pattern)' matches no files", at: .start(of: config.file ?? configName))
                }
                for path in found where matched.insert(path).inserted { specPaths.append(path) }
            }
        } else {
            specPaths = specFiles
        }

        let specFolder = FolderPaths(base)
        named += specPaths.map {
            InputFile(.spec, path: $0, url: FolderPaths.url(of: $0, in: base), absolutePath: specFolder.absolutePath(ofPlain: $0))
        }
        Trace.mark("globbed")
        let specs = readSpecs(specPaths, base: base, budget: &budget, bag: bag, sources: &sources, inputs: &inputs, cache: cache)
        Trace.mark("specs")
        var allSpecs = specs

        if !specFiles.isEmpty {
            // Scenarios about apps that are not among the given files do not apply.
            let names = Set(specs.compactMap { $0.name?.value })
            config.scenarios = config.scenarios.filter { $0.apps.isEmpty || $0.apps.allSatisfy(names.contains) }
        }

        var status = Status()
        var live = Status()  // doctl output, chosen by content; a YAML status outranks it
        if specFiles.isEmpty {
            for (index, path) in config.status.enumerated() {
                let url = FolderPaths.url(of: path, in: base).standardizedFileURL
                named.append(InputFile(.status, path: path, url: url))
                guard let data = read(url, display: path, bag: bag, namedAt: config.locations[.status(index)]) else { continue }
                // The pass that counts the nodes is kept for the reader, which would make it again.
                var scanned: (outcome: YAMLPrescan.Outcome, composed: YAMLComposer.Composed?)?
                let nodes = cache.value(.nodes, path: path, bytes: data) { () -> Int in
                    scanned = YAMLLoader.prescanComposing(data, maxNodes: YAMLLoader.Limits.maxNodes)
                    guard case .fine(let nodes, _, _, _) = scanned?.outcome else { return 0 }
                    return nodes
                }
                guard budget.charge(bytes: data.count, nodes: nodes, at: .start(of: path), diagnostics: bag) else { continue }
                inputs.append(path)
                let named = Set(allSpecs.compactMap { $0.name?.value })
                // doctl output leaves out the apps that specs describe: the specs read so far are part of the key.
                let read = cache.value(.parsed, path: path, bytes: data, context: AnySendableHashable(named)) {
                    Parsed.reading(path) { diagnostics in
                        let reading = DoctlStatusReader.reading(
                            data, path: path, diagnostics: diagnostics, skippingSpecsNamed: named, prescanned: scanned?.outcome,
                            composed: scanned?.composed)
                        switch reading {
                        case .doctl(let doctl):
                            return (StatusRead(status: doctl.status, specs: doctl.specs), doctl.text)
                        case .yaml(let document, let parsing):
                            diagnostics.append(contentsOf: parsing)
                            let (loaded, text) = StatusReader.read(document, path: path, diagnostics: diagnostics)
                            return (StatusRead(status: loaded, specs: nil), text)
                        }
                    }
                }
                bag.append(contentsOf: read.diagnostics)
                sources.record(read.source, for: path)
                if let specs = read.value.specs {
                    live = live.merging(read.value.status)
                    allSpecs += specs
                } else {
                    status = status.merging(read.value.status)
                }
            }
        }
        status = live.merging(status)
        Trace.mark("status")
        var pages: [Page] = []
        if readConfig, specFiles.isEmpty {
            let folder = base.appending(path: config.pages)
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder)
            if let location = config.locations[.pages], !(exists && isFolder.boolValue) {
                bag.error(
                    "pages folder \(config.pages.quotedForMessage) \(exists ? "is a file, not a folder" : "does not exist")", at: location,
                    hint: "create it, or remove 'pages:' if the map has no pages of its own")
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            // Each page's URL is the folder's with its name appended, and so is its path: joined
            // to the folder's, since a URL's path costs more than reading the page.
            let probe = folder.appending(path: "x").path
            let prefix = probe.hasSuffix("/x") ? String(probe.dropLast()) : nil
            let files = names.filter { $0.hasSuffix(".md") }.sorted().map { name in
                let url = folder.appending(path: name)
                let path = prefix.map { $0 + name }
                return (file: InputFile(.page, path: config.pages + "/" + name, url: url, absolutePath: path), path: path ?? url.path)
            }
            named += files.map(\.file)
            pages = readPages(files, budget: &budget, bag: bag, sources: &sources, inputs: &inputs, cache: cache)
        }
        Trace.mark("pages")
        if readConfig, specFiles.isEmpty, let location = config.locations[.templates] {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: base.appending(path: config.templates).path, isDirectory: &isFolder)
            if !(exists && isFolder.boolValue) {
                bag.error(
                    "templates folder \(config.templates.quotedForMessage) \(exists ? "is a file, not a folder" : "does not exist")",
                    at: location, hint: "create it, or remove 'templates:' to use the built-in templates")
            }
        }
        var injectTargets: [String: String?] = [:]
        if readConfig, specFiles.isEmpty {
            for path in config.inject {
                let url = base.appending(path: path)
                named.append(InputFile(.injectTarget, path: path, url: url))
                // Outside the project: refused as an output (OutputPlan), so never read either.
                if path.hasPrefix("/") || path == ".." || path.hasPrefix("../") { continue }
                if !FileManager.default.fileExists(atPath: url.path) {
                    injectTargets[path] = .some(nil)
                } else if let data = read(url, display: path, bag: bag),
                    budget.charge(bytes: data.count, at: .start(of: path), diagnostics: bag)
                {
                    guard let text = String(validating: data, as: UTF8.self) else {
                        bag.error("file is not valid UTF-8", at: YAMLLoader.firstInvalidUTF8(in: data, path: path))
                        continue
                    }
                    injectTargets[path] = text
                    sources.record(text, for: path)
                }
            }
        }
        var workspace = Workspace(
            root: base, config: config, specs: allSpecs, status: status, pages: pages, sources: sources,
            diagnostics: bag.diagnostics, inputFiles: inputs)
        workspace.injectTargets = injectTargets
        workspace.inputs = named
        cache?.keepOnly(Set(named.map(\.path)))
        return workspace
    }

    /// Reads spec files on every core, folded back in their order. The project's budget is
    /// charged before anything is read into a spec: bytes from the files' sizes before any is
    /// read, nodes from a pass over each file's events (composing its tree on the way).
    static func readSpecs(
        _ paths: [String], base: URL, budget: inout InputBudget, bag: DiagnosticBag, sources: inout SourceCache, inputs: inout [String],
        cache: InputCache? = nil
    ) -> [AppSpec] {
        let folder = FolderPaths(base)
        // Each file's size is what the lstat its reading makes anyway says, on the core that
        // reads it. Files are read ahead of the budget's fold below only as far as the bytes
        // left, claimed by each file as its size is known (so some other file may be the one
        // left out); the fold reads in order any file within the budget that was left out.
        let claims = ByteClaims(limit: budget.bytesToReadAhead)
        let load = { @Sendable (path: String, file: String, link: stat?, size: Int) in
            let fileBag = DiagnosticBag()
            let data = read(atPath: file, link: link, display: path, bag: fileBag)
            // Kept for the reader, which would make the same pass again; and, with a cache, for
            // the next build while the bytes stay. The tree composed on the way spares the reader libyaml's parse.
            var composed: YAMLComposer.Composed?
            let prescanned = data.flatMap { data in
                cache.value(.nodes, path: path, bytes: data) { () -> YAMLPrescan.Outcome? in
                    let scanned = YAMLLoader.prescanComposing(data, maxNodes: YAMLLoader.Limits.maxSpecNodes)
                    composed = scanned?.composed
                    return scanned?.outcome
                }
            }
            let parsed = data.map { data in
                cache.value(.parsed, path: path, bytes: data) {
                    Parsed.reading(path) {
                        SpecReader.read(data, path: path, diagnostics: $0, prescanned: prescanned, composed: composed)
                    }
                }
            }
            return (
                file: (path: path, file: file, size: size, read: true), prescanned: prescanned, parsed: parsed,
                diagnostics: fileBag.diagnostics
            )
        }
        // Each file is read on the pass that composes it, before the budget is charged, so
        // that its tree is let go while the thread's allocator still has that memory at hand:
        // kept for a second pass, a thousand trees took fresh pages (a tenth of the stage in
        // page faults). A file the budget then refuses is read for nothing, as far as the
        // bytes the budget allows; its result is dropped as if it had not been.
        var loaded = Parallel.map(paths) { path in
            let file = folder.path(of: path)
            let link = linkStatus(atPath: file)
            // A file over the per-file limit is refused unread, with its own error: it costs nothing.
            let stated = link.map { Int($0.st_size) } ?? 0
            let size = stated > YAMLLoader.Limits.maxFileBytes ? 0 : stated
            guard claims.claim(size) else {
                return (
                    file: (path: path, file: file, size: size, read: false), prescanned: YAMLPrescan.Outcome?.none,
                    parsed: Parsed<AppSpec?>?.none, diagnostics: [Diagnostic]()
                )
            }
            return load(path, file, link, size)
        }
        // The budget in order, as if each file had been read one after the other: the first
        // past the bytes is charged unread, so that its error comes in order with the nodes'.
        // Read in place and moved out once: each spec holds a few hundred references, and
        // copying it (as iterating would) retains every one of them.
        var accepted = 0
        for index in loaded.indices {
            let file = loaded[index].file
            if !file.read, !budget.isExhausted, budget.bytes + file.size <= budget.maxBytes {
                loaded[index] = load(file.path, file.file, linkStatus(atPath: file.file), file.size)
            }
            let nodes: Int = if case .fine(let nodes, _, _, _) = loaded[index].prescanned { nodes } else { 0 }
            guard budget.charge(bytes: loaded[index].file.size, nodes: nodes, at: .start(of: loaded[index].file.path), diagnostics: bag)
            else { break }
            bag.append(contentsOf: loaded[index].diagnostics)
            accepted += 1
        }
        var specs: [AppSpec] = []
        specs.reserveCapacity(accepted)
        for index in 0..<accepted {
            guard var parsed = loaded[index].parsed.take() else { continue }
            let path = loaded[index].file.path
            bag.append(contentsOf: parsed.diagnostics)
            inputs.append(path)
            sources.record(parsed.source, for: path)
            if let spec = parsed.value.take() { specs.append(spec) }
        }
        return specs
    }

    /// Reads the pages on every core, in the order of their names, sorted by weight and slug.
    /// As each was read one after the other before: every page is read (a read error is
    /// reported even past the budget); the budget is charged for each in order, its bytes and
    /// the nodes of its front matter; only the pages within it are parsed, and a slug already
    /// taken by an earlier page is an error at the later one.
    /// - Parameter files: each page, with the path to read it at.
    static func readPages(
        _ files: [(file: InputFile, path: String)], budget: inout InputBudget, bag: DiagnosticBag, sources: inout SourceCache,
        inputs: inout [String], cache: InputCache? = nil
    ) -> [Page] {
        // In parallel, only what fits the bytes left by the sizes stated (claimed as each page's
        // lstat states it); a page past them is read in the fold below, alone, as it always was.
        let claims = ByteClaims(limit: budget.bytesToReadAhead)
        let loaded = Parallel.map(files) { file, path -> (data: Data?, nodes: Int, text: PageText?, diagnostics: [Diagnostic])? in
            let link = linkStatus(atPath: path)
            let stated = link.map { Int($0.st_size) } ?? 0
            guard claims.claim(stated > YAMLLoader.Limits.maxFileBytes ? 0 : stated) else { return nil }
            let fileBag = DiagnosticBag()
            let data = read(atPath: path, link: link, display: file.path, bag: fileBag)
            // Kept for the reader, which would split the page and scan its front matter again.
            var text: PageText?
            let nodes = data.map { data in
                cache.value(.nodes, path: file.path, bytes: data) {
                    let page = PageText(data)
                    text = page
                    return page.nodes
                }
            }
            return (data: data, nodes: nodes ?? 0, text: text, diagnostics: fileBag.diagnostics)
        }
        var toRead: [(path: String, data: Data, text: PageText?)] = []
        for (index, (file, path)) in files.enumerated() {
            var data: Data?
            var nodes = 0
            var text: PageText?
            // None when the build was cancelled (`Parallel` then makes no results): read here.
            if index < loaded.count, let early = loaded[index] {
                bag.append(contentsOf: early.diagnostics)
                data = early.data
                nodes = early.nodes
                text = early.text
            } else {
                data = read(atPath: path, display: file.path, bag: bag)
                if let data { nodes = cache.value(.nodes, path: file.path, bytes: data) { PageReader.frontMatterNodes(data) } }
            }
            guard let data, budget.charge(bytes: data.count, nodes: nodes, at: .start(of: file.path), diagnostics: bag) else { continue }
            inputs.append(file.path)
            toRead.append((file.path, data, text))
        }
        let results = Parallel.map(toRead) { file in
            cache.value(.parsed, path: file.path, bytes: file.data) {
                Parsed.reading(file.path) { PageReader.read(file.text ?? PageText(file.data), path: file.path, diagnostics: $0) }
            }
        }
        var pages: [Page] = []
        var slugs: [String: String] = [:]
        for (file, read) in zip(toRead, results) {
            bag.append(contentsOf: read.diagnostics)
            sources.record(read.source, for: file.path)
            guard let page = read.value else { continue }
            if let other = slugs[page.slug] {
                bag.error(
                    "page slug '\(page.slug)' is already used by \(other); both pages would be written to pages/\(page.slug)/",
                    at: page.slugLocation ?? .start(of: file.path))
                continue
            }
            slugs[page.slug] = page.file
            pages.append(page)
        }
        pages.sort { ($0.weight, $0.slug) < ($1.weight, $1.slug) }
        return pages
    }

    /// Reads a file. A missing one is reported at `namedAt`, the config value that names
    /// it, when there is one: the file itself has no line to point at.
    static func read(_ url: URL, display: String, bag: DiagnosticBag, namedAt: SourceLocation? = nil) -> Data? {
        read(atPath: url.path, display: display, bag: bag, namedAt: namedAt)
    }

    static func read(atPath path: String, display: String, bag: DiagnosticBag, namedAt: SourceLocation? = nil) -> Data? {
        read(atPath: path, link: linkStatus(atPath: path), display: display, bag: bag, namedAt: namedAt)
    }

    /// What lstat(2) says of `path`; nil when it fails.
    static func linkStatus(atPath path: String) -> stat? {
        var status = stat()
        return lstat(path, &status) == 0 ? status : nil
    }

    /// Reads a file whose lstat(2) the caller has made (nil when it failed).
    static func read(atPath path: String, link linkStatus: stat?, display: String, bag: DiagnosticBag, namedAt: SourceLocation? = nil)
        -> Data?
    {
        // One lstat says whether it exists, is a folder or a regular file, and how large it
        // is: `serve` reads every input on every save, and FileManager's existence check costs
        // far more. Only a link needs a stat as well, for what it points to.
        let link = linkStatus ?? stat()
        let linked = linkStatus != nil
        var status = link
        guard linked && link.st_mode & S_IFMT != S_IFLNK || stat(path, &status) == 0 else {
            if let namedAt {
                bag.error("file \(display.quotedForMessage) does not exist", at: namedAt)
            } else {
                bag.error("file does not exist", at: .start(of: display))
            }
            return nil
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            bag.error("is a folder, not a file", at: namedAt ?? .start(of: display))
            return nil
        }
        if status.st_mode & S_IFMT != S_IFREG {
            // A FIFO or a device would block the read, or never end.
            bag.error("is not a regular file", at: .start(of: display))
            return nil
        }
        if linked, case let size = Int(link.st_size), size > YAMLLoader.Limits.maxFileBytes {
            bag.error(
                "file is \(size) bytes; the limit is \(YAMLLoader.Limits.maxFileBytes) bytes", at: .start(of: display),
                hint: "an app spec is a few kilobytes: is this the right file?")
            return nil
        }
        // The size only sizes the buffer: the file is read to its end, whatever it has become.
        if let data = FileContents.bytes(atPath: path, statedSize: Int(status.st_size)) { return data }
        do {
            return try Data(contentsOf: URL(filePath: path))
        } catch {
            bag.error("cannot read file: \(error.localizedDescription)", at: .start(of: display))
            return nil
        }
    }

    /// Resolves the map, adding its diagnostics to the workspace's.
    package func resolve() -> (InfraMap, [Diagnostic]) {
        let bag = DiagnosticBag()
        let builder = MapBuilder(config: config, specs: specs, status: status, diagnostics: bag)
        builder.checkSlugs()
        let map = builder.build()
        Self.reportUnknownApps(of: pages, in: map, diagnostics: bag)
        return (map, diagnostics + bag.diagnostics)
    }

    /// A page whose `app:` names no app of the map is listed with the pages but is no app's
    /// runbook: say so, at the key, with the likely name.
    static func reportUnknownApps(of pages: [Page], in map: InfraMap, diagnostics: DiagnosticBag) {
        let names = map.apps.map(\.name)
        let slugs = Set(map.apps.map(\.slug))
        let spelling = Spelling()
        for page in pages {
            guard let app = page.app, !slugs.contains(Slug.of(app)) else { continue }
            diagnostics.warning(
                "page names app \(app.quotedForMessage), which is not in the map, so it is no app's runbook",
                at: page.appLocation ?? .start(of: page.file),
                hint: spelling.closest(to: app, in: names).map { "did you mean \($0.quotedForMessage)?" })
        }
    }
}

extension Status {
    /// Combines two status sources; `other` wins where both speak. An app named by both
    /// merges field by field when either side is doctl output (see ``AppStatus/combined(with:)``);
    /// between two YAML status files the later entry replaces the earlier.
    func merging(_ other: Status) -> Status {
        // Merged into nothing (the first status read, or no doctl output), `other`'s apps are
        // the result as they are: taken whole instead of copied in one by one.
        if apps.isEmpty, appOrder.isEmpty {
            var out = other
            out.verified = other.verified ?? verified
            out.mapStatus = other.mapStatus ?? mapStatus
            out.nextReview = other.nextReview ?? nextReview
            var known = Set<String>(minimumCapacity: other.appOrder.count)
            if !other.appOrder.allSatisfy({ known.insert($0).inserted }) {
                known.removeAll()
                out.appOrder = other.appOrder.filter { known.insert($0).inserted }
            }
            out.questions = questions + other.questions
            out.verifyCommands = verifyCommands + other.verifyCommands
            out.alerting = alerting + other.alerting
            return out
        }
        return mergingEntryByEntry(other)
    }

    /// ``merging(_:)`` without its shortcut: each of `other`'s apps combined with its own.
    func mergingEntryByEntry(_ other: Status) -> Status {
        var out = self
        out.verified = other.verified ?? verified
        out.mapStatus = other.mapStatus ?? mapStatus
        out.nextReview = other.nextReview ?? nextReview
        var known = Set(out.appOrder)
        for name in other.appOrder where known.insert(name).inserted { out.appOrder.append(name) }
        for (name, app) in other.apps { out.apps[name] = out.apps[name].map { $0.combined(with: app) } ?? app }
        out.questions += other.questions
        out.verifyCommands += other.verifyCommands
        out.alerting += other.alerting
        return out
    }
}
