package import CartographInput
package import CartographModel
package import CartographRender
public import Foundation

/// One libFuzzer target: what one fuzz input is (a spec, a config, a project…) and the one
/// function that runs it. The fuzz executable (`Fuzz/`) and the test suite's replay of kept
/// findings both call ``run(_:)``, so a replayed fixture exercises exactly what the fuzzer ran.
///
/// `run` turns every bad outcome into a crash the fuzzer sees: a Swift trap already is one;
/// a broken invariant (a line of the diagram that is not exactly as wide as asked, an env
/// value in an output, a diagnostic outside its file) is a `fatalError` here, and only here.
/// Hangs and memory blow-ups are caught by libFuzzer's `-timeout` and `-rss_limit_mb`, and
/// by the replay test's watchdog.
///
/// Behind `@_spi(Fuzzing)`: for the fuzzer and the tests, not part of the library's API.
@_spi(Fuzzing) public enum FuzzTarget: String, CaseIterable, Codable, Sendable {
    /// An app spec, read as `cartograph check SPEC` reads it, then drawn.
    case spec
    /// `cartograph.yaml`.
    case config
    /// A YAML status file.
    case status
    /// `doctl apps list -o json` output named as a status source.
    case doctl
    /// A Markdown page: front matter, then the body through cmark-gfm.
    case page
    /// A Markdown file with `<!-- cartograph:begin -->` markers.
    case injection
    /// App, component and system names (one per line, see ``DiagramFuzzInput``), drawn as
    /// text at several widths, as SVG and as Mermaid.
    case diagram
    /// A whole project (see ``ProjectArchive``): config, specs, status, pages, built.
    case pipeline

    /// Runs one input; returns only if nothing went wrong.
    public func run(_ data: Data) {
        switch self {
        case .spec: Self.runSpec(data)
        case .config: Self.runConfig(data)
        case .status: Self.runStatus(data)
        case .doctl: Self.runDoctl(data)
        case .page: Self.runPage(data)
        case .injection: Self.runInjection(data)
        case .diagram: Self.runDiagram(data)
        case .pipeline: Self.runPipeline(data)
        }
    }

    /// The longest input worth mutating (libFuzzer's `-max_len`): a few times the largest
    /// real file of the kind, and large enough that quadratic work shows up as a timeout.
    public var maxLength: Int {
        switch self {
        case .spec, .status, .pipeline: 65_536
        case .doctl: 131_072
        case .config, .page, .injection: 32_768
        case .diagram: 4_096
        }
    }

    /// Tokens for libFuzzer's `-dict`: the keys and values the readers know, so mutations
    /// reach past "unknown key" into the code behind each key.
    public var dictionary: [String] {
        let yaml = [
            ": ", "- ", "---", "...", "#", "&a ", "*a", "<<: *a", "!!str ", "!!int ", "|", ">", "|-", "{", "}", "[", "]", ", ",
            "\"", "'", "\t", "\r\n", "~", "null", "true", "false", "1e9", "-1", "0x10", "9223372036854775807",
            // Integers that parse but overflow once multiplied (cents, instances × price).
            "99999999999999999", "92233720368547758", "-9223372036854775808", "4611686018427387904", "0.01", "1e308",
        ]
        switch self {
        case .spec:
            return yaml + SpecReader.dictionaryWords + [FuzzCanary.placeholder]
        case .config:
            return yaml + ConfigReader.keys + ["site", "markdown", "inject", "width", "ascii", "name", "size", "resize", "endpoint"]
        case .status:
            return yaml + StatusReader.keys + StatusReader.appKeys + Health.allCases.map(\.rawValue)
        case .doctl:
            return [
                "{", "}", "[", "]", ":", ",", "\"", "null", "true", "false", "\"spec\"", "\"apps\"", "\"deployments\"", "\"app\"",
                "\"phase\"", "\"live_url\"", "\"region\"", "\"slug\"", "\"active_deployment\"", "\"envs\"", "\"value\"", "\"key\"",
                "\"ACTIVE\"", "\"ERROR\"", "\"DEPLOYING\"", FuzzCanary.placeholder,
            ] + DoctlStatusReader.appOnlyKeys.sorted().map { "\"\($0)\"" }
                + DoctlStatusReader.deploymentOnlyKeys.sorted().map { "\"\($0)\"" }
        case .page:
            return yaml + ["title", "weight", "slug", "\n---\n", "```", "<!-- cartograph:begin -->", "<script>", "| a | b |", "- [ ] "]
        case .injection:
            return ["<!-- cartograph:begin -->", "<!-- cartograph:end -->", "\r\n", "<!--", "-->", " "] + Injection.sections
        case .diagram:
            return DiagramFuzzInput.dictionary
        case .pipeline:
            return yaml + SpecReader.dictionaryWords + ConfigReader.keys + StatusReader.appKeys + ProjectArchive.dictionary
                + [FuzzCanary.placeholder]
        }
    }
}

extension SpecReader {
    /// Every key and enumerated value the spec reader knows.
    static var dictionaryWords: [String] {
        var words = Set(appKeys + runnableKeys)
        for kind in ComponentSpec.Kind.allCases { words.formUnion(allowedKeys(for: kind)) }
        words.formUnion(["key", "value", "scope", "type", "RUN_TIME", "BUILD_TIME", "SECRET", "GENERAL", "instance_size_slug"])
        words.formUnion(["ingress", "rules", "match", "path", "prefix", "component", "routes", "engine", "PG", "basic-xxs"])
        return words.sorted()
    }
}
