import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Runs the built `cartograph` binary.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

func runCLI(_ arguments: [String], in folder: URL = repositoryRoot, environment: [String: String] = [:]) throws -> CLIResult {
    try run(cartographBinary, arguments, in: folder, environment: environment)
}

/// What Package.swift looks for before it links jemalloc.
let jemallocArchiveInstalled = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"].contains {
    FileManager.default.fileExists(atPath: $0 + "/libjemalloc_pic.a")
}

@Suite("Command line", .serialized)
struct CLITests {
    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: cartographBinary.path), "build the cartograph product first (make test does)")
    }

    /// Where Debian's jemalloc archive is installed (`make` installs it), the binary is linked
    /// with it and every allocation goes through it: jemalloc reads `MALLOC_CONF`, glibc does not.
    @Test(.enabled(if: jemallocArchiveInstalled, "libjemalloc-dev is not installed: the binary uses glibc's malloc"))
    func theBinaryAllocatesWithJemalloc() throws {
        let result = try runCLI(["--version"], environment: ["MALLOC_CONF": "stats_print:true"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("Begin jemalloc statistics"), "\(result.stderr.prefix(200))")
    }

    @Test func versionAndHelp() throws {
        let version = try runCLI(["--version"])
        #expect(version.status == 0)
        // A plain `swift build` is told nothing by git: the source release alone.
        #expect(version.stdout == "cartograph \(CartographVersion.current)\n")
        let help = try runCLI(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("check"))
        #expect(help.stdout.contains("cost"))
    }

    /// Each command names itself. Without `commandName:`, ArgumentParser derives the name from
    /// `String(describing: Self.self)` on every start, and each such call scans every protocol
    /// conformance in the (statically linked) binary: 4 ms of a 14 ms `--version` on a 2.4 GHz
    /// EPYC, and as much of every build of a small project.
    @Test func everyCommandNamesItself() throws {
        let folder = repositoryRoot.appending(path: "Sources/cartograph")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
        var configurations = 0
        for file in files {
            let text = try String(contentsOf: folder.appending(path: file), encoding: .utf8)
            for piece in text.components(separatedBy: "CommandConfiguration(").dropFirst() {
                configurations += 1
                let arguments = piece.prefix { $0 != ")" }
                #expect(arguments.contains("commandName:"), "\(file): CommandConfiguration(\(arguments.prefix(60))…")
            }
        }
        #expect(configurations >= 10, "\(configurations) commands found in \(files)")
        let help = try runCLI(["--help"])
        for name in ["build", "check", "cost", "diff", "diagram", "init", "hook", "serve"] {
            #expect(help.stdout.contains("  \(name) "), "\(name) is missing from --help:\n\(help.stdout)")
        }
        #expect(try runCLI(["hook", "--help"]).stdout.contains("  install "))
    }

    @Test func usageErrorsExit64() throws {
        #expect(try runCLI(["cost", "--format", "yaml"]).status == 64)
        #expect(try runCLI(["frobnicate"]).status == 64)
        #expect(try runCLI(["check", "--bogus"]).status == 64)
    }

    @Test func checkOnTheExamplePasses() throws {
        let result = try runCLI(["check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("checked "))
        #expect(result.stdout.contains("0 errors"))
    }

    @Test func checkOnABrokenSpecExits1WithLocatedErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name: shop\nservices:\n  - name: web\n    instance_count: two\n    instance_size: basic-xs\n".write(
            to: folder.appending(path: "app.yaml"), atomically: true, encoding: .utf8)
        let result = try runCLI(["check", "app.yaml"], in: folder, environment: ["NO_COLOR": "1"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "app.yaml:4:21: error: 'instance_count' must be an integer, found a string [CG012]\n        instance_count: two\n                        ^\n"
            ))
        #expect(result.stderr.contains("app.yaml:5:5: error: unknown key 'instance_size' in service [CG010]\n"))
        #expect(result.stderr.contains("    hint: did you mean 'instance_size_slug'?\n"))
        #expect(!result.stderr.contains("\u{1B}["), "no colour when not on a terminal")
        #expect(result.stdout == "checked 1 file (1 app spec): 2 errors, 0 warnings\n")
    }

    @Test func githubAnnotations() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name: Shop\n".write(to: folder.appending(path: "app.yaml"), atomically: true, encoding: .utf8)
        let result = try runCLI(["check", "--format", "github", "app.yaml"], in: folder)
        #expect(result.status == 1)
        // GitHub reads workflow commands from stdout only.
        #expect(result.stdout.hasPrefix("::error file=app.yaml,line=1,col=7::invalid app name 'Shop'"))
        #expect(result.stderr.isEmpty)
    }

    @Test func costOnTheExamplePrintsTheSeedTotals() throws {
        let result = try runCLI(["cost"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("pulse-hub-web                    $5 "))
        #expect(result.stdout.contains("Total (if all deployed)          $37/month (estimated)"))
        #expect(result.stdout.contains("Current (verified running)       $5/month"))
        #expect(result.stdout.contains("Total with Superset budget mode  $30/month (estimated)"))
        let json = try runCLI(["cost", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let totals = object?["totals"] as? [String: Any]
        // Numbers as numbers: amounts in integer cents, instance counts as integers.
        #expect((totals?["if_all_deployed"] as? [String: Any])?["low_cents"] as? Int == 3700)
        #expect((totals?["current"] as? [String: Any])?["high_cents"] as? Int == 500)
        let apps = object?["apps"] as? [[String: Any]] ?? []
        let web = apps.first { $0["name"] as? String == "pulse-hub-web" }
        #expect((web?["monthly"] as? [String: Any])?["low_cents"] as? Int == 500)
        let component = (web?["components"] as? [[String: Any]])?.first
        #expect((component?["instances"] as? [String: Any])?["min"] as? Int == 1)
        #expect((component?["instances"] as? [String: Any])?["max"] as? Int == 1)
        #expect(json.stdout.range(of: #":\s*"[0-9][0-9.,]*""#, options: .regularExpression) == nil, "a number written as a string")
    }

    @Test func costOfASpecWithoutConfig() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name: shop\nservices:\n  - name: web\n    instance_size_slug: apps-s-1vcpu-1gb\n    instance_count: 2\n".write(
            to: folder.appending(path: "app.yaml"), atomically: true, encoding: .utf8)
        let result = try runCLI(["cost", "--format", "markdown", "app.yaml"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.contains("| shop | $24 | ❓ Unknown |"))
    }

    /// No env value of the fixtures or the corpus appears in anything the tool prints.
    @Test func noEnvValueInAnythingPrinted() throws {
        var files = [repositoryRoot.appending(path: "Tests/CartographKitTests/Fixtures/specs/secrets.yaml")]
        if let shared = sharedFolder {
            let corpus = shared.appending(path: "corpus")
            files += try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".yaml") }.map {
                corpus.appending(path: $0)
            }
        }
        for file in files {
            let bag = DiagnosticBag()
            let (spec, _) = SpecReader.read(try Data(contentsOf: file), path: file.lastPathComponent, diagnostics: bag)
            // A value that the spec also states outside its envs (the app's name, the repo
            // owner) is that other field's fact when printed, not a leak.
            let text = try String(contentsOf: file, encoding: .utf8)
            let elsewhere = text.split(separator: "\n").filter { !$0.contains("value:") }.joined(separator: "\n")
            let values = ((spec?.envs ?? []) + (spec?.components.flatMap(\.envs) ?? [])).compactMap(\.value)
                .filter { $0.count >= 8 && !elsewhere.contains($0) }
            guard !values.isEmpty else { continue }
            for command in [["check", file.path], ["cost", file.path], ["cost", "--format", "json", file.path]] {
                let result = try runCLI(command, environment: ["NO_COLOR": "1"])
                // Everything printed, the source lines quoted under diagnostics included.
                let said = result.stdout + result.stderr
                for value in values {
                    #expect(!said.contains(value), "a secret value of \(file.lastPathComponent) appears in `\(command[0])` output")
                }
            }
        }
    }
}

@Suite("Diagram command", .serialized)
struct DiagramCommandTests {
    @Test(arguments: [40, 66, 80, 120, 200])
    func everyLineHasTheRequestedWidth(_ width: Int) throws {
        for ascii in [false, true] {
            let result = try runCLI(["diagram", "--width", "\(width)"] + (ascii ? ["--ascii"] : []))
            #expect(result.status == 0)
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count > 20)
            #expect(lines.allSatisfy { DisplayWidth.of($0) == width })
            if ascii { #expect(result.stdout.unicodeScalars.allSatisfy { $0.isASCII }) }
        }
    }

    @Test func fromASpecFileAloneAndAsSVG() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name: shop\nservices:\n  - name: web\n".write(to: folder.appending(path: "app.yaml"), atomically: true, encoding: .utf8)
        let text = try runCLI(["diagram", "app.yaml"], in: folder)
        #expect(text.status == 0)
        #expect(text.stdout.split(separator: "\n").allSatisfy { DisplayWidth.of($0) == 80 })
        #expect(text.stdout.contains("shop"))
        let svg = try runCLI(["diagram", "--format", "svg", "app.yaml"], in: folder)
        #expect(svg.stdout.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let narrow = try runCLI(["diagram", "--width", "20"], in: folder)
        #expect(narrow.status == 64)
    }
}
