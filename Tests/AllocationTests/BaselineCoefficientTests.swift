import Foundation
import Testing
import TestSupport
import ScenarioIO
@testable import Allocation

/// Baseline coefficients as rules (model.md §8.3): Decision 07 by default, the 2026–2030 rule
/// expressed as data, and the comparisons conditions make.
@Suite struct BaselineCoefficientTests {
    private func commune(_ code: String, difficult: Bool = false, border: Bool = false,
                         status: CommuneStatus = .belowStandard, criteria: Int = 10,
                         columns: [String: String] = [:]) -> Commune {
        var c = Commune(code: code, name: "Xã \(code)", district: "", especiallyDifficult: difficult,
                        border: border, status: status, criteriaMet: criteria)
        c.textColumns = columns
        for (key, value) in columns { if let n = Double(value) { c.numericColumns[key] = n } }
        return c
    }

    /// Decision 07 as model.md §8.3 lists it, first match wins.
    @Test func decision07IsTheDefault() {
        let rules = BaselineCoefficients()
        // ĐBKK first: 0 even at standard or with few criteria (the ethnic-minority programme funds it).
        #expect(rules.coefficient(of: commune("a", difficult: true, criteria: 5)) == 0)
        #expect(rules.coefficient(of: commune("b", difficult: true, status: .standard, criteria: 19)) == 0)
        // At standard (standard, advanced, model): 1, whatever the criteria.
        #expect(rules.coefficient(of: commune("c", status: .advanced, criteria: 19)) == 1)
        #expect(rules.coefficient(of: commune("d", status: .model, criteria: 19)) == 1)
        // Below standard: ≤ 14 criteria → 5, ≥ 15 → 3 (the boundary 14/15 on both sides).
        #expect(rules.coefficient(of: commune("e", criteria: 14)) == 5)
        #expect(rules.coefficient(of: commune("f", status: .target, criteria: 15)) == 3)
        #expect(rules.coefficient(of: commune("g", criteria: 0)) == 5)
        // Status none with all 19 criteria: the list says 3 (rule 4), not "at standard".
        #expect(rules.coefficient(of: commune("h", criteria: 19)) == 3)
        #expect(rules.matchingRule(for: commune("h", criteria: 19)) == 3)
        // The shorthand's values replace the three values and keep the ĐBKK rule.
        let custom = BaselineCoefficients.decision07(fewerThan15: 4, from15To18: 2.5, atStandard: 0.5)
        #expect(custom.coefficient(of: commune("i", criteria: 3)) == 4)
        #expect(custom.coefficient(of: commune("j", criteria: 16)) == 2.5)
        #expect(custom.coefficient(of: commune("k", status: .standard)) == 0.5)
        #expect(custom.coefficient(of: commune("l", difficult: true)) == 0)
    }

    /// The 2026–2030 rule of model.md §8.3: 50 for region III or border, 40 region II, 30 region I,
    /// 25 otherwise; plus 1 per especially difficult village.
    @Test func rule2026To2030() {
        let villages = [CoefficientTerm(column: "dbkk_villages", times: 1)]
        let rules = BaselineCoefficients(rules: [
            CoefficientRule(when: [CoefficientCondition(column: "region", anyOf: ["3"])], value: 50, plus: villages),
            CoefficientRule(when: [CoefficientCondition(column: "border", anyOf: ["1"])], value: 50, plus: villages),
            CoefficientRule(when: [CoefficientCondition(column: "region", anyOf: ["2"])], value: 40, plus: villages),
            CoefficientRule(when: [CoefficientCondition(column: "region", anyOf: ["1"])], value: 30, plus: villages),
        ], default: 25)
        // Region 3 with 4 villages: 50 + 4 = 54 (written 3.0: compared as a number).
        #expect(rules.coefficient(of: commune("A", columns: ["region": "3.0", "dbkk_villages": "4"])) == 54)
        // Region 1 but border, 2 villages: the border rule comes first: 50 + 2 = 52.
        #expect(rules.coefficient(of: commune("B", border: true, columns: ["region": "1", "dbkk_villages": "2"])) == 52)
        // Region 2, no village: 40. Region 1, one village: 31.
        #expect(rules.coefficient(of: commune("C", columns: ["region": "2", "dbkk_villages": "0"])) == 40)
        #expect(rules.coefficient(of: commune("D", columns: ["region": "1", "dbkk_villages": "1"])) == 31)
        // No region: no rule matches, the default 25 (plus terms belong to rules, not to the default).
        #expect(rules.coefficient(of: commune("E", columns: ["region": "", "dbkk_villages": "7"])) == 25)
        #expect(rules.matchingRule(for: commune("E", columns: ["region": ""])) == nil)
    }

    /// Conditions compare numbers as numbers, booleans as booleans, text as text (status without
    /// letter case), ranges inclusive; a condition with every value in a list is "any of".
    @Test func conditionComparisons() {
        let c = commune("X", difficult: true, status: .target, criteria: 15,
                        columns: ["safe_zone": "TRUE", "former_district": "Huyện Văn Lãng", "score": "7.5"])
        func holds(_ column: String, _ values: [String]) -> Bool {
            CoefficientCondition(column: column, anyOf: values).holds(for: c)
        }
        #expect(holds("especially_difficult", ["true"]) && holds("especially_difficult", ["1"]))
        #expect(!holds("especially_difficult", ["0"]) && !holds("border", ["1"]))
        #expect(holds("safe_zone", ["1"]) && !holds("safe_zone", ["false"]))
        #expect(holds("status", ["Target"]) && holds("status", ["none", "target"]) && !holds("status", ["standard"]))
        #expect(holds("former_district", ["Huyện Văn Lãng"]) && !holds("former_district", ["huyện văn lãng"]))
        #expect(holds("criteria_met", ["15.0"]) && !holds("criteria_met", ["16"]))
        #expect(holds("code", ["X"]))
        func within(_ column: String, _ min: Double?, _ max: Double?) -> Bool {
            CoefficientCondition(column: column, min: min, max: max).holds(for: c)
        }
        #expect(within("criteria_met", 15, 15) && within("criteria_met", nil, 15) && !within("criteria_met", 16, nil))
        #expect(within("score", 7.5, 8) && !within("score", nil, 7.4))
        // A text value is not a number: a range never holds; a missing column never holds.
        #expect(!within("former_district", 0, nil) && !holds("region", ["1"]))
        // All conditions of a rule must hold.
        let both = CoefficientRule(when: [CoefficientCondition(column: "status", anyOf: ["target"]),
                                          CoefficientCondition(column: "criteria_met", min: nil, max: 14)], value: 9)
        #expect(!both.matches(c))
    }

    /// The 2026–2030 rule written in a scenario file, with region and dbkk_villages columns, drives
    /// the baseline's split. Five communes, one work of cost 100 each (no ĐBKK commune, no rule
    /// limits), central budget 202: coefficients 54, 52, 40, 31, 25 (sum 202, as computed in
    /// rule2026To2030) give allotments 54, 52, 40, 31, 25, each below what its work can absorb.
    @Test func rule2026To2030FromAScenarioFileDrivesTheSplit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("communes.csv", """
            code,name,population,especially_difficult,border,status,criteria_met,region,dbkk_villages
            A,Xã A,100,0,0,none,5,3,4
            B,Xã B,100,0,1,none,5,1,2
            C,Xã C,100,0,0,none,5,2,0
            D,Xã D,100,0,0,target,8,1,1
            E,Phường E,100,0,0,standard,10,,0

            """)
        try directory.write("works.csv", """
            id,commune,category,cost,benefit,required,community_buildable,divisible
            a,A,transport,100,,0,0,1
            b,B,transport,100,,0,0,1
            c,C,transport,100,,0,0,1
            d,D,transport,100,,0,0,1
            e,E,transport,100,,0,0,1

            """)
        try directory.write("scenario.yaml", """
            name: 2026–2030 rule
            criteria_total: 10
            communes: communes.csv
            works: works.csv
            sources:
              - {id: central, kind: central, scope: pooled, budget: 202}
            baseline:
              coefficients:
                - {when: {region: 3}, value: 50, plus: [{column: dbkk_villages, times: 1}]}
                - {when: {border: 1}, value: 50, plus: [{column: dbkk_villages, times: 1}]}
                - {when: {region: 2}, value: 40, plus: [{column: dbkk_villages, times: 1}]}
                - {when: {region: 1}, value: 30, plus: [{column: dbkk_villages, times: 1}]}
              default: 25

            """)
        let scenario = try ScenarioLoader.load(directory.url("scenario.yaml").path)
        #expect(!scenario.hasDistricts && scenario.criteriaTotal == 10)
        #expect(scenario.communes.map { scenario.baseline.coefficient(of: $0) } == [54, 52, 40, 31, 25])
        let baseline = StatusQuoBaseline(model: AllocationModel(scenario: scenario))
        #expect(zip(baseline.allotments[0], [54.0, 52, 40, 31, 25]).allSatisfy { abs($0 - $1) < 1e-9 },
                "\(baseline.allotments[0])")
        // Weight 1 everywhere, benefit = cost: the baseline is worth what it funds, 202.
        #expect(abs((baseline.plan.objective ?? 0) - 202) < 1e-9)
    }
}
