/// What changed between two maps (before and after a change to the inputs): apps and
/// components added, removed, resized and scaled; routes, domains and dependencies added or
/// removed; and the monthly cost of each app, in total and per scenario, before and after.
package struct MapDiff: Sendable, Hashable {
    /// A monthly cost before and after; an app that did not exist costs zero on that side.
    package struct CostChange: Sendable, Hashable {
        package var before: Cost
        package var after: Cost

        package init(before: Cost, after: Cost) {
            self.before = before
            self.after = after
        }

        package var lowDelta: Money { after.low - before.low }
        package var highDelta: Money { after.high - before.high }
        package var isChanged: Bool { before != after }

        /// The increase in percent of the upper bound before; nil when there was nothing before
        /// (an increase from zero has no percentage).
        package var percentIncrease: Double? {
            guard before.high.cents > 0 else { return nil }
            return Double(highDelta.cents) * 100 / Double(before.high.cents)
        }
    }

    /// One component whose size or instance count moved.
    package struct Resize: Sendable, Hashable {
        package var component: String
        package var from: String
        package var to: String
    }

    package struct Rescale: Sendable, Hashable {
        package var component: String
        package var from: ClosedRange<Int>
        package var to: ClosedRange<Int>
    }

    /// Names added and removed, each sorted.
    package struct SetChange: Sendable, Hashable {
        package var added: [String]
        package var removed: [String]

        package init(before: [String], after: [String]) {
            let old = Set(before)
            let new = Set(after)
            added = new.subtracting(old).sorted()
            removed = old.subtracting(new).sorted()
        }

        package var isEmpty: Bool { added.isEmpty && removed.isEmpty }
    }

    package struct AppChange: Sendable, Hashable {
        package enum Kind: String, Sendable, Hashable { case added, removed, changed, unchanged }

        package var name: String
        package var kind: Kind
        package var cost: CostChange
        package var components: SetChange
        package var resized: [Resize]
        package var scaled: [Rescale]
        /// "/api → api", as the endpoints table shows a route.
        package var routes: SetChange
        package var domains: SetChange
        package var dependencies: SetChange

        /// True when anything but the cost moved (a price change alone moves only the cost).
        var hasStructuralChanges: Bool {
            !components.isEmpty || !resized.isEmpty || !scaled.isEmpty || !routes.isEmpty || !domains.isEmpty || !dependencies.isEmpty
        }
    }

    package struct ScenarioChange: Sendable, Hashable {
        package var name: String
        package var cost: CostChange
    }

    /// Every app of either map, by name.
    package var apps: [AppChange]
    /// The total if every app were deployed.
    package var total: CostChange
    /// The total of the apps observed running.
    package var current: CostChange
    /// The total with each scenario applied, for the scenarios of either map, by name.
    package var scenarios: [ScenarioChange]

    package var hasChanges: Bool {
        apps.contains { $0.kind != .unchanged } || total.isChanged || current.isChanged || scenarios.contains { $0.cost.isChanged }
    }

    package init(before: InfraMap, after: InfraMap) {
        let old = Dictionary(before.apps.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.apps.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        apps = Set(old.keys).union(new.keys).sorted().map { Self.change(name: $0, before: old[$0], after: new[$0]) }
        let total = CostChange(before: before.costs.ifAllDeployed, after: after.costs.ifAllDeployed)
        self.total = total
        current = CostChange(before: before.costs.current, after: after.costs.current)
        let oldScenarios = Dictionary(
            before.costs.scenarios.map { ($0.scenario.name, $0.ifAllDeployed) }, uniquingKeysWith: { first, _ in first })
        let newScenarios = Dictionary(
            after.costs.scenarios.map { ($0.scenario.name, $0.ifAllDeployed) }, uniquingKeysWith: { first, _ in first })
        // A scenario that exists on one side only is compared with the baseline on the other.
        scenarios = Set(oldScenarios.keys).union(newScenarios.keys).sorted().map { name in
            ScenarioChange(
                name: name, cost: CostChange(before: oldScenarios[name] ?? total.before, after: newScenarios[name] ?? total.after))
        }
    }

    static func change(name: String, before: App?, after: App?) -> AppChange {
        let oldComponents = Dictionary((before?.components ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newComponents = Dictionary((after?.components ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var resized: [Resize] = []
        var scaled: [Rescale] = []
        for name in Set(oldComponents.keys).intersection(newComponents.keys).sorted() {
            guard let old = oldComponents[name], let new = newComponents[name] else { continue }
            if let from = old.effectiveSlug, let to = new.effectiveSlug, from != to {
                resized.append(Resize(component: name, from: from, to: to))
            }
            if old.instances != new.instances { scaled.append(Rescale(component: name, from: old.instances, to: new.instances)) }
        }
        let cost = CostChange(before: before?.cost ?? .zero, after: after?.cost ?? .zero)
        var change = AppChange(
            name: name, kind: .unchanged, cost: cost,
            components: SetChange(before: Array(oldComponents.keys), after: Array(newComponents.keys)), resized: resized, scaled: scaled,
            routes: SetChange(before: routes(of: before), after: routes(of: after)),
            domains: SetChange(before: domains(of: before), after: domains(of: after)),
            dependencies: SetChange(before: dependencies(of: before), after: dependencies(of: after)))
        change.kind =
            if before == nil { .added } else if after == nil { .removed } else if change.hasStructuralChanges || cost.isChanged {
                .changed
            } else { .unchanged }
        return change
    }

    static func routes(of app: App?) -> [String] {
        (app?.routes ?? []).filter { $0.origin != .healthCheck }.map { route in
            route.component.map { "\(route.path) → \($0)" } ?? route.path
        }
    }

    static func domains(of app: App?) -> [String] {
        (app?.domains ?? []).compactMap(\.name)
    }

    static func dependencies(of app: App?) -> [String] {
        (app?.dependencies ?? []).filter { !$0.isSourceControl }.map(\.targetName)
    }
}
