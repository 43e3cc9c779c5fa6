import Allocation

/// Reads a scenario (kịch bản): the YAML file of model.md §5 and the CSV files it names.
///
/// Everything is checked before anything is returned, and every problem found is reported
/// together (`ScenarioLoadError.problems`), each with its file, line and field: unknown keys,
/// bad values, duplicate ids, dangling references, and rules that contradict the data.
public enum ScenarioLoader {
    /// Loads the scenario at `path`.
    ///
    /// - Parameters:
    ///   - path: the scenario YAML file; the paths written in it are relative to its folder.
    ///   - overrides: `--set key=value` changes, applied in order (a later one wins) to the
    ///     YAML tree before it is decoded; see `ScenarioOverride` for the keys.
    ///   - weightsPath: a weights YAML file that replaces the scenario's profile (before the
    ///     `weights.*` overrides apply).
    public static func load(_ path: String, overrides: [ScenarioOverride] = [],
                            weightsPath: String? = nil) throws(ScenarioLoadError) -> Scenario {
        let log = ProblemLog()
        guard var document = YAMLDocument.read(path, log: log) else { throw log.error }
        let folder = InputText.folder(of: path)

        // Overrides first, so that their values are checked like the file's.
        var weightOverrides: [(ScenarioOverride, OverrideTarget)] = []
        for override in overrides {
            guard let target = OverrideTarget(key: override.key) else {
                log.report(ScenarioOverride.unknownKey(override.key).location, "unknown key \(override.key)",
                           hint: ScenarioOverride.unknownKey(override.key).hint)
                continue
            }
            if target.isWeight {
                weightOverrides.append((override, target))
            } else {
                override.apply(target, to: &document.root, log: log)
            }
        }

        // The weights profile: a file (from the caller or the scenario), inline, or the default.
        var weightsDocument: YAMLDocument?
        var profileName = "default"
        if let weightsPath {
            weightsDocument = YAMLDocument.read(weightsPath, log: log)
            profileName = InputText.stem(of: weightsPath)
        } else if let node = document.root["weights"] {
            if case .mapping = node.content {
                profileName = "inline"
            } else if let relative = node.text {
                let resolved = InputText.resolve(InputText.normalized(relative), against: folder)
                weightsDocument = YAMLDocument.read(resolved, log: log,
                                                    reportedAt: document.location(node, "weights"))
                profileName = InputText.stem(of: relative)
            } else {
                log.report(document.location(node, "weights"),
                           "expected a weights file path or a mapping, found \(node.kindName)")
            }
        }
        for (override, target) in weightOverrides {
            if var file = weightsDocument {
                override.applyWeight(target, to: &file.root)
                weightsDocument = file
            } else if weightsPath == nil, case .mapping = document.root.content {
                var weights = document.root["weights"] ?? YAMLNode(.mapping([]), overrideKey: override.key)
                override.applyWeight(target, to: &weights)
                document.root.set("weights", to: weights)
            }
        }

        let reader = YAMLReader(document: document, log: log)
        guard let top = reader.mapping(document.root, "", allowed: ScenarioKeys.top + ScenarioKeys.multiYearTop) else {
            throw log.error
        }

        let name = top["name"].flatMap { reader.text($0, "name") } ?? InputText.stem(of: path)
        let notes = top["notes"].flatMap { reader.text($0, "notes") }
        let mode = top["mode"].map { reader.keyword($0, "mode", "mode", as: SolveMode.self) } ?? .lp
        // Multi-year plans (docs/model.md §7): read first, the data files name periods.
        let periods = top["periods"].map { reader.periods($0, "periods") } ?? PeriodSetting.none
        let discountRate = top["discount_rate"].map { reader.discountRate($0, "discount_rate", periods: periods) } ?? 0
        // The criteria set (model.md §8.2), before communes.csv, whose criteria_met it bounds.
        let criteriaTotal = top["criteria_total"].map {
            reader.wholeNumber($0, "criteria_total", in: 1...1000, meaning: "the number of NTM criteria in the set, e.g. 19 or 10")
        } ?? 19

        // Data files.
        func table(_ key: String) -> CSVTable? {
            guard let node = reader.require(top, key, in: document.root, ""),
                  let relative = reader.text(node, key) else { return nil }
            return CSVTable.read(InputText.resolve(relative, against: folder), log: log,
                                 reportedAt: document.location(node, key))
        }
        let communeTable = table("communes")
        let communes = communeTable.map {
            CommuneTable.communes(from: $0, criteriaTotal: criteriaTotal ?? 19, periods: periods, log: log)
        } ?? []
        let hasDistricts = communeTable.map(CommuneTable.hasDistricts) ?? true
        let groupBy = top["report"].flatMap { reader.reportGroupBy($0, "report", communes: communeTable) }
        let workTable = table("works")
        let communeCodes = communeTable.map { _ in Set(communes.map(\.code)) }
        let excelCodes = communeTable.map { CommuneCodes(table: $0, codes: communes.map(\.code)) }
        let works = workTable.map {
            WorkTable.works(from: $0, communeCodes: communeCodes, excelCodes: excelCodes, periods: periods, log: log)
        } ?? []

        // Weights, rules, baseline, sources.
        let weights: WeightsProfile
        if let weightsDocument {
            weights = YAMLReader(document: weightsDocument, log: log)
                .weights(weightsDocument.root, "", name: profileName)
        } else if weightsPath == nil, let node = document.root["weights"], case .mapping = node.content {
            weights = reader.weights(node, "weights", name: profileName)
        } else {
            weights = WeightsProfile(name: profileName)
        }
        let rules = top["rules"].map { reader.rules($0, "rules") } ?? DecodedRules()
        let baseline = top["baseline"].map { reader.baseline($0, "baseline", communes: communeTable) }
            ?? YAMLReader.DecodedBaseline()
        if let communeTable {
            for column in baseline.numericColumns {
                CommuneTable.numericColumnProblems(column: column, in: communeTable, log: log,
                                                   hint: "a baseline coefficient rule adds column \(column)")
            }
        }
        let facts = communeTable.map {
            YAMLReader.CommuneFacts(table: $0, districts: Set(communes.map(\.district).filter { !$0.isEmpty }),
                                    hasDistricts: hasDistricts)
        }
        let decoded = reader.require(top, "sources", in: document.root, "")
            .map { reader.sources($0, "sources", communes: facts, periods: periods) } ?? []
        let sources = decoded.compactMap(\.source)

        // Capacity columns must hold a number ≥ 0 in every row.
        if let communeTable {
            var checked: Set<String> = []
            for case let column? in decoded.map(\.capacityColumn) where checked.insert(column).inserted {
                CommuneTable.capacityProblems(column: column, in: communeTable, log: log)
            }
        }

        // Only with every source read: a broken source must not look like a missing one.
        if !decoded.isEmpty && sources.count == decoded.count && communeTable != nil && workTable != nil {
            checkContradictions(rules, sources: sources, communes: communes, works: works, log: log)
        }

        try log.throwIfAny()
        var scenario = Scenario(name: name, mode: mode ?? .lp, communes: communes, works: works,
                                sources: sources, weights: weights, rules: rules.rules, baseline: baseline.coefficients)
        scenario.periods = periods.labels
        scenario.discountRate = discountRate ?? 0
        scenario.criteriaTotal = criteriaTotal ?? 19
        scenario.hasDistricts = hasDistricts
        scenario.groupBy = groupBy
        scenario.notes = notes
        return scenario
    }

    /// Loads a weights profile file; its name is the file name without extension.
    public static func loadWeights(_ path: String) throws(ScenarioLoadError) -> WeightsProfile {
        let log = ProblemLog()
        guard let document = YAMLDocument.read(path, log: log) else { throw log.error }
        let profile = YAMLReader(document: document, log: log)
            .weights(document.root, "", name: InputText.stem(of: path))
        try log.throwIfAny()
        return profile
    }

    /// Rules that cannot hold with these sources and works (model.md §2, note under the rows):
    /// - μ > 0 for a group while the scenario has no community source at all;
    /// - a commune floor f > 0 for a commune of a group with μ > 0, none of whose works any
    ///   community source may fund: every work of it stays at y = 0, so the floor fails.
    static func checkContradictions(_ decoded: DecodedRules, sources: [FundingSource], communes: [Commune],
                                    works: [Work], log: ProblemLog) {
        let rules = decoded.rules
        let shareLocation = decoded.locations["min_community_share"]
            ?? SourceLocation(file: "", field: "rules.min_community_share")
        let needsCommunity = CommuneGroup.allCases.filter { rules.minCommunityShare[$0] > 0 }
        guard !needsCommunity.isEmpty else { return }
        let community = sources.filter(\.kind.isCommunity)
        if community.isEmpty {
            log.report(shareLocation.withField("rules.min_community_share"),
                       "min_community_share is above 0 but the scenario has no community source",
                       hint: "add a source of kind people or labour, or set the share to 0")
            return
        }
        guard rules.communeFloor > 0, let floorLocation = decoded.locations["commune_floor"] else { return }
        let worksByCommune = Dictionary(grouping: works, by: \.commune)
        var stuck: [String] = []
        for commune in communes where needsCommunity.contains(commune.group) {
            guard let own = worksByCommune[commune.code], !own.isEmpty else { continue }
            let fundable = own.contains { work in community.contains { $0.isEligible(for: work, in: commune) } }
            if !fundable { stuck.append(commune.code) }
        }
        guard !stuck.isEmpty else { return }
        let shown = stuck.prefix(5).joined(separator: ", ") + (stuck.count > 5 ? " and \(stuck.count - 5) more" : "")
        log.report(floorLocation.withField("rules.commune_floor"),
                   "commune_floor cannot be met in commune \(shown): min_community_share is above 0 "
                       + "there but no community source may fund any of its works",
                   hint: "make a community source eligible for them, or lower commune_floor or min_community_share")
    }
}
