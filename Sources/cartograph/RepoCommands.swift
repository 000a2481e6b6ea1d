import ArgumentParser
import CartographInput
import CartographKit
import CartographModel
import CartographRender
import Foundation

/// `cartograph init [DIR]`.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a map: write cartograph.yaml (from the specs and status file found) and a pages folder.")

    @Argument(help: "The folder to start the map in (default: the current folder).")
    var directory: String?

    @Flag(help: "Also copy the default templates into templates/ to customise.")
    var templates = false

    func run() throws {
        let folder = URL(filePath: directory ?? FileManager.default.currentDirectoryPath, directoryHint: .isDirectory)
        let status = InitCommand(folder: folder, copyTemplates: templates).run(stdout: Terminal.out, stderr: Terminal.err)
        if status != 0 { throw ExitCode(status) }
    }
}

/// `cartograph hook install`.
struct Hook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Manage the git pre-commit hook that runs `cartograph check`.", subcommands: [Install.self])

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract: "Write .git/hooks/pre-commit so commits with a stale map or a broken spec are refused.",
            discussion: "The hook runs the `cartograph` on PATH (or --executable) with this -C and --config.")

        @OptionGroup var workspace: WorkspaceOptions

        @Option(help: "The cartograph the hook runs (default: the `cartograph` on PATH when the hook runs).")
        var executable: String?

        func run() throws {
            let folder = try workspace.project().absoluteURL
            guard let top = git(["rev-parse", "--show-toplevel"], in: folder),
                let hooks = git(["rev-parse", "--git-path", "hooks"], in: folder)
            else {
                Terminal.err("error: \(folder.path) is not in a git repository\n")
                throw ExitCode(1)
            }
            let hooksURL = hooks.hasPrefix("/") ? URL(filePath: hooks) : folder.appending(path: hooks)
            let topPath = Self.realPath(URL(filePath: top))
            guard var relative = Self.relative(Self.realPath(folder), to: topPath) else {
                Terminal.err("error: \(folder.path) is outside the repository at \(top)\n")
                throw ExitCode(1)
            }
            var configFile = workspace.config
            if let config = workspace.config {
                let url = URL(filePath: config, relativeTo: folder).standardizedFileURL
                guard FileManager.default.fileExists(atPath: url.path) else {
                    Terminal.err("error: config file '\(config)' does not exist\n")
                    throw ExitCode(1)
                }
                if config.hasPrefix("/") {
                    // The hook runs in every clone: an absolute path becomes one from the top.
                    guard let fromTop = Self.relative(Self.realPath(url), to: topPath) else {
                        Terminal.err("error: config file '\(config)' is outside the repository at \(top)\n")
                        throw ExitCode(1)
                    }
                    relative = ""
                    configFile = fromTop
                }
            }
            var program: String?
            if let executable {
                let url = URL(filePath: executable, relativeTo: URL.currentDirectory()).standardizedFileURL
                guard FileManager.default.isExecutableFile(atPath: url.path) else {
                    Terminal.err("error: --executable '\(executable)' is not an executable file\n")
                    throw ExitCode(1)
                }
                program = url.path
            } else if !Self.onPath("cartograph") {
                Terminal.err(
                    "warning: no cartograph on PATH: the hook refuses commits until there is one (or install it again with --executable PATH)\n"
                )
            }
            do {
                let arguments = HookInstaller.checkArguments(folder: relative, configFile: configFile)
                let hook = try HookInstaller.install(hooksFolder: hooksURL, executable: program, arguments: arguments)
                let shown = ((relative.isEmpty ? [] : ["-C", relative]) + (configFile.map { ["--config", $0] } ?? [])).joined(
                    separator: " ")
                Terminal.out("installed \(hook.path): commits now run `cartograph check --staged\(shown.isEmpty ? "" : " " + shown)`\n")
            } catch {
                Terminal.err("error: \(error)\n")
                throw ExitCode(1)
            }
        }

        static func realPath(_ url: URL) -> String {
            url.absoluteURL.standardizedFileURL.resolvingSymlinksInPath().path
        }

        /// `path` relative to `folder` ("" for the folder itself), or nil when it is outside.
        static func relative(_ path: String, to folder: String) -> String? {
            if path == folder { return "" }
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
        }

        static func onPath(_ program: String) -> Bool {
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
                FileManager.default.isExecutableFile(atPath: URL(filePath: String($0)).appending(path: program).path)
            }
        }

        func git(_ arguments: [String], in folder: URL) -> String? {
            let process = Process()
            process.executableURL = URL(filePath: "/usr/bin/env")
            process.arguments = ["git"] + arguments
            process.currentDirectoryURL = folder
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return nil }
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return nil }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
