import ArgumentParser
import LinearProgramming

/// The `ntm-alloc` command: integrate (lồng ghép) NTM funding sources across communes.
@main
struct NTMAlloc: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "ntm-alloc",
        abstract: "Pool and split New Rural Development (Nông thôn mới) funds across communes and works.",
        discussion: """
        A scenario (YAML + communes.csv + works.csv) describes the communes, their candidate works,
        the funding sources and the rules. ntm-alloc builds a linear (or mixed-integer) program and
        solves it with GLPK \(GLPKSolver.version). Money is in million VND.

        Exit codes: 0 solved, 1 infeasible or unbounded, 2 bad input, 3 output not written (also: disk full,
        output folder locked by another run, standard output failed), 130/143 stopped by SIGINT/SIGTERM.
        """,
        version: "ntm-alloc \(version) (GLPK \(GLPKSolver.version))",
        subcommands: [SolveCommand.self, CompareCommand.self, SweepCommand.self, ExplainCommand.self, BaselineCommand.self,
                      ValidateCommand.self, ExportModelCommand.self],
        defaultSubcommand: nil
    )

    /// Installs the signal and standard-output guards before anything else runs, then parses
    /// and runs the command.
    static func main() {
        SignalGuard.install()
        StandardOutputGuard.install()
        main(nil)
    }
}
