import ArgumentParser
import Foundation
import LinearProgramming

/// The `ntm-alloc` command: integrate (lồng ghép) NTM funding sources across communes.
@main
struct NTMAlloc: ParsableCommand {
    static let version = "0.1.0"

    /// The tool's help: in Vietnamese with `--lang vi` or `NTM_ALLOC_LANG=vi` (the abstract and
    /// the discussion with the exit codes; the options' help stays English).
    static var configuration: CommandConfiguration {
        let vi = MessageLanguage.isVietnamese
        return CommandConfiguration(
        commandName: "ntm-alloc",
        abstract: vi ? "Lồng ghép và phân bổ các nguồn vốn xây dựng nông thôn mới cho các xã và công trình."
                     : "Pool and split New Rural Development (Nông thôn mới) funds across communes and works.",
        discussion: vi ? """
        Một kịch bản (YAML + communes.csv + works.csv) mô tả các xã, các công trình đề xuất, các nguồn
        vốn và các quy định. ntm-alloc dựng bài toán quy hoạch tuyến tính (hoặc nguyên hỗn hợp) và giải
        bằng GLPK \(GLPKSolver.version). Đơn vị tiền: triệu đồng.

        Mã thoát: 0 giải xong, 1 không khả thi hoặc không bị chặn, 2 dữ liệu đầu vào hoặc dòng lệnh sai,
        3 không ghi được kết quả (cả khi đầy đĩa, thư mục kết quả đang bị một lần chạy khác khóa, không ghi
        được đầu ra chuẩn), 130/143 bị dừng bởi SIGINT/SIGTERM.
        """ : """
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
    }

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
