import Foundation
import ScenarioIO
import Testing

/// Seeded fuzzing of the scenario loader (issue 11, item 6): see `ScenarioFuzzer`.
///
/// By default a smoke run of 300 mutants (a few seconds). For a longer run:
/// `NTM_ALLOC_FUZZ_ITERATIONS=20000 NTM_ALLOC_FUZZ_SEED=7 swift test --filter LoaderFuzzTests`
/// (docs/fuzzing.md records the runs made and what they found).
@Suite struct LoaderFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let iterations = environment["NTM_ALLOC_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 300
    static let seed = environment["NTM_ALLOC_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_251_103

    @Test func everyMutantLoadsOrIsRefusedWithALocation() throws {
        var fuzzer = ScenarioFuzzer(seed: Self.seed)
        let report = try fuzzer.run(count: Self.iterations)
        print("fuzz: seed \(Self.seed), \(report.mutants) mutants, \(report.loaded) loaded, \(report.rejected) refused "
              + "with \(report.problems) problems, \(report.violations.count) without a location, "
              + "slowest load \(String(format: "%.3f", report.slowest)) s: \(report.slowestMutant)")
        #expect(report.violations.isEmpty, "\(report.violations.prefix(20).map(\.description).joined(separator: "\n"))")
        // The mutants must exercise both outcomes, or the fuzzer has stopped testing anything.
        #expect(report.mutants == Self.iterations)
        #expect(report.rejected > Self.iterations / 4 && report.loaded > 0)
        // No mutant may make the loader slow (the slowest measured takes 0.3 s in a debug build).
        #expect(report.slowest < 10, "\(report.slowestMutant)")
    }

    @Test func sameSeedGivesTheSameMutants() {
        var first = ScenarioFuzzer(seed: 42), second = ScenarioFuzzer(seed: 42)
        var a = Array("name: x\nbudget: 10\n".utf8), b = a
        for _ in 0..<50 {
            #expect(first.mutate(&a, csv: false) == second.mutate(&b, csv: false))
        }
        #expect(a == b)
    }
}
