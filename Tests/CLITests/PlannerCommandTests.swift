import Foundation
import Testing
import CSV
import TestSupport
import Allocation
import ScenarioIO

/// The planner commands on the tiny example, whose numbers are derived by hand in
/// scenarios/examples/tiny/README.md (objective 1,810; central's shadow price 1.0 …), and
/// checked against second, independent solves through the library.
@Suite struct PlannerCommandTests {
    static func run(_ arguments: [String]) throws -> Repository.ProcessOutput { try CLITests.run(arguments) }

    /// Reads a CSV with CSV.swift; the file must start with the UTF-8 byte-order mark (for
    /// Excel) and every row must have as many cells as the header.
    static func table(_ path: String) throws -> (header: [String], rows: [[String]]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(path) does not start with a UTF-8 byte-order mark")
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        let header = reader.headerRow ?? []
        var rows: [[String]] = []
        while let row = reader.next() {
            #expect(row.count == header.count, "\(path): a row has \(row.count) cells, the header \(header.count)")
            rows.append(row)
        }
        return (header, rows)
    }

    static func objective(_ scenario: Scenario) throws -> Double {
        try #require(try AllocationModel(scenario: scenario).solve().objective)
    }

    @Test func compareSolvesEveryVariantAndShowsGainsAndLosses() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        // Base 1,810; with central = 1,500 the extra 500 funds the rest of w2 (390 at 1.0 per
        // million), then replaces 50 of credit in w3 (up to w3's state cap 400), saving its cost
        // 0.1·50 = 5; w4 and w5 cannot take more (T02's cash is exhausted): 2,205, central used 1,440.
        let result = try Self.run(["compare", Repository.tinyScenario, "--variant", "rich:sources.central.budget=1500",
                                   "--out", out, "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        let csv = try Self.table(out + "/compare.csv")
        #expect(csv.header == ["metric", "scenario", "rich"])
        let objective = try #require(csv.rows.first { $0[0] == "objective" })
        #expect(abs((Double(objective[1]) ?? 0) - 1810) < 1e-4)
        #expect(abs((Double(objective[2]) ?? 0) - 2205) < 1e-4)
        // A second solve through the library gives the same numbers.
        let scenario = try ScenarioLoader.load(Repository.tinyScenario)
        let rich = ScenarioParameter.budget(source: 0).setting(1500, in: scenario)
        #expect(abs((Double(objective[2]) ?? 0) - (try Self.objective(rich))) < 1e-4)
        let used = try #require(csv.rows.first { $0[0] == "used_central" })
        #expect(used[1] == "1000" && used[2] == "1440")
        // T01 (Xã Tân An) gains the 390 of w2; T02 does not change.
        let communes = try Self.table(out + "/compare-communes.csv")
        let t01 = try #require(communes.rows.first { $0[1] == "T01" })
        #expect(abs((Double(t01[5]) ?? 0) - (Double(t01[3]) ?? 0) - 390) < 1e-4)
        let md = try String(contentsOfFile: out + "/compare.md", encoding: .utf8)
        #expect(md.contains("Xã Tân An (T01)") && md.contains("Largest gains"))
    }

    @Test func compareNeedsTwoVariants() throws {
        let result = try Self.run(["compare", Repository.tinyScenario, "--out", Repository.temporaryFolder()])
        #expect(result.status == 2)
        #expect(result.stderr.contains("at least two"))
    }

    @Test func sweepMatchesHandComputedCurveAndSecondSolves() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Self.run(["sweep", Repository.tinyScenario, "--source", "central", "--from", "0.5", "--to", "1.5",
                                   "--steps", "3", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let csv = try Self.table(out + "/sweep.csv")
        #expect(Array(csv.header.prefix(1)) == ["budget"])
        for column in ["objective", "funded_share", "target_communes_reaching_standard", "shadow_price"] {
            #expect(csv.header.contains(column))
        }
        let col = { (name: String) in csv.header.firstIndex(of: name)! }
        // Hand: B = 500 — w1 (2.0 per million) takes 400; w3 is then funded in part with all the
        // "free" money it may take (100 credit, 60 cash) plus the last 100 of central: F = 260
        // (central 100 ≤ 0.8·260), value 1.5·260 − 0.1·100 = 380; total 1,180, and the marginal
        // million of central goes to w3 at 1.5. B = 1,000 — the README's optimum: 1,810, price 1.0.
        // B = 1,500 — 2,205 (see compare above), central no longer used up: price 0.
        let expected: [(Double, Double, Double)] = [(500, 1180, 1.5), (1000, 1810, 1), (1500, 2205, 0)]
        let scenario = try ScenarioLoader.load(Repository.tinyScenario)
        for (row, (budget, objective, price)) in zip(csv.rows, expected) {
            #expect(abs((Double(row[col("budget")]) ?? 0) - budget) < 1e-6)
            #expect(abs((Double(row[col("objective")]) ?? 0) - objective) < 1e-4, "objective at \(budget)")
            #expect(abs((Double(row[col("shadow_price")]) ?? -1) - price) < 1e-6, "price at \(budget)")
            let second = try Self.objective(ScenarioParameter.budget(source: 0).setting(budget, in: scenario))
            #expect(abs((Double(row[col("objective")]) ?? 0) - second) < 1e-4)
        }
        let svg = try String(contentsOfFile: out + "/sweep.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.contains("<polyline") && svg.contains("#d62728"))
    }

    @Test func sweepRejectsBadTargets() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let unknown = try Self.run(["sweep", Repository.tinyScenario, "--source", "nope", "--from", "0.5", "--to", "1", "--out", out])
        #expect(unknown.status == 2 && unknown.stderr.contains("nope"))
        let local = try Self.run(["sweep", Repository.tinyScenario, "--source", "people", "--from", "0.5", "--to", "1", "--out", out])
        #expect(local.status == 2)
        let both = try Self.run(["sweep", Repository.tinyScenario, "--source", "central", "--all-state", "--from", "0.5", "--to", "1"])
        #expect(both.status != 0)
    }

    @Test func explainPricesSourcesAndRules() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Self.run(["explain", Repository.tinyScenario, "--out", out, "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: out + "/explain.md", encoding: .utf8)
        // Central: 1.0 per million while w2 is the marginal work, i.e. for budgets from 790
        // (w2 at 0) to 1,390 (w2 full); +1 billion adds 390 in w2 plus 5 of credit cost saved in w3.
        #expect(text.contains("`central`): each extra million adds 1.000 units of value, valid while its budget stays within 0.79 – 1.39 billion"))
        #expect(text.contains("value +395.0"))
        // Credit: 0.9; 1,000 more replaces w3's 350 of central (its only eligible work can take
        // 450 of credit at most): 350·(1.0 − 0.1) = 315.
        #expect(text.contains("`credit`): each extra million adds 0.900"))
        #expect(text.contains("value +315.0"))
        // Relaxing the state cap of other communes 0.8 → 0.85: w4 grows to 10/0.15 = 66.67 with
        // 56.67 of central taken from w2: +1.2·16.67 − 16.67 = +3.33.
        #expect(text.contains("`rules.max_state_share.other`") && text.contains("gains 3.3"))
        // Relaxing the community minimum 0.1 → 0.05: 25 of cash moves from w3 to w4 (worth 2.0 per
        // million there against 1.0 in w3): +25.
        #expect(text.contains("`rules.min_community_share.other`") && text.contains("gains 25.0"))
    }

    @Test func baselineFollowsDecision07AndSolveReportsTheGain() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        // Hand (scenarios/examples/tiny/README.md, "The status-quo baseline"): Decision 07 gives
        // T01 (especially difficult) coefficient 0 and T02 (at standard) 1, so all central money
        // goes to T02, which absorbs at most 0.8 × (500 + 200 + 300) = 800 (state cap φ = 0.8);
        // 200 stays unplaced. Credit 100 also goes to T02 (w3, its production work). T01 funds
        // nothing. T02 by value per million: w3 whole = people 50 + central 400 + credit 50
        // (value 750, credit cost 5); w4 is limited by the 10 cash left: F = 50 (people 10,
        // central 40; value 60); w5 gets nothing (no cash left for its 10 % community share).
        // Baseline 750 + 60 − 5 = 805; gain 1,810 − 805 = 1,005.
        let baseline = try Self.run(["baseline", Repository.tinyScenario, "--out", out + "/b", "--format", "json"])
        #expect(baseline.status == 0, "\(baseline.stderr)")
        let b = try CLITests.json(out + "/b/summary.json")
        #expect(abs((b["objective"] as? Double ?? 0) - 805) < 1e-4)
        let solve = try Self.run(["solve", Repository.tinyScenario, "--out", out + "/s", "--format", "json,md", "--lang", "en"])
        #expect(solve.status == 0, "\(solve.stderr)")
        let s = try CLITests.json(out + "/s/summary.json")
        #expect(abs((s["baseline_objective"] as? Double ?? 0) - 805) < 1e-4)
        #expect(abs((s["gain_over_baseline"] as? Double ?? 0) - 1005) < 1e-4)
        let report = try String(contentsOfFile: out + "/s/report.md", encoding: .utf8)
        #expect(report.contains("Against the status quo"))
    }

    @Test func infeasibleSolveNamesTheRulesToRelax() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        // Floor 0.9: T01 needs 900 and T02 needs 900 of funding; T02 can fund at most
        // 60/0.2·… far less (its cash limits it), so the floor cannot hold.
        let result = try Self.run(["solve", Repository.tinyScenario, "--out", out, "--set", "rules.commune_floor=0.9", "--lang", "en"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("rules.commune_floor"))
        let summary = try CLITests.json(out + "/summary.json")
        #expect(summary["status"] as? String == "infeasible")
        let relaxations = try #require(summary["infeasibility"] as? [[String: Any]])
        let floor = try #require(relaxations.first { $0["key"] as? String == "rules.commune_floor" })
        #expect(floor["sufficient_alone"] as? Bool == true)
    }
}
