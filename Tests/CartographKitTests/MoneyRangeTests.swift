import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Amounts have a range checked where they are read, and money arithmetic cannot trap.
@Suite("Money range")
struct MoneyRangeTests {
    typealias Generator = YAMLPrescanTests.Generator

    /// "12", "12.5", "12.50", "$12" for a number of cents.
    static func written(_ cents: Int, _ generator: inout Generator) -> String {
        let dollars = "\(cents / 100)"
        let rest = cents % 100
        let dollar = Bool.random(using: &generator) ? "$" : ""
        switch (rest, Int.random(in: 0..<2, using: &generator)) {
        case (0, 0): return dollar + dollars
        case (let r, _) where r % 10 == 0: return dollar + dollars + ".\(r / 10)"
        default: return dollar + dollars + ".\(rest < 10 ? "0" : "")\(rest)"
        }
    }

    /// Values on both sides of $1,000,000 and far beyond, in the config and the status:
    /// accepted exactly up to the limit, an error at the value past it.
    @Test func amountsAreAcceptedUpToTheLimitAndRefusedAtTheValuePastIt() {
        var generator = Generator(state: 99)
        let limit = Money.maximumInput.cents
        var values = [0, 1, limit - 1, limit, limit + 1, limit * 10, Int.max / 100, Int.max / 100 + 1, Int.max]
        values += (0..<40).map { _ in Int.random(in: 0...(limit * 2), using: &generator) }
        for cents in values {
            let text = cents > Int.max / 100 ? "\(cents)00" : Self.written(cents, &generator)
            let quoted = text.hasPrefix("$") ? "\"\(text)\"" : text
            let bag = DiagnosticBag()
            let (config, _) = ConfigReader.read(Data("pricing:\n  basic-xs: \(quoted)\n".utf8), path: "cartograph.yaml", diagnostics: bag)
            let status = StatusReader.read(
                Data("apps:\n  a:\n    estimated_monthly_cost: \(quoted)\n".utf8), path: "status.yaml", diagnostics: bag
            ).0
            if cents <= limit {
                #expect(bag.diagnostics.isEmpty, "\(text)")
                #expect(config.prices["basic-xs"]?.cents == cents, "\(text)")
                #expect(status.apps["a"]?.estimatedMonthlyCost?.cents == cents, "\(text)")
            } else {
                let messages = bag.sorted.map { "\($0.location): \($0.message)" }
                #expect(
                    messages == [
                        "cartograph.yaml:2:13: price of 'basic-xs' must be at most $1,000,000 a month",
                        "status.yaml:3:29: 'estimated_monthly_cost' must be at most $1,000,000 a month",
                    ], "\(text)")
                #expect(config.prices["basic-xs"] == nil)
            }
        }
    }

    /// 10,000 apps at the largest estimate and a spec at the largest price × 250 instances:
    /// every total is exact, nothing traps.
    @Test func totalsOverThousandsOfAppsAtTheLimitAreExact() {
        let apps = (0..<10_000).map { "  app-\($0): { status: healthy, estimated_monthly_cost: 1000000 }\n" }.joined()
        let components = (0..<200).map { "  - { name: c\($0), instance_size_slug: apps-s-1vcpu-1gb, instance_count: 250 }\n" }.joined()
        let (map, diagnostics) = buildMap(
            specs: ["name: big\nservices:\n" + components],
            config: "title: T\npricing: { apps-s-1vcpu-1gb: 1000000 }\nscenarios: [{ name: S, size: apps-s-1vcpu-1gb }]\n",
            status: "apps:\n" + apps + "  big: { status: healthy }\n")
        #expect(!diagnostics.contains { $0.severity == .error })
        let big = Money(dollars: 1_000_000) * 250 * 200
        let total = Money(dollars: 1_000_000) * 10_000 + big
        #expect(map.costs.ifAllDeployed.high == total)
        #expect(map.costs.current.high == total)
        #expect(map.costs.scenarios.first?.ifAllDeployed.high == total)
        #expect(map.costs.ifAllDeployed.perMonth == "$60,000,000,000/month (estimated)")
    }

    /// The operators saturate instead of trapping, whatever they are given.
    @Test func arithmeticSaturatesInsteadOfTrapping() {
        var generator = Generator(state: 5)
        for _ in 0..<2000 {
            let a = Int.random(in: Int.min...Int.max, using: &generator)
            let b = Int.random(in: Int.min...Int.max, using: &generator)
            let factor = Int.random(in: -300...300, using: &generator)
            let (x, y) = (Money(cents: a), Money(cents: b))
            let clamp = { (value: Int, overflow: Bool, positive: Bool) -> Int in
                overflow ? (positive ? Money.ceiling : -Money.ceiling) : max(value, -Money.ceiling)
            }
            let sum = x.cents.addingReportingOverflow(y.cents)
            #expect((x + y).cents == clamp(sum.partialValue, sum.overflow, y.cents > 0))
            let difference = x.cents.subtractingReportingOverflow(y.cents)
            #expect((x - y).cents == clamp(difference.partialValue, difference.overflow, y.cents < 0))
            let product = x.cents.multipliedReportingOverflow(by: factor)
            #expect((x * factor).cents == clamp(product.partialValue, product.overflow, (x.cents < 0) == (factor < 0)))
            _ = (x + y).description + (x - y).decimal
        }
        #expect(Money(cents: Int.min).cents == -Money.ceiling)
        #expect(Money(dollars: Int.max).cents == Money.ceiling)
        #expect((Cost(low: .zero, high: .zero, unknownParts: Int.max) + .unknown).unknownParts == Int.max)
        #expect(Money(parsing: "92233720368547759") == nil)
        #expect(Money(parsing: "92233720368547758.08") == nil)
        #expect(Money(parsing: "92233720368547758.07")?.cents == Int.max)
    }
}
