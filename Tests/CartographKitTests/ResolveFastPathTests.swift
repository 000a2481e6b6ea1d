import CartographModel
import Testing

@testable import CartographInput

/// The map builder reads components and apps in place instead of copying them into new
/// lists; what it reads, and in what order, must be what the lists it replaced held.
@Suite("Resolve fast paths")
struct ResolveFastPathTests {
    typealias Generator = YAMLComposerTests.Generator

    static func location(_ line: Int) -> CartographModel.SourceLocation {
        CartographModel.SourceLocation(file: "app.yaml", line: line, column: 3)
    }

    /// A spec with up to three components of each kind, in lists of random lengths.
    static func spec(using generator: inout Generator) -> AppSpec {
        var spec = AppSpec(file: "app.yaml", location: location(1))
        var line = 2
        func components(_ kind: ComponentKind) -> [ComponentSpec] {
            (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                line += 1
                var component = ComponentSpec(kind: kind, location: location(line))
                component.name = Located("\(kind.rawValue)-\(Int.random(in: 0...4, using: &generator))", at: location(line))
                component.httpPort = Int.random(in: 0...2, using: &generator) == 0 ? nil : line
                return component
            }
        }
        spec.services = components(.service)
        spec.workers = components(.worker)
        spec.jobs = components(.job)
        spec.staticSites = components(.staticSite)
        spec.functions = components(.function)
        return spec
    }

    @Test func eachComponentIsVisitedInTheOrderOfTheList() {
        var generator = Generator(state: 12)
        var several = 0
        for _ in 0..<5_000 {
            let spec = Self.spec(using: &generator)
            var visited: [ComponentSpec] = []
            spec.forEachComponent { list, index in visited.append(list[index]) }
            #expect(visited == spec.components)
            #expect(spec.componentCount == spec.components.count)
            if Set(spec.components.map(\.kind)).count > 2 { several += 1 }
        }
        #expect(several > 500)
    }

    /// The filter the in-place pass replaced: the first app of each slug stays, each later
    /// one is an error naming the first.
    static func uniqueSlugsByFilter(_ apps: [App]) -> (apps: [App], messages: [String]) {
        var owners: [String: (name: String, location: CartographModel.SourceLocation)] = [:]
        var messages: [String] = []
        let kept = apps.filter { app in
            guard let first = owners[app.slug] else {
                owners[app.slug] = (app.name, app.location)
                return true
            }
            messages.append(
                "\(app.location): app \(app.name.quotedForMessage) would have the same page (apps/\(app.slug)/) as app \(first.name.quotedForMessage), defined at \(first.location.file):\(first.location.line)"
            )
            return false
        }
        return (kept, messages)
    }

    @Test func appsWhosePagesCollideAreDroppedAsTheFilterDid() {
        var generator = Generator(state: 13)
        let pieces = ["web", "Web", "w-eb", "api", "API", "a_pi", "db", "d b", "x", ""]
        var collisions = 0
        for _ in 0..<2_000 {
            let apps = (0..<Int.random(in: 0...8, using: &generator)).map { line in
                let name = (0..<Int.random(in: 1...2, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }
                    .joined()
                return MapBuilder.app(name: name, origin: .specFile, location: Self.location(line + 1), status: nil, specPath: nil)
            }
            let expected = Self.uniqueSlugsByFilter(apps)
            let bag = DiagnosticBag()
            let builder = MapBuilder(config: Config(), specs: [], status: Status(), diagnostics: bag)
            var kept = apps
            builder.keepUniqueSlugs(&kept)
            #expect(kept == expected.apps)
            #expect(bag.diagnostics.map { "\($0.location): \($0.message)" } == expected.messages)
            if !expected.messages.isEmpty { collisions += 1 }
        }
        #expect(collisions > 200)
    }

    /// A status with some of every field, its apps named from a few names, repeats and all.
    static func status(using generator: inout Generator) -> Status {
        var status = Status()
        func maybe(_ text: String) -> String? { Bool.random(using: &generator) ? text : nil }
        status.verified = maybe("2025-11-0\(Int.random(in: 1...9, using: &generator))").flatMap(DateValue.init)
        status.mapStatus = maybe("complete")
        status.nextReview = maybe("soon")
        for line in 0..<Int.random(in: 0...6, using: &generator) {
            let name = ["web", "api", "db", "x"].randomElement(using: &generator) ?? "x"
            var app = AppStatus(name: name, location: location(line + 1))
            app.note = maybe("note \(line)")
            app.url = maybe("https://\(name).example")
            status.appOrder.append(name)
            status.apps[name] = app
        }
        status.questions = (0..<Int.random(in: 0...2, using: &generator)).map { "question \($0)" }
        status.verifyCommands = (0..<Int.random(in: 0...2, using: &generator)).map { VerifyCommand(comment: "", command: "ls \($0)") }
        status.alerting = (0..<Int.random(in: 0...2, using: &generator)).map { ChecklistItem(label: "alert \($0)", state: .done) }
        return status
    }

    @Test func mergingIntoAnEmptyStatusIsMergingEntryByEntry() {
        var generator = Generator(state: 14)
        var repeats = 0
        for _ in 0..<5_000 {
            var base = Self.status(using: &generator)
            // Empty of apps, with or without the map's own fields.
            base.apps = [:]
            base.appOrder = []
            let other = Self.status(using: &generator)
            let fast = base.merging(other)
            let general = base.mergingEntryByEntry(other)
            #expect(fast.apps == general.apps)
            #expect(fast.appOrder == general.appOrder)
            #expect(fast.verified == general.verified && fast.mapStatus == general.mapStatus && fast.nextReview == general.nextReview)
            #expect(fast.questions == general.questions)
            #expect(fast.verifyCommands == general.verifyCommands)
            #expect(fast.alerting == general.alerting)
            if Set(other.appOrder).count < other.appOrder.count { repeats += 1 }
        }
        #expect(repeats > 1_000)
    }
}
