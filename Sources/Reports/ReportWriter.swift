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

/// Writes a plan's files into one folder, each atomically.
public enum ReportWriter {
    /// Writes the requested formats into `folder`; returns the paths written.
    @discardableResult
    public static func write(_ plan: AllocationPlan, to folder: String, formats: Set<ExportFormat>,
                             language: ReportLanguage, summaryExtras: SummaryJSON.Extras = [:],
                             extraSections: [String] = []) throws(AtomicFileWriter.WriteError) -> [String] {
        var files: [(String, String)] = []
        if formats.contains(.csv) {
            files.append(("allocations.csv", PlanTables.allocations(plan)))
            files.append(("communes.csv", PlanTables.communes(plan)))
            files.append(("sources.csv", PlanTables.sources(plan)))
        }
        if formats.contains(.json) { files.append(("summary.json", SummaryJSON.render(plan, extras: summaryExtras))) }
        if formats.contains(.md) {
            files.append(("report.md", MarkdownReport.render(plan, language: language, extraSections: extraSections)))
        }
        var written: [String] = []
        for (name, text) in files {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            try AtomicFileWriter.write(text, to: path)
            written.append(path)
        }
        return written
    }
}
