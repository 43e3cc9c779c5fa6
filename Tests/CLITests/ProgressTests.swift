import Foundation
import Synchronization
import Testing
import TestSupport
import Allocation
import LinearProgramming
import Reports
import Workflows
import ScenarioIO

/// Issue 9, item 7: long runs show progress on a terminal (and nowhere else), and an infeasible
/// run opens with the planner's sentence, not GLPK's codes.
@Suite struct ProgressTests {
    // MARK: The words (a pure function of the event and the elapsed time)

    @Test func eventsReadInEnglish() {
        func line(_ event: ProgressEvent, _ elapsed: Double = 12.34) -> String {
            ProgressText.line(event, elapsed: elapsed, language: .en)
        }
        #expect(line(.stage(.solve)) == "[12.3 s] Solving…")
        #expect(line(.stage(.tieBreak), 0.04) == "[0.0 s] Choosing the canonical plan among the optima…")
        let search = BranchAndCutProgress(incumbent: 4262.17, bestBound: 4300, relativeGap: 0.0089, openNodes: 35, seconds: 3)
        #expect(line(.branchAndCut(search)) == "[12.3 s] MIP: best 4,262.17 · bound 4,300.00 · gap 0.89% · 35 open nodes")
        let early = BranchAndCutProgress(incumbent: nil, bestBound: 5429384.456, relativeGap: nil, openNodes: 1, seconds: 1)
        #expect(line(.branchAndCut(early)) == "[12.3 s] MIP: no integer plan yet · bound 5,429,384.46 · 1 open node")
        let seventh = DecompositionProgress(round: 7, masterObjective: 1810, bound: 1812.5, relativeGap: 2.5 / 1810)
        #expect(line(.decomposition(seventh)) == "[12.3 s] Decomposed: round 7 · master 1,810.00 · bound 1,812.50 · gap 0.14%")
        let penalised = DecompositionProgress(round: 2, masterObjective: -8.2e10, bound: 4.4e10, relativeGap: 1.5, artificialsInUse: true)
        #expect(line(.decomposition(penalised)) == "[12.3 s] Decomposed: round 2 · finding a feasible master")
        #expect(ProgressText.line(.decomposition(seventh), stage: .tieBreak, elapsed: 1, language: .en)
                == "[1.0 s] Choosing the canonical plan among the optima: round 7")
        #expect(line(.diagnosis(.init(key: "rules.commune_floor", index: 3, count: 9)))
                == "[12.3 s] Diagnosis: relaxing rules.commune_floor (3 of 9)")
        #expect(line(.diagnosis(.init(key: "rules.commune_floor", index: 3, count: 9, resolve: 5)))
                == "[12.3 s] Diagnosis: relaxing rules.commune_floor (3 of 9, re-solve 5)")
        #expect(line(.sweepPoints(done: 4, count: 11)) == "[12.3 s] Sweep: 4 of 11 points done")
        #expect(line(.compareVariants(done: 1, count: 3)) == "[12.3 s] Compare: 1 of 3 variants done")
        #expect(line(.explainWhatIfs(done: 2, count: 5)) == "[12.3 s] Explain: 2 of 5 re-solves done")
    }

    @Test func eventsReadInVietnamese() {
        func line(_ event: ProgressEvent) -> String { ProgressText.line(event, elapsed: 61.25, language: .vi) }
        #expect(line(.stage(.diagnose)) == "[61,2 s] Đang chẩn đoán vì sao không có phương án…"
                || line(.stage(.diagnose)) == "[61,3 s] Đang chẩn đoán vì sao không có phương án…")
        let search = BranchAndCutProgress(incumbent: 4262.17, bestBound: 4300, relativeGap: 0.0089, openNodes: 35, seconds: 3)
        #expect(line(.branchAndCut(search)).hasSuffix("MIP: tốt nhất 4.262,17 · cận 4.300,00 · khoảng cách 0,89% · 35 nút mở"))
        let seventh = DecompositionProgress(round: 7, masterObjective: 1810, bound: 1812.5, relativeGap: 2.5 / 1810)
        #expect(line(.decomposition(seventh)).hasSuffix("Giải phân rã: vòng 7 · bài toán chủ 1.810,00 · cận 1.812,50 · khoảng cách 0,14%"))
        #expect(line(.diagnosis(.init(key: "rules.commune_floor", index: 3, count: 9))).hasSuffix("Chẩn đoán: thử nới rules.commune_floor (3/9)"))
        #expect(line(.sweepPoints(done: 4, count: 11)).hasSuffix("Quét: xong 4/11 điểm"))
        // Every stage has words in both languages, and they differ.
        for stage in ProgressStage.allCases {
            let vi = ProgressText.stageName(stage, language: .vi), en = ProgressText.stageName(stage, language: .en)
            #expect(!vi.isEmpty && !en.isEmpty && vi != en, "\(stage)")
        }
        #expect(ProgressText.redraw("abc") == "\rabc\u{1B}[K")
    }

    // MARK: Drawing and gating (no clock in the assertions)

    /// Collects what a display writes.
    final class Sink: Sendable {
        let text = Mutex("")
        func write(_ s: String) { text.withLock { $0 += s } }
        var value: String { text.withLock { $0 } }
    }

    @Test func displayRedrawsInPlaceAndEndsWithALineBreak() {
        let sink = Sink()
        // An hour between redraws: only the first non-stage event and every stage change are drawn.
        let display = ProgressDisplay(language: .en, minimumInterval: .seconds(3600)) { sink.write($0) }
        display.finish()
        #expect(sink.value == "", "nothing drawn, nothing to end")
        display.report(.stage(.solve))
        display.report(.sweepPoints(done: 1, count: 3))   // within the interval of the stage's draw: dropped
        display.report(.stage(.write))
        display.finish()
        let lines = sink.value.components(separatedBy: "\r").filter { !$0.isEmpty }
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix("Solving…\u{1B}[K"))
        #expect(lines[1].hasSuffix("Writing the outputs…\u{1B}[K\n"))
        #expect(!sink.value.contains("Sweep"))

        let every = Sink()
        let eager = ProgressDisplay(language: .en, minimumInterval: .zero) { every.write($0) }
        for k in 1...3 { eager.report(.sweepPoints(done: k, count: 3)) }
        eager.finish()
        #expect(every.value.components(separatedBy: "\r").filter { !$0.isEmpty }.count == 3)
        #expect(every.value.hasSuffix("3 of 3 points done\u{1B}[K\n"))
    }

    @Test func progressIsShownOnlyOnATerminalUnlessForced() {
        #expect(ProgressMode.auto.shows(standardErrorIsTerminal: true))
        #expect(!ProgressMode.auto.shows(standardErrorIsTerminal: false))
        #expect(ProgressMode.always.shows(standardErrorIsTerminal: false))
        #expect(!ProgressMode.never.shows(standardErrorIsTerminal: true))
    }

    @Test func pipedRunsHaveNoProgressAndForcedRunsDo() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        // The test captures standard error through a pipe: `auto` (the default) draws nothing.
        let piped = try CLITests.run(["solve", Repository.tinyScenario, "--out", out + "/a", "--lang", "en"])
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("\r") && !piped.stderr.contains("Solving"))
        let never = try CLITests.run(["solve", Repository.tinyScenario, "--out", out + "/n", "--lang", "en", "--progress", "never"])
        #expect(never.stderr.isEmpty)
        // Forced: the stages, in order, on one redrawn line, ended by a line break; stdout unchanged.
        let forced = try CLITests.run(["solve", Repository.tinyScenario, "--out", out + "/b", "--lang", "en", "--progress", "always"])
        #expect(forced.status == 0)
        let stages = ["Reading and checking the scenario…", "Building the model…", "Solving…",
                      "Computing the status quo…", "Writing the outputs…"]
        var rest = Substring(forced.stderr)
        for stage in stages {
            let range = try #require(rest.range(of: "\r[") , "\(stage)")
            rest = rest[range.lowerBound...]
            let found = try #require(rest.range(of: stage), "\(stage) missing or out of order in \(forced.stderr.debugDescription)")
            rest = rest[found.upperBound...]
        }
        #expect(forced.stderr.hasSuffix("\u{1B}[K\n"))
        #expect(forced.stdout.components(separatedBy: "\n").first == piped.stdout.components(separatedBy: "\n").first)
        #expect(!forced.stdout.contains("\r"))
    }

    @Test func aForcedSweepCountsItsPoints() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLITests.run(["sweep", Repository.tinyScenario, "--source", "central", "--from", "0.5", "--to", "1",
                                       "--steps", "3", "--out", out, "--lang", "vi", "--progress", "always"])
        #expect(result.status == 0, "\(result.stderr)")
        // Each point is reported as it finishes (the display keeps at most a few a second; the first always shows).
        #expect(result.stderr.contains("Quét: xong 0/3 điểm"))
        #expect(result.stderr.hasSuffix("\n"))
    }

    // MARK: Branch-and-cut publishes its progress

    @Test func branchAndCutPublishesIncumbentAndBound() throws {
        // max 5a + 4b + 3c + 7d + 6e, 2a + 3b + c + 4d + 3e ≤ 7, binaries. The optimum, by listing
        // the subsets that fit: {a, c, d} weighs 7 and is worth 15; {a, c, e} weighs 6 and is worth 14;
        // {c, d, e}: weight 8 does not fit. So 15.
        var model = LinearProgram(sense: .maximize)
        let values = [5.0, 4, 3, 7, 6], weights = [2.0, 3, 1, 4, 3]
        var x: [VariableID] = []
        for j in values.indices { x.append(model.addVariable(name: "x\(j)", lower: 0, upper: 1, kind: .binary, objective: values[j])) }
        _ = model.addConstraint(name: "w", terms: zip(x, weights).map { LinearTerm($0, $1) }, .lessOrEqual(7))
        let seen = Mutex<[BranchAndCutProgress]>([])
        var options = SolverOptions()
        options.progressInterval = 0
        options.progress = { event in
            if case .branchAndCut(let p) = event { seen.withLock { $0.append(p) } }
        }
        let result = try GLPKSolver.solve(model, options: options)
        #expect(result.objectiveValue.map { abs($0 - 15) < 1e-9 } == true)
        let events = seen.withLock { $0 }
        #expect(!events.isEmpty)
        for p in events {
            // An incumbent is a feasible plan (≤ 15); a bound is never below the optimum.
            if let incumbent = p.incumbent { #expect(incumbent <= 15 + 1e-9) }
            if let bound = p.bestBound { #expect(bound >= 15 - 1e-9) }
            #expect(p.seconds >= 0 && p.openNodes >= 0)
        }
        let incumbents = events.compactMap(\.incumbent)
        #expect(incumbents == incumbents.sorted(), "incumbents only improve")
    }

    @Test func theDiagnosisReportsEachRuleAndItsResolves() throws {
        let scenario = try ScenarioLoader.load(Repository.tinyScenario, overrides: [try ScenarioOverride(parsing: "rules.commune_floor=0.9")])
        let model = AllocationModel(scenario: scenario)
        let seen = Mutex<[InfeasibilityDiagnosis.Progress]>([])
        let diagnosis = try InfeasibilityDiagnosis(model: model) { step in seen.withLock { $0.append(step) } }
        let steps = seen.withLock { $0 }
        // Every rule the diagnosis lists was announced, numbered 1…n of n, in order.
        let rules = diagnosis.relaxations.count
        #expect(rules == 4)
        #expect(Set(steps.map(\.count)) == [rules])
        #expect(steps.map(\.index) == steps.map(\.index).sorted())
        #expect(Set(steps.map(\.index)) == Set(1...rules))
        #expect(Set(steps.map(\.key)) == Set(diagnosis.relaxations.map(\.key)))
        // The floor: its loosest value, then Newton steps on the least shortfall f(φ). At 0.9 both
        // communes fall short (f = 640, slope 2 × 1,000 of need): 0.9 − 640/2,000 = 0.58. There
        // only T02 does (f = 30, slope 1,000): 0.58 − 30/1,000 = 0.55, where f = 0. The floor sits
        // in a bound only, so f is convex and a feasible Newton point is the threshold: 3 re-solves.
        let floor = steps.filter { $0.key == "rules.commune_floor" }.map(\.resolve)
        #expect(floor == [1, 2, 3])
        let floorRelaxation = try #require(diagnosis.relaxations.first { $0.key == "rules.commune_floor" })
        #expect(abs((floorRelaxation.needed ?? 0) - 0.55) < 1e-9)
    }

    // MARK: The infeasible run's first line

    @Test func infeasibleRunOpensWithThePlannersSentence() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        // Floor 0.9: each commune needs 900 of its 1,000 funded, 1,800 in all; the money that can
        // reach them is central 1,000 + credit 100 + T02's people's cash 60 (T01 has none) = 1,160,
        // so 640 is missing. T01 can take 900 of central alone, so the whole shortfall falls on T02.
        let result = try CLITests.run(["solve", Repository.tinyScenario, "--out", out, "--set", "rules.commune_floor=0.9", "--lang", "en"])
        #expect(result.status == 1)
        let first = try #require(result.stdout.components(separatedBy: "\n").first)
        #expect(first.hasPrefix("The commune floor of 90.0% cannot be met: 1 commune falls short by 640.0 million VND in all (Xã Bình Minh (T02) 640.0). Enough on its own (any one): "))
        #expect(!first.contains("glp_"))
        // The floor's enough value is summary.json's, shown rounded toward looser (so it is enough too).
        let summary = try CLITests.json(out + "/summary.json")
        let relaxations = try #require(summary["infeasibility"] as? [[String: Any]])
        let needed = try #require(relaxations.first { $0["key"] as? String == "rules.commune_floor" }?["needed"] as? Double)
        // By hand: T02 ("other": state ≤ 80% and community ≥ 10% of each work) has 60 of people's
        // cash. w3 (production, 500) takes credit, so needs people 10% (50); w4/w5 have no credit, so
        // people cover the 20% non-state part: the last 10 of cash fund 50. T02 reaches at most
        // 550 (central has room: T01 550 + T02 390 ≤ 1,000), so φ = 0.55 exactly.
        #expect(abs(needed - 0.55) < 1e-9)
        // Rounded toward looser (down for a floor), a value within 1e-9 of a step kept as it is.
        let units = needed * 1000, nearest = units.rounded()
        let shown = String(format: "%.1f%%", (abs(units - nearest) < 1e-9 ? nearest : units.rounded(.down)) / 10)
        #expect(first.contains("commune floor \(shown) or less instead of 90.0% (rules.commune_floor)"), "\(first)")
        #expect(first.contains("local capacity raised by 640.0 million VND in all (sources.people (communes.csv column people_cash))"))
        // GLPK's codes come last (and stay in summary.json).
        let lines = result.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }
        let detail = try #require(lines.firstIndex { $0.hasPrefix("Solver detail (GLPK): infeasible: glp_simplex returned") })
        #expect(lines[(detail + 1)...].allSatisfy { $0.hasPrefix("Written: ") })
        #expect((summary["termination"] as? String)?.contains("glp_simplex") == true)

        // report.md opens its diagnosis with the same sentence.
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("## Why no feasible plan exists\n\n**" + first + "**\n\n"))

        let vi = try CLITests.run(["solve", Repository.tinyScenario, "--out", out + "/vi", "--set", "rules.commune_floor=0.9"])
        #expect(vi.stdout.hasPrefix("Không đạt được mức tối thiểu mỗi xã 90,0%: 1 xã thiếu tổng cộng 640,0 triệu đồng (Xã Bình Minh (T02) 640,0). Chỉ cần một trong các cách sau: "))
    }
}
