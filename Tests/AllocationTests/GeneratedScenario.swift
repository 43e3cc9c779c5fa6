import Allocation
import Foundation
import ScenarioIO
import TestSupport

/// A small random scenario written as files (scenario.yaml, communes.csv, works.csv), for
/// property tests: 1–4 communes of 1–4 works, pooled central, local-budget and credit
/// sources, a local people's source, and rules drawn so that funding nothing is always
/// feasible (no commune floor), so every generated scenario has an optimal plan.
///
/// Everything is drawn from one seed with `SplitMix64`: a failing case is replayed from
/// the seed that PropertyBased prints.
struct GeneratedScenario: Sendable, CustomStringConvertible {
    var yaml: String
    /// Header and rows of communes.csv.
    var communeHeader: String
    var communeRows: [String]
    /// Header and rows of works.csv.
    var workHeader: String
    var workRows: [String]
    let seed: UInt64

    var description: String {
        "seed \(seed)\n\(yaml)\n\(communeHeader)\n\(communeRows.joined(separator: "\n"))\n"
            + "\(workHeader)\n\(workRows.joined(separator: "\n"))"
    }

    init(seed: UInt64, mip: Bool = false) {
        self.seed = seed
        var random = SplitMix64(seed: seed)
        func pick<T>(_ values: [T]) -> T { values.randomElement(using: &random)! }
        func chance(_ rate: Double) -> Bool { Double.random(in: 0..<1, using: &random) < rate }
        func amount(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        func share(_ range: ClosedRange<Double>) -> String {
            String(format: "%.2f", Double.random(in: range, using: &random))
        }

        communeHeader = "code,name,district,population,especially_difficult,border,status,criteria_met,people_cash"
        workHeader = "id,commune,category,cost,benefit,required,community_buildable,divisible"
        communeRows = []
        workRows = []
        let communeCount = amount(1...4)
        for c in 1...communeCount {
            communeRows.append("C\(c),Xã \(c),Huyện \(amount(1...2)),\(amount(500...5000)),\(chance(0.4) ? 1 : 0),"
                               + "\(chance(0.3) ? 1 : 0),\(pick(["none", "target", "standard"])),\(amount(5...19)),"
                               + "\(amount(0...300))")
            for w in 1...amount(1...4) {
                let cost = amount(50...1000)
                let benefit = chance(0.5) ? "" : String(cost * amount(50...200) / 100)
                workRows.append("W\(c)-\(w),C\(c),\(pick(["transport", "school", "production", "irrigation"])),"
                                + "\(cost),\(benefit),\(chance(0.3) ? 1 : 0),\(chance(0.5) ? 1 : 0),"
                                + "\(mip && chance(0.5) ? 0 : 1)")
            }
        }

        var rules = "rules:\n"
        rules += "  max_state_share: {priority: 1.0, other: \(share(0.6...1))}\n"
        rules += "  min_community_share: {priority: 0.0, other: \(chance(0.5) ? "0.0" : share(0.01...0.1))}\n"
        if chance(0.4) { rules += "  counterpart_ratio: \(share(0.05...0.3))\n" }
        if chance(0.4) { rules += "  priority_share_min: \(share(0.1...0.6))\n" }
        if chance(0.3) { rules += "  commune_cap: \(amount(200...2000))\n" }
        let weights = """
            weights:
              base: 1
              especially_difficult: \(share(0...1))
              border: \(share(0...1))
              target: \(share(0...1))
              criteria_gap: \(share(0...1))
              production_bonus: \(share(0...0.5))
              standard_bonus: \(chance(0.5) ? "0" : String(amount(10...500)))

            """
        yaml = """
            name: generated \(seed)
            mode: \(mip ? "mip" : "lp")
            communes: communes.csv
            works: works.csv
            \(weights)\(rules)sources:
              - id: central
                name: Trung ương
                kind: central
                scope: pooled
                budget: \(amount(100...4000))
              - id: province
                name: Tỉnh
                kind: local_budget
                scope: pooled
                budget: \(amount(0...1500))
                max_share: \(share(0.3...1))
              - id: credit
                name: Tín dụng
                kind: credit
                scope: pooled
                budget: \(amount(0...800))
                cost: \(share(0...0.3))
                eligible: {categories: [production, irrigation]}
              - id: people
                name: Nhân dân
                kind: people
                scope: local
                capacity_column: people_cash

            """
    }

    /// Writes the files (rows in the given order) and loads them with `ScenarioLoader`.
    func load(communeRows: [String]? = nil, workRows: [String]? = nil) throws -> Scenario {
        let directory = try TemporaryDirectory(prefix: "ntm-alloc-property")
        defer { directory.remove() }
        try directory.write("scenario.yaml", yaml)
        try directory.write("communes.csv", ([communeHeader] + (communeRows ?? self.communeRows)).joined(separator: "\n") + "\n")
        try directory.write("works.csv", ([workHeader] + (workRows ?? self.workRows)).joined(separator: "\n") + "\n")
        return try ScenarioLoader.load(directory.url("scenario.yaml").path)
    }
}
