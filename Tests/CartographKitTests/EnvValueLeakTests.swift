import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

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

    @Test(arguments: LeakExample.issueExamples + LeakExample.messageExamples + LeakExample.relatedExamples)
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
        #expect(check.stderr.contains("app.yaml:7:5: error: unknown key 'regoin' in service [CG010]\n        regoin: sgp\n        ^\n"))
    }
}
