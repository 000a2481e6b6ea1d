package import CartographInput
package import CartographModel
package import CartographRender
import Foundation

/// The diagram target's input: a map described by names, one record per line, each a tag
/// character and its text (`\n` written as the two characters `\` `n` is a line break in
/// the text). The map is built from these values directly, past the readers' checks on
/// names: the layout has to hold whatever text reaches it (a status file's app names and
/// notes are free text).
///
///     T title          P platform          W width to draw at (besides the usual ones)
///     A app (spec)     S app (status only) G region slug of the app
///     C component      D database          Z size slug       I instance count
///     R route          U env value of the app (names a host or a component: a dependency)
///     H health (by the text's first byte)  N status note     O note      $ estimated cents
///     X external system                    K its kind        Y its endpoint
struct DiagramFuzzInput {
    var config = Config()
    var specs: [AppSpec] = []
    var status = Status()
    /// Widths to draw at: the usual ones, the narrowest, and any the input asks for.
    var widths = [1, 23, 24, 40, 66, 80, 200]

    static let file = "fuzz.yaml"
    static let maxApps = 48
    static let maxComponents = 24
    static let maxSystems = 24

    static let dictionary = [
        "\nA", "\nS", "\nC", "\nD", "\nR", "\nU", "\nH", "\nN", "\nO", "\nX", "\nK", "\nY", "\nW", "\nZ", "\nI", "\nG", "\nT", "\nP",
        "\n$", "\\n", "\t", "\u{1B}[31m", "\u{200D}", "\u{FE0F}", "\u{0301}", "\u{202E}", "👩‍💻", "🇯🇵", "漢字", "ｱ", "basic-xxs",
        "professional-xs", "nyc", "sgp1", "db.example.com", "https://", "/api", "\u{00AD}", "\u{2028}", "\r", "\u{E0067}",
    ]

    init(_ data: Data) {
        var app: String?
        var component: (app: Int, kind: ComponentSpec.Kind, index: Int)?
        for (number, record) in data.split(separator: 0x0A, omittingEmptySubsequences: true).enumerated() {
            let line = String(decoding: record, as: UTF8.self)
            guard let tag = line.unicodeScalars.first else { continue }
            let text = String(line.unicodeScalars.dropFirst()).replacingOccurrences(of: "\\n", with: "\n")
            let location = SourceLocation(file: Self.file, line: number + 1, column: 1)
            switch tag {
            case "T": config.title = text
            case "P": config.platform = text
            case "W": if widths.count < 10, let width = Int(text.prefix(6)) { widths.append(min(max(width, 1), 400)) }
            case "A" where specs.count < Self.maxApps:
                var spec = AppSpec(file: Self.file, location: location)
                spec.name = Located(text, at: location)
                specs.append(spec)
                app = text
                component = nil
            case "S" where status.appOrder.count < Self.maxApps:
                if status.apps[text] == nil { status.appOrder.append(text) }
                status.apps[text] = AppStatus(name: text, location: location)
                app = text
                component = nil
            case "G": if let index = lastSpec(named: app) { specs[index].region = Located(text, at: location) }
            case "C":
                guard let index = lastSpec(named: app), specs[index].components.count < Self.maxComponents else { continue }
                let kind = ComponentSpec.Kind.allCases[specs[index].components.count % ComponentSpec.Kind.allCases.count]
                var c = ComponentSpec(kind: kind, location: location)
                c.name = Located(text, at: location)
                component = (index, kind, append(c, to: &specs[index]))
            case "D":
                guard let index = lastSpec(named: app), specs[index].databases.count < Self.maxComponents else { continue }
                var database = DatabaseSpec(location: location)
                database.name = Located(text, at: location)
                database.engine = DatabaseSpec.Engine.allCases[text.utf8.count % DatabaseSpec.Engine.allCases.count]
                specs[index].databases.append(database)
            case "Z": update(component) { $0.instanceSizeSlug = Located(text, at: location) }
            case "I": if let count = Int(text.prefix(4)) { update(component) { $0.instanceCount = count } }
            case "R": update(component) { $0.routes.append(RouteSpec(path: Located(text, at: location), preservePathPrefix: nil)) }
            case "U":
                guard let index = lastSpec(named: app), specs[index].envs.count < Self.maxComponents else { continue }
                var env = EnvVar(key: Located("FUZZ_\(specs[index].envs.count)", at: location))
                env.value = text
                env.valueLocation = location
                specs[index].envs.append(env)
            case "H": updateStatus(app, location) { $0.health = Health.allCases[Int(text.utf8.first ?? 0) % Health.allCases.count] }
            case "N": updateStatus(app, location) { $0.statusNote = text }
            case "O": updateStatus(app, location) { $0.note = text }
            case "$":
                // Money's range is the readers' business; the diagram target keeps to sane amounts.
                if let cents = Int(text.prefix(9)), cents >= 0 {
                    updateStatus(app, location) { $0.estimatedMonthlyCost = Money(cents: cents) }
                }
            case "X" where config.external.count < Self.maxSystems:
                config.external.append(ExternalSystem(name: text, location: location))
            case "K": if !config.external.isEmpty { config.external[config.external.count - 1].kind = text }
            case "Y": if !config.external.isEmpty { config.external[config.external.count - 1].endpoint = text }
            default: continue
            }
        }
    }

    func lastSpec(named name: String?) -> Int? {
        guard let name else { return nil }
        return specs.lastIndex { $0.name?.value == name }
    }

    /// Appends to the list of the component's kind; returns its index there.
    func append(_ c: ComponentSpec, to spec: inout AppSpec) -> Int {
        switch c.kind {
        case .service: spec.services.append(c); return spec.services.count - 1
        case .worker: spec.workers.append(c); return spec.workers.count - 1
        case .job: spec.jobs.append(c); return spec.jobs.count - 1
        case .staticSite: spec.staticSites.append(c); return spec.staticSites.count - 1
        case .function: spec.functions.append(c); return spec.functions.count - 1
        }
    }

    mutating func update(_ target: (app: Int, kind: ComponentSpec.Kind, index: Int)?, _ change: (inout ComponentSpec) -> Void) {
        guard let target else { return }
        switch target.kind {
        case .service: change(&specs[target.app].services[target.index])
        case .worker: change(&specs[target.app].workers[target.index])
        case .job: change(&specs[target.app].jobs[target.index])
        case .staticSite: change(&specs[target.app].staticSites[target.index])
        case .function: change(&specs[target.app].functions[target.index])
        }
    }

    mutating func updateStatus(_ app: String?, _ location: SourceLocation, _ change: (inout AppStatus) -> Void) {
        guard let app else { return }
        if status.apps[app] == nil {
            status.appOrder.append(app)
            status.apps[app] = AppStatus(name: app, location: location)
        }
        if var entry = status.apps[app] {
            change(&entry)
            status.apps[app] = entry
        }
    }
}
