import ArgumentParser
import CartographKit
import CartographModel
import CartographRender
import Foundation

/// `cartograph diff [BASE] [HEAD]`.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract:
            "Compare the map of two revisions (default: HEAD and the working tree) or two folders: apps, components and monthly cost.",
        discussion: """
            BASE and HEAD are git revisions, or folders holding a cartograph.yaml. With --fail-above or \
            --fail-increase the command exits 1 when the monthly total (the upper bound of a range) crosses the limit.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Output format: text, markdown (a pull-request comment) or json (amounts in cents).")
    var format: String = "text"

    @Option(help: ArgumentHelp("Exit 1 when the monthly total after the change is above AMOUNT dollars.", valueName: "AMOUNT"))
    var failAbove: String?

    @Option(
        help: ArgumentHelp(
            "Exit 1 when the monthly total rises by more than AMOUNT dollars, or N% with a percent sign.", valueName: "AMOUNT|N%")
    )
    var failIncrease: String?

    @Argument(help: "The revision or folder before the change (default: HEAD).")
    var base: String?

    @Argument(help: "The revision or folder after the change (default: the working tree).")
    var head: String?

    func validate() throws {
        guard DiffReport.Format(rawValue: format) != nil else { throw ValidationError("--format must be text, markdown or json") }
        if let failAbove, Money(parsing: failAbove) == nil {
            throw ValidationError("--fail-above must be an amount in dollars, such as 50 or 49.99")
        }
        if let failIncrease, DiffCommand.Increase(parsing: failIncrease) == nil {
            throw ValidationError("--fail-increase must be an amount in dollars (such as 5) or a percentage (such as 10%)")
        }
    }

    func run() throws {
        let here = URL.currentDirectory()
        // Two folders compare as they are; otherwise the project is found as every command finds it.
        let baseSide = DiffCommand.Side.parse(base ?? "HEAD", relativeTo: here)
        let headSide = DiffCommand.Side.parse(head, relativeTo: here)
        let root: URL
        if case .folder = baseSide, case .folder = headSide { root = workspace.root } else { root = try workspace.project() }
        let command = DiffCommand(
            root: root, configFile: workspace.config, base: baseSide, head: headSide, format: DiffReport.Format(rawValue: format) ?? .text,
            failAbove: failAbove.flatMap(Money.init(parsing:)), failIncrease: failIncrease.flatMap(DiffCommand.Increase.init(parsing:)),
            failAboveText: failAbove, failIncreaseText: failIncrease, color: Terminal.stderrColor)
        let status = command.run(stdout: Terminal.out, stderr: Terminal.err)
        if status != 0 { throw ExitCode(status) }
    }
}
