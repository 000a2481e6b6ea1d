import CartographTestSupport
import Foundation
import Testing

@testable import CartographKit

/// A spec that breaks around an env value, the diagnostic it must give, and nothing of the
/// value anywhere.
struct LeakExample: Sendable, CustomTestStringConvertible {
    var name: String
    var spec: String
    /// The first line printed for the problem (`path:line:col: severity: message`).
    var expected: String

    var testDescription: String { name }

    static let head = "name: shop\nservices:\n  - name: web\n    envs:\n"

    /// The examples of section 3 of issue 9, each a way the value line used to be quoted.
    static let issueExamples: [LeakExample] = [
        LeakExample(
            name: "a YAML syntax error on a value line",
            spec: head + "      - key: API_TOKEN\n        value: CNRY7f3a0001: oops\n",
            expected: "app.yaml:6:28: error: YAML syntax error: mapping values are not allowed in this context"),
        LeakExample(
            name: "a duplicate value",
            spec: head + "      - key: API_TOKEN\n        value: CNRY7f3a0001\n        value: CNRY7f3a0002\n",
            expected: "app.yaml:6:9: error: duplicate key 'value' in mapping"),
        LeakExample(
            name: "a tab in the indentation",
            spec: head + "      - key: API_TOKEN\n\t        value: CNRY7f3a0001\n",
            expected:
                "app.yaml:6:1: error: YAML syntax error: found a tab character that violates indentation (while scanning a plain scalar at line 5, column 14)"
        ),
        LeakExample(
            name: "a database block placed under envs",
            spec: head
                + "      - key: API_TOKEN\n        value: CNRY7f3a0001\n      - name: db\n        engine: PG\n        value: CNRY7f3a0002: x\n",
            expected: "app.yaml:9:28: error: YAML syntax error: mapping values are not allowed in this context"),
        LeakExample(
            name: "a database block in an env item",
            spec: head + "      - name: db\n        engine: PG\n        value: CNRY7f3a0001\n        num_nodes: 2\n",
            expected: "app.yaml:5:9: error: env is missing required field 'key'"),
        LeakExample(
            name: "a mis-indented value",
            spec: head + "      - key: API_TOKEN\n    value: CNRY7f3a0001\n",
            expected: "app.yaml:6:5: error: unknown key 'value' in service"),
        LeakExample(
            name: "an unknown key in flow style",
            spec: head + "      - { kee: API_TOKEN, value: CNRY7f3a0001, scope: RUN_TIME }\n",
            expected: "app.yaml:5:9: error: env is missing required field 'key'"),
        LeakExample(
            name: "a bad scope in flow style",
            spec: head + "      - { key: API_TOKEN, value: CNRY7f3a0001, scope: X }\n",
            expected: "app.yaml:5:55: error: invalid scope in env; expected one of: UNSET, RUN_TIME, BUILD_TIME, RUN_AND_BUILD_TIME"),
    ]

    /// Messages that used to repeat the text of a node that may be an env value.
    static let messageExamples: [LeakExample] = [
        LeakExample(
            name: "a number as an env item",
            spec: head + "      - 94837261500001\n",
            expected: "app.yaml:5:9: error: env must be a mapping, found an integer"),
        LeakExample(
            name: "a number as the envs",
            spec: head.replacingOccurrences(of: "envs:\n", with: "envs: 94837261500001\n"),
            expected: "app.yaml:4:11: error: 'envs' must be a list, found an integer"),
        LeakExample(
            name: "a number as the key",
            spec: head + "      - key: 94837261500001\n        value: x\n",
            expected: "app.yaml:5:14: error: 'key' must be a string, found an integer\n    hint: quote it"),
        LeakExample(
            name: "a value as the scope",
            spec: head + "      - key: API_TOKEN\n        scope: CNRY7f3a0001\n",
            expected: "app.yaml:6:16: error: invalid scope in env; expected one of: UNSET, RUN_TIME, BUILD_TIME, RUN_AND_BUILD_TIME"),
        LeakExample(
            name: "a value as a key",
            spec: head + "      - { key: API_TOKEN, CNRY7f3a0001 }\n",
            expected: "app.yaml:5:27: error: unknown key in env"),
        LeakExample(
            name: "a value folded into the key",
            spec: head + "      - key: API_TOKEN\n          CNRY7f3a0001\n",
            expected: "app.yaml:5:14: error: invalid env key; keys match ^[_A-Za-z][_A-Za-z0-9]*$"),
        LeakExample(
            name: "a value as a duplicated key",
            spec: head + "      - { key: A, CNRY7f3a0001: 1, CNRY7f3a0001: 2 }\n",
            expected: "app.yaml:5:19: error: duplicate key in mapping"),
        LeakExample(
            name: "a boolean value",
            spec: head + "      - key: DEBUG\n        value: 948372615e3\n",
            expected: "app.yaml:6:16: error: env 'DEBUG': 'value' must be a string, found a number"),
    ]
}

@Suite("Env values never printed under or in a diagnostic")
struct EnvValueLeakTests {
    static func project(_ spec: String) throws -> ScratchProject {
        let project = try ScratchProject()
        try project.use(spec)
        return project
    }

    func expectNoCanary(_ printed: ScratchProject.Printed, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let leaks = Canary.leaks(in: printed.stdout + printed.stderr)
        #expect(leaks.isEmpty, "\(what) printed \(leaks)", sourceLocation: sourceLocation)
    }

    @Test(arguments: LeakExample.issueExamples + LeakExample.messageExamples)
    func checkAndBuildInProcess(_ example: LeakExample) throws {
        let project = try Self.project(example.spec)
        for fileOnly in [false, true] {
            let check = project.check(fileOnly: fileOnly)
            #expect(check.status == 1)
            #expect(check.stderr.contains(example.expected + "\n"), "\(check.stderr)")
            expectNoCanary(check, "check")
            let github = project.check(format: .github, fileOnly: fileOnly)
            expectNoCanary(github, "check --format github")
        }
        let build = project.build()
        #expect(build.status == 1)
        #expect(build.stderr.contains(example.expected + "\n"))
        expectNoCanary(build, "build")
        #expect(project.writtenFiles().isEmpty)
        for format in CostReport.Format.allCases { expectNoCanary(project.cost(format), "cost --format \(format)") }
        for format in ["text", "svg", "mermaid"] { expectNoCanary(project.diagram(format), "diagram --format \(format)") }
    }

    @Test(arguments: LeakExample.issueExamples)
    func everyCommandOfTheBinary(_ example: LeakExample) throws {
        let project = try Self.project(example.spec)
        let commands = [
            ["check"], ["check", "app.yaml"], ["check", "--format", "github"], ["build"], ["build", "--format", "github"],
            ["cost"], ["cost", "--format", "markdown"], ["cost", "--format", "json"], ["cost", "app.yaml"],
            ["diagram"], ["diagram", "--format", "svg"], ["diagram", "--format", "mermaid"], ["diagram", "app.yaml"],
        ]
        for command in commands {
            let result = try runCLI(command, in: project.root, environment: ["NO_COLOR": "1"])
            #expect(result.status == 1, "\(command)")
            if !command.contains("github") {
                #expect(result.stderr.contains(example.expected + "\n"), "\(command): \(result.stderr)")
            }
            let leaks = Canary.leaks(in: result.stdout + result.stderr)
            #expect(leaks.isEmpty, "\(command) printed \(leaks)")
        }
    }

    @Test func otherLinesAreStillQuoted() throws {
        let project = try Self.project(LeakExample.head + "      - key: A\n        value: CNRY7f3a0001\n    regoin: sgp\n")
        let check = project.check()
        #expect(check.stderr.contains("app.yaml:7:5: error: unknown key 'regoin' in service\n        regoin: sgp\n        ^\n"))
    }
}
