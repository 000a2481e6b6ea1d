package import CartographModel
import CartographRender
import Foundation

/// Every problem of a run as one machine-readable document on stdout: Cartograph's own JSON,
/// or SARIF 2.1.0 for GitHub code scanning. Messages are the same as the text format's, so
/// they never hold an env value either.
package struct DiagnosticDocument: Sendable {
    /// One problem: a diagnostic, or an output on disk that a build would change.
    package struct Finding: Sendable, Hashable {
        package var code: DiagnosticCode
        package var severity: Diagnostic.Severity
        package var message: String
        package var hint: String?
        package var file: String
        package var line: Int
        package var column: Int
    }

    package var findings: [Finding]
    /// Warnings about live specs (doctl) left out of ``findings``, counted.
    var hiddenWarnings: Int

    package init(diagnostics: [Diagnostic], stale: [CheckCommand.StaleOutput] = [], hiddenWarnings: Int = 0) {
        findings = diagnostics.map { d in
            Finding(
                code: d.code, severity: d.severity, message: d.message, hint: d.hint, file: d.location.file, line: d.location.line,
                column: d.location.column)
        }
        findings += stale.map { output in
            Finding(
                code: .staleOutput, severity: .error, message: "\(output.reason); run 'cartograph build'", hint: nil, file: output.path,
                line: 1, column: 1)
        }
        self.hiddenWarnings = hiddenWarnings
    }

    package func render(_ format: DiagnosticPrinter.Format) -> String {
        switch format {
        case .sarif: DiffReport.encode(sarif)
        default: DiffReport.encode(json)
        }
    }

    struct JSONFinding: Encodable {
        var code: String
        var severity: String
        var message: String
        var hint: String?
        var file: String
        var line: Int
        var column: Int
    }

    struct JSONRoot: Encodable {
        var diagnostics: [JSONFinding]
        var errors: Int
        var warnings: Int
        var hiddenWarnings: Int

        enum CodingKeys: String, CodingKey { case diagnostics, errors, warnings, hiddenWarnings = "hidden_warnings" }
    }

    var json: JSONRoot {
        JSONRoot(
            diagnostics: findings.map {
                JSONFinding(
                    code: $0.code.id, severity: $0.severity.rawValue, message: $0.message, hint: $0.hint, file: $0.file, line: $0.line,
                    column: $0.column)
            }, errors: findings.count { $0.severity == .error }, warnings: findings.count { $0.severity == .warning },
            hiddenWarnings: hiddenWarnings)
    }

    // MARK: SARIF 2.1.0

    struct Text: Encodable { var text: String }

    struct Rule: Encodable {
        var id: String
        var shortDescription: Text
    }

    struct Driver: Encodable {
        var name = "cartograph"
        var version = CartographVersion.current
        var rules: [Rule]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }

    struct ArtifactLocation: Encodable { var uri: String }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Text
        var locations: [Location]
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }

    struct SARIF: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }

    var sarif: SARIF {
        // Every code is a rule, so a result's ruleIndex does not depend on what else was found.
        let codes = DiagnosticCode.all
        let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1.id, $0) })
        let results = findings.map { finding in
            Result(
                ruleId: finding.code.id, ruleIndex: index[finding.code.id] ?? 0, level: finding.severity.rawValue,
                message: Text(text: finding.message + (finding.hint.map { " (hint: \($0))" } ?? "")),
                locations: [
                    Location(
                        physicalLocation: PhysicalLocation(
                            artifactLocation: ArtifactLocation(uri: Self.uri(finding.file)),
                            region: Region(startLine: finding.line, startColumn: finding.column)))
                ])
        }
        return SARIF(
            runs: [
                Run(
                    tool: Tool(driver: Driver(rules: codes.map { Rule(id: $0.id, shortDescription: Text(text: $0.title)) })),
                    results: results)
            ]
        )
    }

    /// A relative path as a URI reference: each segment percent-encoded, slashes kept.
    static func uri(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? String($0)
        }.joined(separator: "/")
    }
}
