import Foundation
import Allocation

/// The export formats `solve` can write.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// allocations.csv, communes.csv, sources.csv
    case csv
    /// summary.json
    case json
    /// report.md
    case md
    /// report.html (charts inline, printable on A4)
    case html
    /// plan.xlsx (``PlanWorkbook``)
    case xlsx
}

/// Adds a plan's files to a run's ``OutputSet`` (which the caller commits, with any other files).
public enum ReportWriter {
    /// Stages the requested formats of `report` in `output`; returns the final paths they will have.
    @discardableResult
    public static func write(_ report: PlanReport, to output: OutputSet, formats: Set<ExportFormat>,
                             language: ReportLanguage) throws(AtomicFileWriter.WriteError) -> [String] {
        var files: [(String, String)] = []
        if formats.contains(.csv) {
            files.append(("allocations.csv", PlanTables.allocations(report)))
            files.append(("communes.csv", PlanTables.communes(report)))
            files.append(("sources.csv", PlanTables.sources(report)))
            if report.scenario.isMultiYear { files.append(("sources-by-period.csv", PlanTables.sourcesByPeriod(report))) }
        }
        if formats.contains(.json) { files.append(("summary.json", SummaryJSON.render(report))) }
        if formats.contains(.md) { files.append(("report.md", MarkdownReport.render(report, language: language))) }
        if formats.contains(.html) { files.append(("report.html", HTMLReport.render(report, language: language))) }
        var written: [String] = []
        for (name, text) in files {
            try output.add(name, text: text)
            written.append(output.path(of: name))
        }
        if formats.contains(.xlsx) {
            let name = "plan.xlsx"
            let data: Data
            do { data = try PlanWorkbook.data(for: report, language: language) } catch {
                throw AtomicFileWriter.WriteError(path: output.path(of: name), reason: "cannot build the workbook: \(error)")
            }
            try output.add(name, data: data)
            written.append(output.path(of: name))
        }
        return written
    }
}
