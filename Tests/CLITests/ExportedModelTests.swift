import Foundation
import Testing
import TestSupport
import Allocation
import ScenarioIO

/// `export-model --mps` is read correctly by other solvers: MPS has no objective sense and every
/// reader minimises, so the file holds the negated objective (said in its header) and its
/// minimum is minus the model's maximum. Checked with glpsol and with HiGHS (highspy from the
/// test venv made by scripts/test-venv.sh), on the tiny example (optimum 1,810, derived by hand
/// in scenarios/examples/tiny/README.md) and on the bundled Lạng Sơn scenario (optimum from a
/// solve through the library).
@Suite struct ExportedModelTests {
    /// The test venv's Python (nil when scripts/test-venv.sh has not been run).
    static let venvPython: String? = {
        let python = Repository.path(".venv-test/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python),
              (try? Repository.run(python, ["-c", "import highspy"]).status) == 0 else { return nil }
        return python
    }()

    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The minimum glpsol finds in a free MPS file (no --max: the file is a minimisation).
    static func glpsolMinimum(_ mps: String) throws -> Double {
        let solution = mps + ".sol"
        let run = try Repository.run(try #require(Repository.which("glpsol")), ["--freemps", mps, "-o", solution])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let report = try String(contentsOfFile: solution, encoding: .utf8)
        #expect(report.contains("(MINimum)"))
        return try #require(Repository.glpsolObjective(report), "no objective in glpsol's report")
    }

    /// The minimum HiGHS finds in the file.
    static func highsMinimum(_ mps: String, python: String) throws -> Double {
        let script = """
            import highspy, sys
            h = highspy.Highs()
            h.setOptionValue("output_flag", False)
            assert h.readModel(sys.argv[1]) != highspy.HighsStatus.kError
            h.run()
            print("status=" + h.modelStatusToString(h.getModelStatus()))
            print("objective=" + repr(h.getInfo().objective_function_value))
            """
        let run = try Repository.run(python, ["-c", script, mps])
        #expect(run.status == 0, "\(run.stderr)")
        // HiGHS prints its banner on standard output too: read the two tagged lines.
        func value(_ tag: String) -> String? {
            run.stdout.split(separator: "\n").first { $0.hasPrefix(tag + "=") }.map { String($0.dropFirst(tag.count + 1)) }
        }
        #expect(value("status") == "Optimal", "HiGHS: \(run.stdout)")
        return try #require(value("objective").flatMap(Double.init), "HiGHS printed \(run.stdout)")
    }

    static func export(_ scenario: String, to folder: String) throws -> String {
        let mps = folder + "/model.mps"
        let result = try CLITests.run(["export-model", scenario, "--mps", mps])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: mps, encoding: .utf8)
        #expect(text.hasPrefix("* NOTE (ntm-alloc): this model MAXIMISES"), "no header comment saying the objective is negated")
        return mps
    }

    @Test(.enabled(if: Repository.hasTool("glpsol"), "needs glpsol"), arguments: ["tiny", "langson"])
    func glpsolMinimisesTheNegatedObjective(_ name: String) throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scenario = name == "tiny" ? Repository.tinyScenario : Repository.langSonScenario
        let optimum = name == "tiny" ? 1810 : try #require(try AllocationModel(scenario: ScenarioLoader.load(scenario)).solve().objective)
        let minimum = try Self.glpsolMinimum(try Self.export(scenario, to: folder))
        #expect(abs(minimum + optimum) <= 1e-6 * max(1, optimum), "glpsol \(minimum), expected \(-optimum)")
    }

    /// Skipped only when the venv is missing outside CI; in CI (CI=true) a missing venv fails.
    @Test(arguments: ["tiny", "langson"])
    func highsMinimisesTheNegatedObjective(_ name: String) throws {
        guard let python = Self.venvPython else {
            if Self.inCI { Issue.record("CI=true but .venv-test with highspy is missing: run scripts/test-venv.sh") }
            return
        }
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scenario = name == "tiny" ? Repository.tinyScenario : Repository.langSonScenario
        let optimum = name == "tiny" ? 1810 : try #require(try AllocationModel(scenario: ScenarioLoader.load(scenario)).solve().objective)
        let minimum = try Self.highsMinimum(try Self.export(scenario, to: folder), python: python)
        #expect(abs(minimum + optimum) <= 1e-6 * max(1, optimum), "HiGHS \(minimum), expected \(-optimum)")
    }
}
