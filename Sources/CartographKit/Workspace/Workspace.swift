public import Foundation

/// Everything read from disk for one run: the config, the specs, the status and the text
/// of every file (for diagnostics). Reading happens here and only here.
public struct Workspace: Sendable {
    /// The folder paths in the config are relative to.
    public var root: URL
    public var config: Config
    public var specs: [AppSpec]
    public var status: Status
    public var pages: [Page]
    /// The current text of each file named in `output.inject` (nil when it does not exist).
    public var injectTargets: [String: String?] = [:]
    public var sources: SourceCache
    public var diagnostics: [Diagnostic]
    /// Every file read, relative to root: what `serve` watches.
    public var inputFiles: [String]

    public static let configName = "cartograph.yaml"

    /// Loads a workspace.
    /// - Parameters:
    ///   - root: the working folder (`-C DIR`).
    ///   - configFile: an explicit config path; otherwise `cartograph.yaml` in root, if present.
    ///   - specFiles: spec files given on the command line; they replace the config's globs.
    ///   - readConfig: false to validate exactly the given spec files, with no config or status.
    public static func load(root: URL, configFile: String? = nil, specFiles: [String] = [], readConfig: Bool = true) -> Workspace {
        // A folder URL without a trailing slash would make relative paths resolve against its parent.
        let root = URL(filePath: root.path, directoryHint: .isDirectory)
        let bag = DiagnosticBag()
        var sources = SourceCache()
        var inputs: [String] = []
        var config = Config()
        var base = root

        let configPath = configFile ?? configName
        let configURL = URL(filePath: configPath, relativeTo: root).standardizedFileURL
        if !readConfig {
            // Validating exactly the given files.
        } else if FileManager.default.fileExists(atPath: configURL.path) {
            base = configURL.deletingLastPathComponent()
            let display = configFile ?? configName
            if let data = read(configURL, display: display, bag: bag) {
                let (loaded, text) = ConfigReader.read(data, path: display, diagnostics: bag)
                config = loaded
                sources.record(text, for: display)
                inputs.append(display)
            }
        } else if let configFile {
            bag.error("config file '\(configFile)' does not exist", at: .start(of: configFile))
        } else if specFiles.isEmpty {
            config.specs = [".do/*.yaml", ".do/*.yml", "**/app.yaml"]
        }

        var specPaths: [String] = []
        if specFiles.isEmpty {
            for pattern in config.specs {
                let found = Glob.files(matching: pattern, in: base)
                if found.isEmpty, config.file != nil {
                    bag.warning("spec pattern '\(pattern)' matches no files", at: .start(of: config.file ?? configName))
                }
                specPaths += found.filter { !specPaths.contains($0) }
            }
        } else {
            specPaths = specFiles
        }

        // Specs are independent: read them on every core, then fold them in in order.
        let specBase = base
        let readSpecs = Parallel.map(specPaths) { path in
            let fileBag = DiagnosticBag()
            let url = URL(filePath: path, relativeTo: specBase).standardizedFileURL
            guard let data = read(url, display: path, bag: fileBag) else {
                return (path: path, spec: AppSpec?.none, text: String?.none, diagnostics: fileBag.diagnostics)
            }
            let (spec, text) = SpecReader.read(data, path: path, diagnostics: fileBag)
            return (path: path, spec: spec, text: Optional(text), diagnostics: fileBag.diagnostics)
        }
        var specs: [AppSpec] = []
        for result in readSpecs {
            bag.append(contentsOf: result.diagnostics)
            guard let text = result.text else { continue }
            inputs.append(result.path)
            sources.record(text, for: result.path)
            if let spec = result.spec {
                sources.redactEnvValues(of: spec)
                specs.append(spec)
            }
        }

        if !specFiles.isEmpty {
            // Scenarios about apps that are not among the given files do not apply.
            let names = Set(specs.compactMap { $0.name?.value })
            config.scenarios = config.scenarios.filter { $0.apps.isEmpty || $0.apps.allSatisfy(names.contains) }
        }

        var status = Status()
        var live = Status()  // doctl output, chosen by content; a YAML status outranks it
        if specFiles.isEmpty {
            for path in config.status {
                let url = URL(filePath: path, relativeTo: base).standardizedFileURL
                guard let data = read(url, display: path, bag: bag) else { continue }
                inputs.append(path)
                let named = Set(specs.compactMap { $0.name?.value })
                if let doctl = DoctlStatusReader.read(data, path: path, diagnostics: bag, skippingSpecsNamed: named) {
                    sources.record(doctl.text, for: path)
                    live = live.merging(doctl.status)
                    for spec in doctl.specs { sources.redactEnvValues(of: spec) }
                    specs += doctl.specs
                    continue
                }
                let (loaded, text) = StatusReader.read(data, path: path, diagnostics: bag)
                sources.record(text, for: path)
                status = status.merging(loaded)
            }
        }
        status = live.merging(status)
        var pages: [Page] = []
        if readConfig, specFiles.isEmpty {
            let folder = base.appending(path: config.pages)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.filter({ $0.hasSuffix(".md") }).sorted() {
                let path = config.pages + "/" + name
                guard let data = read(folder.appending(path: name), display: path, bag: bag) else { continue }
                inputs.append(path)
                let (page, text) = PageReader.read(data, path: path, diagnostics: bag)
                sources.record(text, for: path)
                guard let page else { continue }
                if let other = pages.first(where: { $0.slug == page.slug }) {
                    bag.error("page slug '\(page.slug)' is already used by \(other.file)", at: .start(of: path))
                    continue
                }
                pages.append(page)
            }
            pages.sort { ($0.weight, $0.slug) < ($1.weight, $1.slug) }
        }
        var injectTargets: [String: String?] = [:]
        if readConfig, specFiles.isEmpty {
            for path in config.inject {
                let url = base.appending(path: path)
                if !FileManager.default.fileExists(atPath: url.path) {
                    injectTargets[path] = .some(nil)
                } else if let data = read(url, display: path, bag: bag) {
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
            root: base, config: config, specs: specs, status: status, pages: pages, sources: sources,
            diagnostics: bag.diagnostics, inputFiles: inputs)
        workspace.injectTargets = injectTargets
        return workspace
    }

    static func read(_ url: URL, display: String, bag: DiagnosticBag) -> Data? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            bag.error("file does not exist", at: .start(of: display))
            return nil
        }
        if isDirectory.boolValue {
            bag.error("is a folder, not a file", at: .start(of: display))
            return nil
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int,
            size > YAMLLoader.Limits.maxFileBytes
        {
            bag.error(
                "file is \(size) bytes; the limit is \(YAMLLoader.Limits.maxFileBytes) bytes", at: .start(of: display),
                hint: "an app spec is a few kilobytes: is this the right file?")
            return nil
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            bag.error("cannot read file: \(error.localizedDescription)", at: .start(of: display))
            return nil
        }
    }

    /// Resolves the map, adding its diagnostics to the workspace's.
    public func resolve() -> (InfraMap, [Diagnostic]) {
        let bag = DiagnosticBag()
        let builder = MapBuilder(config: config, specs: specs, status: status, diagnostics: bag)
        builder.checkSlugs()
        let map = builder.build()
        return (map, diagnostics + bag.diagnostics)
    }
}

extension Status {
    /// Combines two status sources; `other` wins where both speak. An app named by both
    /// merges field by field when either side is doctl output (see ``AppStatus/combined(with:)``);
    /// between two YAML status files the later entry replaces the earlier.
    public func merging(_ other: Status) -> Status {
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
