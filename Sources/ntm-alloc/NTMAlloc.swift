import ArgumentParser
import Foundation
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

        Exit codes: 0 solved, 1 infeasible or unbounded, 2 bad input or command line, 3 output not written
        (also: disk full, output folder locked by another run, standard output failed), 130/143 stopped
        by SIGINT/SIGTERM.
        """,
        version: "ntm-alloc \(version) (GLPK \(GLPKSolver.version))",
        subcommands: [SolveCommand.self, CompareCommand.self, SweepCommand.self, ExplainCommand.self, BaselineCommand.self,
                      ValidateCommand.self, ExportModelCommand.self],
        defaultSubcommand: nil
    )

    /// Runs the command, with command-line errors exiting 2 like any other bad input.
    ///
    /// ArgumentParser's own `main` exits 64 (`EX_USAGE`) for an unknown option, a missing
    /// or unreadable value, and a `validate()` failure; the tool documents one code for bad
    /// input, 2. Help and `--version` still exit 0, and every other error keeps its code.
    /// The signal and standard-output guards are installed before anything else runs.
    static func main() {
        SignalGuard.install()
        StandardOutputGuard.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// The exit code for `error`: ArgumentParser's, except usage errors (64), which become 2.
    static func exitCodeForError(_ error: Error) -> ExitCode {
        let code = exitCode(for: error)
        return code == .validationFailure ? ExitCode(2) : code
    }

    /// Prints `error` as ArgumentParser would (help to standard output, errors with the usage
    /// to standard error) and exits with `exitCodeForError`.
    static func exit(withError error: Error) -> Never {
        let code = exitCodeForError(error)
        let text = fullMessage(for: error)
        if !text.isEmpty {
            if code == .success {
                print(text)
            } else {
                printError(text)
            }
        }
        Foundation.exit(code.rawValue)
    }
}
