// lp-layer-bench: how much the Swift layer adds around GLPK, measured against glpsol.
//
// The model: a seeded random covering LP (default) or packing LP
//
//     min  Σ_j c_j x_j                       max  Σ_j c_j x_j
//     s.t. Σ_j a_ij x_j ≥ b_i   (covering)   s.t. Σ_j a_ij x_j ≤ b_i   (packing)
//          0 ≤ x_j ≤ u_j
//
// with `nnzPerColumn` distinct random rows per column, c_j, a_ij ∈ [1, 10], u_j ∈ [1, 5], and
// b_i = fill × Σ_j a_ij u_j (fill < 1), so x = u (covering) or x = 0 (packing) is feasible and
// the bounds keep it bounded: there is an optimum.
//
// Per repetition it times (1) building the LinearProgram from plain arrays, (2) loading it
// into GLPK (SolveResult.loadSeconds, includes glp_scale_prob), (3) solving (solveSeconds),
// then writes the same model as free MPS and times `glpsol` on it with matching options:
// the same simplex (default dual: `--dual`, GLP_DUALP in both), scaling on (glpsol's
// default, GLP_SF_AUTO in the layer), presolver off (`--nopresol`), `--min` given explicitly
// since MPS has no sense (a maximisation is written negated, and its optimum read back negated). Both objectives must agree to 1e-6 relative.
import Foundation
import LinearProgramming

struct Config {
    // Defaults: 50,000 × 20 = 1,000,000 non-zeros; tuned so that GLPK's dual simplex needs
    // about 20 s on the machine in benchmarks/README.md (10 nnz per column over 100,000
    // columns took ~50 s: the iteration count grows with the number of columns).
    var columns = 50_000
    var rows = 500
    var nnzPerColumn = 20
    var fill = 0.02
    var seed: UInt64 = 20_240_611
    var repetitions = 1
    var glpsol = "/usr/bin/glpsol"
    var keepFile = false
    var shape = Shape.covering
    var method = SolverOptions.Method.dualSimplex

    enum Shape: String { case packing, covering }

    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            func value() -> String {
                guard let v = iterator.next() else { fatalError("missing value after \(flag)") }
                return v
            }
            switch flag {
            case "--columns": columns = Int(value())!
            case "--rows": rows = Int(value())!
            case "--nnz-per-column": nnzPerColumn = Int(value())!
            case "--fill": fill = Double(value())!
            case "--seed": seed = UInt64(value())!
            case "--repetitions": repetitions = Int(value())!
            case "--glpsol": glpsol = value()
            case "--keep-file": keepFile = true
            case "--shape": shape = Shape(rawValue: value())!
            case "--method": method = SolverOptions.Method(rawValue: value())!
            case "-h", "--help":
                print("usage: lp-layer-bench [--columns N] [--rows M] [--nnz-per-column K] [--fill F] [--seed S] [--repetitions R] [--glpsol PATH] [--keep-file] [--shape covering|packing] [--method dual|primal]")
                exit(0)
            default: fatalError("unknown argument \(flag)")
            }
        }
        precondition(nnzPerColumn <= rows, "need nnz-per-column ≤ rows")
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): seeded and identical on every platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * Double(next() >> 11) * 0x1p-53
    }
}

/// The random data, as plain arrays (generating it is not part of any timing).
struct PackingData {
    var cost: [Double], upper: [Double], capacity: [Double]
    /// Per row: (column, coefficient), columns increasing.
    var rowColumns: [[Int]], rowValues: [[Double]]
    var shape: Config.Shape

    init(_ config: Config) {
        shape = config.shape
        var rng = SplitMix64(seed: config.seed)
        let n = config.columns, m = config.rows
        cost = (0..<n).map { _ in rng.uniform(1...10).rounded(toPlaces: 3) }
        upper = (0..<n).map { _ in rng.uniform(1...5).rounded(toPlaces: 3) }
        rowColumns = Array(repeating: [], count: m)
        rowValues = Array(repeating: [], count: m)
        for i in 0..<m {
            rowColumns[i].reserveCapacity(n * config.nnzPerColumn / m + 8)
            rowValues[i].reserveCapacity(n * config.nnzPerColumn / m + 8)
        }
        var chosen = Set<Int>()
        var load = [Double](repeating: 0, count: m)
        for j in 0..<n {
            chosen.removeAll(keepingCapacity: true)
            while chosen.count < config.nnzPerColumn {
                chosen.insert(Int(rng.next() % UInt64(m)))
            }
            // Sorted: Set order depends on the per-process hash seed, and the model must not.
            for i in chosen.sorted() {
                let a = rng.uniform(1...10).rounded(toPlaces: 3)
                rowColumns[i].append(j)
                rowValues[i].append(a)
                load[i] += a * upper[j]
            }
        }
        capacity = load.map { ($0 * config.fill).rounded(toPlaces: 3) }
    }
}

extension Double {
    /// Rounded to a few decimals, so that the MPS file (GLPK writes 12 significant digits)
    /// holds exactly the model that GLPK solved in memory.
    func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}

func buildModel(_ data: PackingData) -> LinearProgram {
    let covering = data.shape == .covering
    var model = LinearProgram(name: data.shape.rawValue, sense: covering ? .minimize : .maximize)
    let nnz = data.rowValues.reduce(0) { $0 + $1.count }
    model.reserveCapacity(variables: data.cost.count, constraints: data.capacity.count, nonZeros: nnz)
    var ids: [VariableID] = []
    ids.reserveCapacity(data.cost.count)
    for j in data.cost.indices {
        ids.append(model.addVariable(name: "x\(j)", lower: 0, upper: data.upper[j], objective: data.cost[j]))
    }
    var terms: [LinearTerm] = []
    for i in data.capacity.indices {
        terms.removeAll(keepingCapacity: true)
        for (column, value) in zip(data.rowColumns[i], data.rowValues[i]) {
            terms.append(LinearTerm(ids[column], value))
        }
        model.addConstraint(name: "r\(i)", terms: terms,
                            covering ? .greaterOrEqual(data.capacity[i]) : .lessOrEqual(data.capacity[i]))
    }
    return model
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

struct GlpsolRun { var wallSeconds: Double; var objective: Double }

/// Runs glpsol on the MPS file and reads the objective from its plain-text solution file
/// (`-w`): the line starting with `s` ends with the objective value.
/// The layer writes a maximisation as the minimisation of the negated objective (MPS has no
/// sense), so glpsol always minimises and a maximisation's objective is read back negated.
func glpsolArguments(_ config: Config, mps: String) -> [String] {
    ["--freemps", mps, "--min", config.method == .dualSimplex ? "--dual" : "--primal", "--nopresol"]
}

func runGlpsol(_ config: Config, mps: String, solution: String) throws -> GlpsolRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: config.glpsol)
    process.arguments = glpsolArguments(config, mps: mps) + ["-w", solution]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let clock = ContinuousClock()
    let start = clock.now
    try process.run()
    process.waitUntilExit()
    let wall = seconds(start.duration(to: clock.now))
    guard process.terminationStatus == 0 else { throw BenchError("glpsol exited with \(process.terminationStatus)") }
    let text = try String(contentsOfFile: solution, encoding: .utf8)
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("s ") }),
          let objective = line.split(separator: " ").last.flatMap({ Double($0) })
    else { throw BenchError("no objective in glpsol's solution file") }
    return GlpsolRun(wallSeconds: wall, objective: config.shape == .covering ? objective : -objective)
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct Repetition {
    var build, load, solve, write, glpsol: Double
    var objective, glpsolObjective: Double
    var iterations: Int
    var overhead: Double { (build + load) / solve }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

func format(_ x: Double) -> String { String(format: "%8.3f", x) }

func main() throws {
    let config = Config(arguments: CommandLine.arguments)
    let data = PackingData(config)
    let nnz = data.rowValues.reduce(0) { $0 + $1.count }
    print("lp-layer-bench: GLPK \(GLPKSolver.version), \(config.shape) LP, \(config.rows) rows × \(config.columns) columns, "
          + "\(nnz) non-zeros, seed \(config.seed), fill \(config.fill)")
    print("layer: \(config.method) simplex, scaling on, presolve off; glpsol \(glpsolArguments(config, mps: "FILE").joined(separator: " ")) (scaling: its default)")

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lp-layer-bench-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { if !config.keepFile { try? FileManager.default.removeItem(at: folder) } }
    let mps = folder.appendingPathComponent("model.mps").path
    let solution = folder.appendingPathComponent("model.sol").path

    let clock = ContinuousClock()
    var repetitions: [Repetition] = []
    for _ in 0..<config.repetitions {
        let buildStart = clock.now
        let model = buildModel(data)
        let build = seconds(buildStart.duration(to: clock.now))

        let result = try GLPKSolver.solve(model, options: SolverOptions(method: config.method))
        guard result.termination.reason == .optimal, let objective = result.objectiveValue else {
            throw BenchError("the layer did not reach an optimum: \(result.termination)")
        }

        let writeStart = clock.now
        try GLPKSolver.write(model, format: .freeMPS, to: mps)
        let write = seconds(writeStart.duration(to: clock.now))
        let glpsol = try runGlpsol(config, mps: mps, solution: solution)

        let relative = abs(objective - glpsol.objective) / max(1, abs(objective))
        guard relative <= 1e-6 else {
            throw BenchError("objectives differ: layer \(objective), glpsol \(glpsol.objective) (relative \(relative))")
        }
        let rep = Repetition(build: build, load: result.loadSeconds, solve: result.solveSeconds, write: write,
                             glpsol: glpsol.wallSeconds, objective: objective, glpsolObjective: glpsol.objective,
                             iterations: result.iterations)
        repetitions.append(rep)
        print("rep \(repetitions.count): build \(format(build)) s  load \(format(rep.load)) s  solve \(format(rep.solve)) s  "
              + "write MPS \(format(write)) s  glpsol \(format(rep.glpsol)) s  iterations \(rep.iterations)  "
              + "objective \(objective) (glpsol \(glpsol.objective))")
    }

    let build = median(repetitions.map(\.build)), load = median(repetitions.map(\.load))
    let solve = median(repetitions.map(\.solve)), write = median(repetitions.map(\.write))
    let glpsol = median(repetitions.map(\.glpsol))
    let layerTotal = median(repetitions.map { $0.build + $0.load + $0.solve })
    print("")
    print("median of \(repetitions.count) repetition(s)")
    print("| step                                  | seconds  | × glpsol wall |")
    print("|---------------------------------------|----------|---------------|")
    print("| (1) build LinearProgram (Swift)       | \(format(build)) | \(String(format: "%13.4f", build / glpsol)) |")
    print("| (2) load into GLPK (+ scaling)        | \(format(load)) | \(String(format: "%13.4f", load / glpsol)) |")
    print("| (3) solve (GLPKSolver)                | \(format(solve)) | \(String(format: "%13.4f", solve / glpsol)) |")
    print("| layer total (1)+(2)+(3)               | \(format(layerTotal)) | \(String(format: "%13.4f", layerTotal / glpsol)) |")
    print("| write free MPS (GLPKSolver.write)     | \(format(write)) | \(String(format: "%13.4f", write / glpsol)) |")
    print("| glpsol wall (read MPS + solve)        | \(format(glpsol)) | \(String(format: "%13.4f", 1.0)) |")
    print("")
    print("(build + load) / solve = \(String(format: "%.4f", (build + load) / solve))")
    print("objectives agree to 1e-6 relative in every repetition: \(repetitions[0].objective)")
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("lp-layer-bench: \(error)\n".utf8))
    exit(1)
}
