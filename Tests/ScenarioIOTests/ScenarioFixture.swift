import Foundation
import ScenarioIO
import Testing
import TestSupport
import Allocation

/// A small, valid scenario written to a temporary folder; tests edit one file to break it.
///
/// Line numbers in the tests are looked up in the text (`line(of:in:)`), not hard-coded.
struct ScenarioFixture {
    static let scenario = """
        name: Lạng Sơn 2021–2025, base
        mode: mip
        communes: data/communes.csv
        works: data/works.csv
        weights: weights/balanced.yaml
        rules:
          max_state_share: {priority: 1.0, other: 0.8}
          min_community_share: {priority: 0.0, other: 0.1}
          priority_share_min: 0.6
          commune_cap: 5000
        sources:
          - id: ntm-central
            name: NSTW – CTMTQG xây dựng NTM
            kind: central
            scope: pooled
            budget: 950000
          - id: labour
            name: Ngày công lao động của Nhân dân
            kind: labour
            scope: local
            capacity_column: labour_days
            unit_value: 0.2
            max_share: 0.5
            eligible: {communes: [all], categories: [Transport, irrigation, culture], districts: [Văn Lãng, Lộc Bình, Thành phố Lạng Sơn]}
        baseline:
          coefficients: {fewer_than_15: 4, from_15_to_18: 2.5, at_standard: 1}

        """

    /// "Xã Tân Thanh" is written decomposed (NFD: a + U+0303, a + U+0302 …) on purpose.
    static let communes = """
        code,name,district,population,especially_difficult,border,status,criteria_met,labour_days,note
        00001,"Phường Hoàng Văn Thụ, TP",Thành phố Lạng Sơn,5200,0,0,standard,19,1200,ok
        00002,Xa\u{0303} Ta\u{0302}n Thanh,Văn Lãng,3100,1,TRUE,target,12,800,biên giới
        00003, Xã Mẫu Sơn ,Lộc Bình,2400,true,0,None,9,600.5,

        """

    static let works = """
        id,commune,category,cost,benefit,required,community_buildable,divisible,remark
        w1,00001,Transport,1500,,1,0,1,
        w2,00002,irrigation,800.5,1000,0,1,0,"two
        lines"
        w3,00003,culture,300,,true,TRUE,False,x

        """

    static let weights = """
        base: 1
        especially_difficult: 0.5
        border: 0.3
        criteria_gap: 0.2
        production_categories: [production, irrigation]
        category: {transport: 1.2, Culture: 0.9}
        standard_bonus: 10

        """

    var scenario = Self.scenario
    var communes = Self.communes
    var works = Self.works
    var weights = Self.weights
    /// Further files: relative path → text.
    var extraFiles: [String: String] = [:]

    /// Writes the fixture (communes.csv with a byte-order mark) and returns its folder.
    func write() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("scenario.yaml", scenario)
        try directory.write("data/communes.csv", communes, byteOrderMark: true)
        try directory.write("data/works.csv", works)
        try directory.write("weights/balanced.yaml", weights)
        for (path, text) in extraFiles { try directory.write(path, text) }
        return directory
    }

    /// Loads the scenario.
    func load(_ overrides: [ScenarioOverride] = [], weightsPath: String? = nil) throws -> Scenario {
        let directory = try write()
        defer { directory.remove() }
        return try ScenarioLoader.load(directory.url("scenario.yaml").path, overrides: overrides,
                                       weightsPath: weightsPath.map { directory.url($0).path })
    }

    /// The problems of a load that must fail; records an issue when it succeeds.
    func problems(_ overrides: [ScenarioOverride] = [], weightsPath: String? = nil,
                  sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [InputProblem] {
        do {
            _ = try load(overrides, weightsPath: weightsPath)
            Issue.record("the scenario loaded without problems", sourceLocation: sourceLocation)
        } catch let error as ScenarioLoadError {
            return error.problems
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
        return []
    }
}

/// The 1-based line of the first line of `text` containing `needle` (0 when absent).
func line(of needle: String, in text: String) -> Int {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
}

extension [InputProblem] {
    /// Whether a problem is reported in a file ending with `file`, at `line`, for `field`.
    func contains(file: String, line: Int?, field: String?) -> Bool {
        contains { $0.location.file.hasSuffix(file) && $0.location.line == line && $0.location.field == field }
    }
}

extension ScenarioOverride {
    /// An override from `key=value`, for tests that know it parses.
    static func set(_ text: String) -> ScenarioOverride {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        return ScenarioOverride(key: parts[0], value: parts.count > 1 ? parts[1] : "")
    }
}
