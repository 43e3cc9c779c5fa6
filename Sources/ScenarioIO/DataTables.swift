import Allocation

/// Reads the fields of one CSV row, reporting a bad value at its line and column.
///
/// Every accessor returns nil both for a bad value (reported) and for a column the header
/// lacks (reported once, by `CSVTable.requireColumns`), so the caller simply skips it.
struct RowReader {
    let table: CSVTable
    let row: CSVTable.Row
    let log: ProblemLog

    func location(_ column: String) -> SourceLocation {
        SourceLocation(file: table.file, line: row.line, field: column)
    }

    func text(_ column: String) -> String? {
        table.column(column).map { row.fields[$0] }
    }

    /// A non-empty text.
    func nonEmpty(_ column: String) -> String? {
        guard let value = text(column) else { return nil }
        if value.isEmpty { log.report(location(column), "\(column) is empty") }
        return value.isEmpty ? nil : value
    }

    /// A number ≥ 0 (or > 0 with `positive`) of a magnitude within `range` when it is not 0;
    /// an empty field is nil without a problem when `optional`.
    func amount(_ column: String, positive: Bool = false, optional: Bool = false, range: NumericRange = .money) -> Double? {
        guard let value = text(column) else { return nil }
        if value.isEmpty && optional { return nil }
        guard let number = table.number(value) else {
            log.report(location(column), "\(InputText.quoted(value)) is not a number",
                       hint: table.numberHint(for: value))
            return nil
        }
        if number < 0 {
            log.report(location(column), "\(InputText.shown(value)) is negative")
            return nil
        }
        if positive && number == 0 {
            log.report(location(column), "\(column) must be greater than 0")
            return nil
        }
        if let problem = range.problem(with: number, written: value, zeroAllowed: !positive) {
            log.report(location(column), problem.message, hint: problem.hint)
            return nil
        }
        return number
    }

    /// A whole number in `range`.
    func integer(_ column: String, in range: ClosedRange<Int>, meaning: String) -> Int? {
        guard let value = text(column) else { return nil }
        guard let number = InputText.integer(value, decimalComma: table.decimalComma) else {
            let notNumber = table.number(value) == nil
            log.report(location(column), "\(InputText.quoted(value)) \(notNumber ? "is not a number" : "is not a whole number")",
                       hint: notNumber && table.decimalComma ? table.numberHint(for: value) : nil)
            return nil
        }
        if number < 0 && range.lowerBound >= 0 {
            log.report(location(column), "\(InputText.shown(value)) is negative")
            return nil
        }
        guard range.contains(number) else {
            log.report(location(column), "\(InputText.shown(value)) is out of range", hint: meaning)
            return nil
        }
        return number
    }

    func boolean(_ column: String) -> Bool? {
        guard let value = text(column) else { return nil }
        guard let flag = InputText.boolean(value) else {
            log.report(location(column), "\(InputText.quoted(value)) is not a boolean",
                       hint: "write 1, 0, true or false")
            return nil
        }
        return flag
    }
}

/// Reading `communes.csv` (model.md §1, §8.1).
enum CommuneTable {
    /// Columns every communes.csv must have. `district` is optional since provinces have no
    /// districts (1 July 2025, model.md §8.1).
    static let requiredColumns = ["code", "name", "population", "especially_difficult",
                                  "border", "status", "criteria_met"]
    /// The columns model.md §1 defines (required or not); every other column is a further column.
    static let knownColumns = requiredColumns + ["district"]

    /// Communes of every row with a usable code; a bad value is reported and replaced by the
    /// default so that later checks (works, sources) still run. A duplicate code keeps the first row.
    ///
    /// `criteria_met` must lie in 0 … `criteriaTotal` (the scenario's `criteria_total`, §8.2).
    /// Further columns become `textColumns` (every value, trimmed and NFC) and `numericColumns`
    /// where the row's value is a number. A local source's `capacity_column` is checked
    /// separately (`numericColumnProblems`). Without a `district` column every commune's
    /// district is empty (see `hasDistricts`). `standard_by` (multi-year plans) is read against
    /// `periods` and is not an extra column.
    static func communes(from table: CSVTable, criteriaTotal: Int = 19, periods: PeriodSetting = .none,
                         log: ProblemLog) -> [Commune] {
        table.requireColumns(requiredColumns, log: log)
        let known = Set(knownColumns + PeriodColumns.commune)
        let extra = table.header.enumerated().filter { !$0.element.isEmpty && !known.contains($0.element.lowercased()) }
        let districts = hasDistricts(table)
        var communes: [Commune] = []
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            let reader = RowReader(table: table, row: row, log: log)
            let code = reader.nonEmpty("code")
            if let code { CommuneCodes.checkNotation(code, at: reader.location("code"), log: log) }
            var commune = Commune(code: code ?? "", name: reader.nonEmpty("name") ?? "",
                                  district: districts ? reader.nonEmpty("district") ?? "" : "")
            commune.population = reader.integer("population", in: 0...Int.max, meaning: "a number of people") ?? 0
            commune.especiallyDifficult = reader.boolean("especially_difficult") ?? false
            commune.border = reader.boolean("border") ?? false
            if let status = reader.text("status") {
                if let parsed = CommuneStatus(rawValue: status.lowercased()) {
                    commune.status = parsed
                } else {
                    log.report(reader.location("status"), "unknown status \(InputText.quoted(status))",
                               hint: "one of none, target, standard, advanced, model")
                }
            }
            if let met = reader.integer("criteria_met", in: 0...Int.max, meaning: "the number of NTM criteria met") {
                if met > criteriaTotal {
                    log.report(reader.location("criteria_met"),
                               "criteria_met \(met) is above criteria_total \(criteriaTotal)",
                               hint: "a commune meets 0 to \(criteriaTotal) criteria of the set; "
                                   + "set criteria_total in the scenario for another criteria set")
                } else {
                    commune.criteriaMet = met
                }
            }
            commune.standardBy = reader.period("standard_by", periods: periods).index
            for (position, name) in extra {
                let text = row.fields[position]
                if let value = table.number(text) {
                    commune.numericColumns[name] = value
                    // A number written with a decimal comma (Excel, `;` files) is kept as the same
                    // number written with a point, so that rules compare it as the same text.
                    commune.textColumns[name] = table.decimalComma
                        ? text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".") : text
                } else {
                    commune.textColumns[name] = text
                }
            }
            guard let code else { continue }
            if let first = firstLine[code] {
                log.report(reader.location("code"), "duplicate commune code \(InputText.shown(code))", hint: "first at line \(first)")
                continue
            }
            firstLine[code] = row.line
            communes.append(commune)
        }
        return communes
    }

    /// Whether the table has a `district` column (model.md §8.1: it is optional).
    static func hasDistricts(_ table: CSVTable) -> Bool { table.column("district") != nil }

    /// Problems with a local source's capacity column: every row must hold a number ≥ 0.
    static func capacityProblems(column: String, in table: CSVTable, log: ProblemLog) {
        numericColumnProblems(column: column, in: table, log: log, hint: "column \(column) is the capacity of a local source")
    }

    /// Problems with a column that must hold a number ≥ 0 in every row (a capacity column, or
    /// a column a baseline coefficient rule adds), each at its line; `hint` says why.
    static func numericColumnProblems(column: String, in table: CSVTable, log: ProblemLog, hint: String) {
        guard let position = table.column(column) else { return }
        let name = table.header[position]
        for row in table.rows {
            let value = row.fields[position]
            let location = SourceLocation(file: table.file, line: row.line, field: name)
            guard let number = table.number(value) else {
                log.report(location, "\(InputText.quoted(value)) is not a number",
                           hint: hint + (table.decimalComma ? "; " + table.numberHint(for: value) : ""))
                continue
            }
            if number < 0 {
                log.report(location, "\(InputText.shown(value)) is negative")
            } else if let problem = NumericRange.money.problem(with: number, written: value) {
                log.report(location, problem.message, hint: problem.hint)
            }
        }
    }
}

/// Reading `works.csv` (model.md §1).
enum WorkTable {
    static let requiredColumns = ["id", "commune", "category", "cost", "benefit", "required",
                                  "community_buildable", "divisible"]

    /// Works of every row with a usable id; an optional `name` column gives their display names
    /// (tên công trình); other columns beyond the required ones are ignored.
    /// `communeCodes` is nil when communes.csv could not be read (the commune is then not checked);
    /// `excelCodes` matches a commune code that Excel stripped of its leading zeros (``CommuneCodes``).
    /// The multi-year columns `duration`, `start_from`, `finish_by` are read against `periods`.
    static func works(from table: CSVTable, communeCodes: Set<String>?, excelCodes: CommuneCodes? = nil,
                      periods: PeriodSetting = .none,
                      log: ProblemLog) -> [Work] {
        table.requireColumns(requiredColumns, log: log)
        var works: [Work] = []
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            let reader = RowReader(table: table, row: row, log: log)
            let id = reader.nonEmpty("id")
            var commune = reader.nonEmpty("commune")
            if let written = commune, let communeCodes, !communeCodes.contains(written) {
                switch excelCodes?.resolve(written, at: reader.location("commune"), log: log) ?? .unknown {
                case .code(let code): commune = code
                case .reported: break
                case .unknown: log.report(reader.location("commune"), "no commune with code \(InputText.quoted(written)) in communes.csv")
                }
            }
            var work = Work(id: id ?? "", commune: commune ?? "",
                            category: reader.nonEmpty("category")?.lowercased() ?? "",
                            cost: reader.amount("cost", positive: true) ?? 0)
            work.benefit = reader.amount("benefit", optional: true)
            work.required = reader.boolean("required") ?? false
            work.communityBuildable = reader.boolean("community_buildable") ?? false
            work.divisible = reader.boolean("divisible") ?? true
            reader.readPeriods(of: &work, periods: periods)
            if let name = reader.text("name"), !name.isEmpty { work.name = name }
            guard let id else { continue }
            if let first = firstLine[id] {
                log.report(reader.location("id"), "duplicate work id \(InputText.shown(id))", hint: "first at line \(first)")
                continue
            }
            firstLine[id] = row.line
            works.append(work)
        }
        return works
    }
}
