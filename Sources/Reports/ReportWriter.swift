import Allocation

/// The export formats `solve` can write.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// allocations.csv, communes.csv, sources.csv
    case csv
    /// summary.json
    case json
    /// report.md
    case md
}

/// Adds a plan's files to a run's ``OutputSet`` (which the caller commits, with any other files).
public enum ReportWriter {
    /// Stages the requested formats in `output`; returns the final paths they will have.
    @discardableResult
    public static func write(_ plan: AllocationPlan, to output: OutputSet, formats: Set<ExportFormat>,
                             language: ReportLanguage, summaryExtras: SummaryJSON.Extras = [:],
                             extraSections: [String] = []) throws(AtomicFileWriter.WriteError) -> [String] {
        var files: [(String, String)] = []
        if formats.contains(.csv) {
            files.append(("allocations.csv", PlanTables.allocations(plan)))
            files.append(("communes.csv", PlanTables.communes(plan)))
            files.append(("sources.csv", PlanTables.sources(plan)))
            if plan.scenario.periodCount > 1 { files.append(("sources-by-period.csv", PlanTables.sourcesByPeriod(plan))) }
        }
        if formats.contains(.json) { files.append(("summary.json", SummaryJSON.render(plan, extras: summaryExtras))) }
        if formats.contains(.md) {
            files.append(("report.md", MarkdownReport.render(plan, language: language, extraSections: extraSections)))
        }
        var written: [String] = []
        for (name, text) in files {
            try output.add(name, text: text)
            written.append(output.path(of: name))
        }
        return written
    }
}
