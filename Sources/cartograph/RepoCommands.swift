import ArgumentParser
import CartographInput
import CartographKit
import CartographModel
import CartographRender
import Foundation

/// `cartograph init [DIR]`.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        abstract: "Manage the git pre-commit hook that runs `cartograph check`.", subcommands: [Install.self])

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write .git/hooks/pre-commit so commits with a stale map or a broken spec are refused.")

        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            let folder = workspace.root
            guard let top = git(["rev-parse", "--show-toplevel"], in: folder),
                let hooks = git(["rev-parse", "--git-path", "hooks"], in: folder)
            else {
                Terminal.err("error: \(folder.path) is not in a git repository\n")
                throw ExitCode(1)
            }
            let hooksURL = hooks.hasPrefix("/") ? URL(filePath: hooks) : folder.appending(path: hooks)
            let topPath = URL(filePath: top).standardizedFileURL.resolvingSymlinksInPath().path
            let here = folder.standardizedFileURL.resolvingSymlinksInPath().path
            let relative = here.hasPrefix(topPath) ? String(here.dropFirst(topPath.count)).trimmingCharacters(in: ["/"]) : ""
            let executable = Bundle.main.executableURL?.standardizedFileURL.path ?? "cartograph"
            do {
                let hook = try HookInstaller.install(hooksFolder: hooksURL, executable: executable, configFolder: relative)
                Terminal.out("installed \(hook.path): commits now run `cartograph check`\n")
            } catch {
                Terminal.err("error: \(error)\n")
                throw ExitCode(1)
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
