/// Monthly prices of App Platform instance sizes, from `reference/do-pricing.md`
/// (DigitalOcean's OpenAPI examples), overridable from the config.
package struct PriceTable: Sendable {
    /// The date the built-in prices were read from DigitalOcean's published examples.
    package static let asOf = "2024-05-07"
    /// The instance size a component gets when its spec names none.
    package static let defaultSlug = "apps-s-1vcpu-0.5gb"
    /// A development database's monthly price.
    package static let devDatabase = Money(dollars: 7)
    /// Static-site-only ("starter") apps that DigitalOcean does not charge for.
    static let freeStarterApps = 3

    package struct Size: Sendable, Hashable {
        package var slug: String
        package var name: String
        package var monthly: Money
        var vcpu: String
        package var memory: String
        var isLegacy: Bool
    }

    package static let builtIn: [Size] = [
        Size(
            slug: "apps-s-1vcpu-0.5gb", name: "Shared 1 vCPU 0.5 GB", monthly: Money(dollars: 5), vcpu: "1 shared", memory: "512 MiB",
            isLegacy: false),
        Size(
            slug: "apps-s-1vcpu-1gb-fixed", name: "Shared 1 vCPU 1 GB Fixed", monthly: Money(dollars: 10), vcpu: "1 shared",
            memory: "1 GiB", isLegacy: false),
        Size(
            slug: "apps-s-1vcpu-1gb", name: "Shared 1 vCPU 1 GB", monthly: Money(dollars: 12), vcpu: "1 shared", memory: "1 GiB",
            isLegacy: false),
        Size(
            slug: "apps-s-1vcpu-2gb", name: "Shared 1 vCPU 2 GB", monthly: Money(dollars: 25), vcpu: "1 shared", memory: "2 GiB",
            isLegacy: false),
        Size(
            slug: "apps-s-2vcpu-4gb", name: "Shared 2 vCPU 4 GB", monthly: Money(dollars: 50), vcpu: "2 shared", memory: "4 GiB",
            isLegacy: false),
        Size(
            slug: "apps-d-1vcpu-0.5gb", name: "Dedicated 1 vCPU 0.5 GB", monthly: Money(dollars: 29), vcpu: "1 dedicated",
            memory: "512 MiB", isLegacy: false),
        Size(
            slug: "apps-d-1vcpu-1gb", name: "Dedicated 1 vCPU 1 GB", monthly: Money(dollars: 34), vcpu: "1 dedicated", memory: "1 GiB",
            isLegacy: false),
        Size(
            slug: "apps-d-1vcpu-2gb", name: "Dedicated 1 vCPU 2 GB", monthly: Money(dollars: 39), vcpu: "1 dedicated", memory: "2 GiB",
            isLegacy: false),
        Size(
            slug: "apps-d-1vcpu-4gb", name: "Dedicated 1 vCPU 4 GB", monthly: Money(dollars: 49), vcpu: "1 dedicated", memory: "4 GiB",
            isLegacy: false),
        Size(
            slug: "apps-d-2vcpu-4gb", name: "Dedicated 2 vCPU 4 GB", monthly: Money(dollars: 78), vcpu: "2 dedicated", memory: "4 GiB",
            isLegacy: false),
        Size(
            slug: "apps-d-2vcpu-8gb", name: "Dedicated 2 vCPU 8 GB", monthly: Money(dollars: 98), vcpu: "2 dedicated", memory: "8 GiB",
            isLegacy: false),
        Size(
            slug: "apps-d-4vcpu-8gb", name: "Dedicated 4 vCPU 8 GB", monthly: Money(dollars: 156), vcpu: "4 dedicated", memory: "8 GiB",
            isLegacy: false),
        Size(
            slug: "apps-d-4vcpu-16gb", name: "Dedicated 4 vCPU 16 GB", monthly: Money(dollars: 196), vcpu: "4 dedicated", memory: "16 GiB",
            isLegacy: false),
        Size(
            slug: "apps-d-8vcpu-32gb", name: "Dedicated 8 vCPU 32 GB", monthly: Money(dollars: 392), vcpu: "8 dedicated", memory: "32 GiB",
            isLegacy: false),
        Size(slug: "basic-xxs", name: "Basic XXS", monthly: Money(dollars: 5), vcpu: "1 shared", memory: "512 MiB", isLegacy: true),
        Size(slug: "basic-xs", name: "Basic XS", monthly: Money(dollars: 10), vcpu: "1 shared", memory: "1 GiB", isLegacy: true),
        Size(slug: "basic-s", name: "Basic S", monthly: Money(dollars: 20), vcpu: "1 shared", memory: "2 GiB", isLegacy: true),
        Size(slug: "basic-m", name: "Basic M", monthly: Money(dollars: 40), vcpu: "2 shared", memory: "4 GiB", isLegacy: true),
        Size(
            slug: "professional-xs", name: "Professional XS", monthly: Money(dollars: 12), vcpu: "1 shared", memory: "1 GiB", isLegacy: true
        ),
        Size(
            slug: "professional-s", name: "Professional S", monthly: Money(dollars: 25), vcpu: "1 shared", memory: "2 GiB", isLegacy: true),
        Size(
            slug: "professional-m", name: "Professional M", monthly: Money(dollars: 50), vcpu: "2 shared", memory: "4 GiB", isLegacy: true),
        Size(
            slug: "professional-1l", name: "Professional 1L", monthly: Money(dollars: 75), vcpu: "1 dedicated", memory: "4 GiB",
            isLegacy: true),
        Size(
            slug: "professional-l", name: "Professional L", monthly: Money(dollars: 150), vcpu: "2 dedicated", memory: "8 GiB",
            isLegacy: true),
        Size(
            slug: "professional-xl", name: "Professional XL", monthly: Money(dollars: 300), vcpu: "4 dedicated", memory: "16 GiB",
            isLegacy: true),
    ]

    /// Current equivalents of legacy slugs, matched on price, CPU and memory.
    static let legacyReplacements: [String: String] = [
        "basic-xxs": "apps-s-1vcpu-0.5gb", "basic-xs": "apps-s-1vcpu-1gb-fixed", "basic-s": "apps-s-1vcpu-2gb",
        "basic-m": "apps-s-2vcpu-4gb", "professional-xs": "apps-s-1vcpu-1gb", "professional-s": "apps-s-1vcpu-2gb",
        "professional-m": "apps-s-2vcpu-4gb", "professional-1l": "apps-d-1vcpu-4gb", "professional-l": "apps-d-2vcpu-8gb",
        "professional-xl": "apps-d-4vcpu-16gb",
    ]

    package static func legacyReplacement(for slug: String) -> String? { legacyReplacements[slug] }

    private var sizes: [String: Size]
    /// Slugs whose price the config overrides, with the built-in price they replace (nil for new slugs).
    package private(set) var overrides: [String: Money?] = [:]

    package init() {
        sizes = Dictionary(uniqueKeysWithValues: Self.builtIn.map { ($0.slug, $0) })
    }

    /// The table with the config's prices applied on top.
    package func overriding(_ prices: [String: Money]) -> PriceTable {
        var table = self
        for (slug, price) in prices {
            table.overrides[slug] = sizes[slug]?.monthly
            if var size = table.sizes[slug] {
                size.monthly = price
                table.sizes[slug] = size
            } else {
                table.sizes[slug] = Size(slug: slug, name: slug, monthly: price, vcpu: "?", memory: "?", isLegacy: false)
            }
        }
        return table
    }

    package func size(_ slug: String) -> Size? { sizes[slug] }
    package func price(of slug: String) -> Money? { sizes[slug]?.monthly }
    package var knownSlugs: [String] { sizes.keys.sorted() }
}
