package import CartographInput
package import CartographModel
package import CartographRender
package import Foundation

/// `cartograph diff [BASE] [HEAD]`: what a change does to the map and its monthly cost,
/// between two git revisions (default `HEAD` and the working tree) or two project folders,
/// with budget gates for pull requests.
package struct DiffCommand: Sendable {
    /// One side of the comparison.
    package enum Side: Sendable, Hashable {
        case workingTree
        case revision(String)
        case folder(URL)

        /// A folder that exists is a folder; anything else names a revision.
        package static func parse(_ argument: String?, relativeTo base: URL) -> Side {
            guard let argument else { return .workingTree }
            var isFolder: ObjCBool = false
            let url = URL(filePath: argument, directoryHint: .isDirectory, relativeTo: base).standardizedFileURL
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue { return .folder(url) }
            return .revision(argument)
        }
    }

    /// `--fail-increase`: an amount in dollars or a percentage of the total before.
    package enum Increase: Sendable, Hashable {
        case amount(Money)
        case percent(Double)

        /// "5", "5.50", "$5" or "10%"; nil for anything else.
        package init?(parsing text: String) {
            if text.hasSuffix("%") {
                guard let value = Double(text.dropLast()), value.isFinite, value >= 0 else { return nil }
                self = .percent(value)
            } else {
                guard let money = Money(parsing: text) else { return nil }
                self = .amount(money)
            }
        }
    }

    package var root: URL
    package var configFile: String?
    package var base: Side
    package var head: Side
    package var format: DiffReport.Format
    /// The most the monthly total may be after the change.
    package var failAbove: Money?
    package var failIncrease: Increase?
    /// The limits as the user wrote them, for the line that names the one crossed.
    package var failAboveText: String?
    package var failIncreaseText: String?
    package var color: Bool

    package init(
        root: URL, configFile: String? = nil, base: Side = .revision("HEAD"), head: Side = .workingTree, format: DiffReport.Format = .text,
        failAbove: Money? = nil, failIncrease: Increase? = nil, failAboveText: String? = nil, failIncreaseText: String? = nil,
        color: Bool = false
    ) {
        self.root = root
        self.configFile = configFile
        self.base = base
        self.head = head
        self.format = format
        self.failAbove = failAbove
        self.failIncrease = failIncrease
        self.failAboveText = failAboveText
        self.failIncreaseText = failIncreaseText
        self.color = color
    }

    package func run(stdout: (String) -> Void, stderr: (String) -> Void) -> Int32 {
        guard let before = map(of: base, stderr: stderr), let after = map(of: head, stderr: stderr) else { return 1 }
        let diff = MapDiff(before: before, after: after)
        stdout(DiffReport(diff: diff, base: Self.label(base), head: Self.label(head)).render(format))
        let crossed = limitsCrossed(diff)
        for line in crossed { stderr("error: \(line)\n") }
        return crossed.isEmpty ? 0 : 1
    }

    /// One line per limit crossed, naming it as the user wrote it.
    func limitsCrossed(_ diff: MapDiff) -> [String] {
        var lines: [String] = []
        // Ranges (autoscaling) are judged by their upper bound: the bill the budget must cover.
        let after = diff.total.after.high
        if let failAbove, after > failAbove {
            lines.append(
                "the monthly total after the change, \(after), is above the limit of \(failAbove) (--fail-above \(failAboveText ?? failAbove.decimal))"
            )
        }
        let rise = diff.total.highDelta
        switch failIncrease {
        case .amount(let limit) where rise > limit:
            lines.append(
                "the monthly total rises by \(rise), more than the limit of \(limit) (--fail-increase \(failIncreaseText ?? limit.decimal))"
            )
        case .percent(let limit) where rise > .zero:
            let percent = diff.total.percentIncrease
            if percent.map({ $0 > limit }) ?? true {
                let shown = percent.map { String(format: "%.1f%%", $0) } ?? "\(rise) from \(Money.zero)"
                lines.append(
                    "the monthly total rises by \(shown), more than the limit of \(Self.percentText(limit)) (--fail-increase \(failIncreaseText ?? Self.percentText(limit)))"
                )
            }
        default: break
        }
        return lines
    }

    static func percentText(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }

    /// "HEAD", "working tree", or the folder as given.
    static func label(_ side: Side) -> String {
        switch side {
        case .workingTree: "working tree"
        case .revision(let revision): revision
        case .folder(let url): url.path
        }
    }

    /// The map of one side, or nil after printing why there is none: only errors are
    /// printed, as warnings are `check`'s business and the same on both sides.
    func map(of side: Side, stderr: (String) -> Void) -> InfraMap? {
        var request = PipelineRequest(root: root, configFile: configFile)
        var snapshot: GitIndexSnapshot?
        switch side {
        case .workingTree: break
        case .folder(let url):
            request.root = url
        case .revision(let revision):
            do {
                let made = try GitIndexSnapshot.make(for: root, revision: revision)
                snapshot = made
                request.root = made.folder
                request.configFile = configFile.map(made.path(for:))
            } catch {
                stderr("error: \(error)\n")
                return nil
            }
        }
        defer { snapshot?.remove() }
        let workspace = request.load()
        let (map, diagnostics) = workspace.resolve()
        let errors = DiagnosticReport(diagnostics.filter { $0.severity == .error })
        guard errors.hasErrors else { return map }
        stderr("error: the map of \(Self.label(side)) has errors:\n")
        stderr(errors.render(color: color, sources: workspace.sources))
        return nil
    }
}
