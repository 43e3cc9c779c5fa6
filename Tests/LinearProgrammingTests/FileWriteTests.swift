import Testing
import Foundation
import LinearProgramming
import TestSupport

extension Trait where Self == ConditionTrait {
    /// Runs the test only where GLPK's command-line solver is installed.
    static var requiresGlpsol: Self {
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/glpsol"), "needs /usr/bin/glpsol")
    }
}

/// A fresh, empty folder for one test, removed afterwards by the caller.
func makeScratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("lptests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs glpsol on a model file and returns the objective from its plain-text solution file
/// (`-w`, manual "glp_write_sol"): the line `s bas|mip m n pst dst obj` (LP) or
/// `s mip m n stat obj` (MIP) carries it last.
func glpsolObjective(arguments: [String], solution: URL) throws -> (status: Int32, objective: Double?) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/glpsol")
    process.arguments = arguments + ["-w", solution.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return (process.terminationStatus, nil) }
    let text = try String(contentsOf: solution, encoding: .utf8)
    for line in text.split(separator: "\n") where line.hasPrefix("s ") {
        let fields = line.split(separator: " ")
        return (0, fields.last.flatMap { Double($0) })
    }
    return (0, nil)
}

@Suite struct FileWriteTests {
    static let formats: [GLPKSolver.FileFormat] = [.freeMPS, .cplexLP]

    static func glpsolFlag(_ format: GLPKSolver.FileFormat) -> String {
        switch format {
        case .freeMPS: "--freemps"
        case .cplexLP: "--lp"
        }
    }

    /// Writes each hand-solved LP and the knapsack MIP, solves the file with glpsol and
    /// compares glpsol's objective with the hand optimum (objectives, not vertices: glpsol
    /// scales and presolves by default, see glpk-notes §6).
    @Test(.requiresGlpsol, arguments: formats)
    func glpsolSolvesTheWrittenModelToTheSameObjective(format: GLPKSolver.FileFormat) throws {
        let folder = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var cases = SpecialLPs.all.map { ($0.0, $0.1.model, $0.1.objective) }
        cases.append(("knapsack", SpecialMIPs.knapsack.model, SpecialMIPs.knapsack.objective))
        cases.append(("assignment", SpecialMIPs.assignment.model, SpecialMIPs.assignment.objective))
        for (name, model, expected) in cases {
            let file = folder.appendingPathComponent("\(name).\(format.rawValue)")
            try GLPKSolver.write(model, format: format, to: file.path)
            // MPS carries no objective sense: a maximisation is written negated as a minimisation
            // (and says so), so glpsol, run without --max, finds the negated optimum.
            let negated = format == .freeMPS && model.sense == .maximize
            if negated {
                let text = try String(contentsOf: file, encoding: .utf8)
                #expect(text.hasPrefix(GLPKSolver.negatedObjectiveNote), "\(name): no header comment")
            }
            let run = try glpsolObjective(arguments: [Self.glpsolFlag(format), file.path],
                                          solution: folder.appendingPathComponent("\(name).sol"))
            #expect(run.status == 0, "glpsol failed on \(name)")
            let objective = try #require(run.objective, "no objective for \(name)")
            // GLPK's CPLEX LP writer keeps an objective constant only as a comment
            // ("\\* constant term = … *\\"), and its reader rejects a constant term, so the
            // LP file's optimum lacks it; free MPS carries it as the objective row's RHS.
            var fileOptimum = format == .cplexLP ? expected - model.objectiveConstant : expected
            if negated { fileOptimum = -fileOptimum }
            #expect(objective.isApproximatelyEqual(to: fileOptimum, absoluteTolerance: 1e-6),
                    "\(name) (\(format)): glpsol \(objective), expected \(expected)")
        }
    }

    @Test(arguments: formats)
    func namesArePreservedAndNoTemporaryFileIsLeft(format: GLPKSolver.FileFormat) throws {
        let folder = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var model = SpecialLPs.mixedRows.model
        model.addVariable(name: "x_commune.42", upper: 1, objective: 1)
        let file = folder.appendingPathComponent("model.\(format.rawValue)")
        try GLPKSolver.write(model, format: format, to: file.path)

        let text = try String(contentsOf: file, encoding: .utf8)
        for name in ["x_commune.42", "spread", "floor", "total"] {
            #expect(text.contains(name), "\(name) missing from the \(format) file")
        }
        // Only the final file remains: the temporary file was renamed, not left behind.
        let contents = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(contents == ["model.\(format.rawValue)"])
    }

    @Test(arguments: formats)
    func overwritingReplacesTheFile(format: GLPKSolver.FileFormat) throws {
        let folder = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("model.\(format.rawValue)")
        try "old".write(to: file, atomically: false, encoding: .utf8)
        try GLPKSolver.write(SpecialLPs.wyndor.model, format: format, to: file.path)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("cap3"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 1)
    }

    @Test(arguments: formats)
    func writeToMissingDirectoryThrowsWriteFailed(format: GLPKSolver.FileFormat) throws {
        let folder = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("no/such/dir/model.\(format.rawValue)").path
        #expect {
            try GLPKSolver.write(SpecialLPs.wyndor.model, format: format, to: path)
        } throws: { error in
            guard case .writeFailed(let failedPath, _) = error as? LPError else { return false }
            return failedPath == path
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func unsafeOrDuplicateNamesAreRejectedOnWrite() throws {
        let folder = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("model.lp").path

        // Vietnamese display names are fine for solving but would be mangled by the writers.
        var vietnamese = LinearProgram(name: "vn")
        vietnamese.addVariable(name: "Xã Đồng Đăng", objective: 1)
        #expect(throws: LPError.self) { try GLPKSolver.write(vietnamese, format: .cplexLP, to: path) }
        #expect { try GLPKSolver.write(vietnamese, format: .cplexLP, to: path) } throws: { error in
            if case .invalidName(let name, _) = error as? LPError { return name == "Xã Đồng Đăng" }
            return false
        }
        let solved = try GLPKSolver.solve(vietnamese)
        #expect(solved.termination.reason == .optimal)

        for bad in ["a-b", "a b", "1abc", ".abc", "a[1]", "a+b", "a:b"] {
            var model = LinearProgram(name: "bad")
            model.addVariable(name: bad, objective: 1)
            #expect { try GLPKSolver.write(model, format: .freeMPS, to: path) } throws: { error in
                if case .invalidName = error as? LPError { return true }
                return false
            }
        }

        var unnamed = LinearProgram(name: "unnamed")
        unnamed.addVariable(name: "", objective: 1)
        #expect { try GLPKSolver.write(unnamed, format: .freeMPS, to: path) } throws: { error in
            if case .invalidName = error as? LPError { return true }
            return false
        }

        var duplicateColumns = LinearProgram(name: "dup")
        duplicateColumns.addVariable(name: "x")
        duplicateColumns.addVariable(name: "x")
        #expect(throws: LPError.duplicateName("x")) { try GLPKSolver.write(duplicateColumns, format: .cplexLP, to: path) }

        var duplicateRows = LinearProgram(name: "dup")
        let x = duplicateRows.addVariable(name: "x")
        duplicateRows.addConstraint(name: "r", terms: [LinearTerm(x, 1)], .lessOrEqual(1))
        duplicateRows.addConstraint(name: "r", terms: [LinearTerm(x, 1)], .greaterOrEqual(0))
        #expect(throws: LPError.duplicateName("r")) { try GLPKSolver.write(duplicateRows, format: .freeMPS, to: path) }

        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
