import Foundation
import Testing
import TestSupport
import Reports

/// `explain --commune CODE` on the tiny example (scenarios/examples/tiny/README.md: central's
/// shadow price is 1.0; T01's school w2, worth 1.0 per million, is 35% funded at the margin).
@Suite struct CommuneExplanationCommandTests {
    @Test func anUnknownCodeIsAUsageErrorNamingIt() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLITests.run(["explain", Repository.tinyScenario, "--commune", "X99", "--out", out])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--commune X99") && result.stderr.contains("T01"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/summary.json"), "nothing is written for a usage error")
    }

    /// w2's value per million (1.0) equals central's price (1.0): it sits at the margin, so no
    /// value lever; one more billion of central funds the rest of w2 (390 more, 35% → 100%).
    @Test func aCommuneIsExplainedInPlannerTerms() throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLITests.run(["explain", Repository.tinyScenario, "--commune", "T01", "--out", out, "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: out + "/explain-commune-t01.md", encoding: .utf8)
        #expect(result.stdout.contains(text), "the terminal shows the same explanation")
        #expect(text.contains("- w2 (Schools, 600.0): 35.0%; value per million 1.000; reduced cost 0.000"), "\(text)")
        #expect(text.contains("(`central`): a million of this money is worth 1.000"), "\(text)")
        #expect(text.contains("The unfunded work nearest to being funded: **w2**, 35.0%."), "\(text)")
        #expect(text.contains(CommuneExplanationLabel.noValueLever.term.en), "\(text)")
        #expect(text.contains("`sources.central.budget` 1000 → 2000: 35.0% → 100.0%; commune: 610.0 → 1,000.0: **confirmed by a re-solve**"), "\(text)")
    }

    @Test func everyLabelHasBothLanguages() {
        VocabularyTests.check(CommuneExplanationLabel.self)
    }
}
