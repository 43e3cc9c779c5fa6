import Allocation

/// A label in both languages of the reports; neither may be left out.
public struct Term: Sendable, Hashable {
    public let vi: String
    public let en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// The label in `language`.
    public func text(_ language: ReportLanguage) -> String { language == .vi ? vi : en }
}

/// A typed label key: each case has its ``Term`` in both languages (an exhaustive `switch`,
/// so a new case does not compile without both). `VocabularyTests` checks that none is empty
/// and that no two keys of a kind share a label.
public protocol LabelKey: CaseIterable, Sendable {
    var term: Term { get }
}

/// The standard work categories (lĩnh vực, docs/model.md §1). A scenario may use others:
/// reports show those as written.
public enum CategoryLabel: String, LabelKey {
    case transport, irrigation, electricity, school, culture, commerce, ict, housing, production,
         education, health, environment, water, security, planning

    public var term: Term {
        switch self {
        case .transport: Term(vi: "Giao thông", en: "Transport")
        case .irrigation: Term(vi: "Thủy lợi", en: "Irrigation")
        case .electricity: Term(vi: "Điện", en: "Electricity")
        case .school: Term(vi: "Trường học", en: "Schools")
        case .culture: Term(vi: "Văn hóa", en: "Culture")
        case .commerce: Term(vi: "Thương mại nông thôn", en: "Rural commerce")
        case .ict: Term(vi: "Thông tin và truyền thông", en: "Information and communication")
        case .housing: Term(vi: "Nhà ở dân cư", en: "Housing")
        case .production: Term(vi: "Phát triển sản xuất", en: "Production")
        case .education: Term(vi: "Giáo dục", en: "Education")
        case .health: Term(vi: "Y tế", en: "Health")
        case .environment: Term(vi: "Môi trường", en: "Environment")
        case .water: Term(vi: "Nước sạch", en: "Clean water")
        case .security: Term(vi: "An ninh, trật tự", en: "Security")
        case .planning: Term(vi: "Quy hoạch", en: "Planning")
        }
    }
}

extension SourceKind: LabelKey {
    /// The kind of money (loại nguồn vốn) as reports name it.
    public var term: Term {
        switch self {
        case .central: Term(vi: "Ngân sách trung ương", en: "Central budget")
        case .localBudget: Term(vi: "Ngân sách địa phương", en: "Local budget")
        case .integrated: Term(vi: "Vốn lồng ghép", en: "Integrated programmes")
        case .credit: Term(vi: "Vốn tín dụng", en: "Credit")
        case .enterprise: Term(vi: "Vốn doanh nghiệp", en: "Enterprises")
        case .people: Term(vi: "Nhân dân đóng góp", en: "People's contributions")
        case .labour: Term(vi: "Ngày công lao động", en: "Community labour")
        }
    }
}

extension CommuneStatus: LabelKey {
    /// The commune's NTM status as reports name it.
    public var term: Term {
        switch self {
        case .belowStandard: Term(vi: "Chưa đạt", en: "Below the standard")
        case .target: Term(vi: "Phấn đấu đạt chuẩn", en: "Target")
        case .standard: Term(vi: "Đạt chuẩn", en: "At the standard")
        case .advanced: Term(vi: "Nâng cao", en: "Advanced")
        case .model: Term(vi: "Kiểu mẫu", en: "Model")
        }
    }
}

/// Whether a source's money is one pooled budget or a capacity in each commune.
public enum ScopeLabel: String, LabelKey {
    case pooled, local

    public var term: Term {
        switch self {
        case .pooled: Term(vi: "vốn chung", en: "pooled")
        case .local: Term(vi: "tại xã", en: "local")
        }
    }

    /// The label key of `scope`.
    public init(_ scope: SourceScope) {
        if case .pooled = scope { self = .pooled } else { self = .local }
    }
}

/// How reports name the scenario's things: categories, kinds, statuses, and works with their names.
public enum Vocabulary {
    /// A category's label, or the category as written when it is not a standard one.
    public static func category(_ category: String, _ language: ReportLanguage) -> String {
        CategoryLabel(rawValue: category)?.term.text(language) ?? category
    }

    /// "w0057 — Trường tiểu học Yên Khoái", or the id alone for a work without a name.
    public static func work(_ work: Work) -> String { self.work(id: work.id, name: work.name) }

    /// A work's id and name ("w0057 — Trường tiểu học Yên Khoái"), or the id alone without a name.
    public static func work(id: String, name: String?) -> String {
        guard let name, !name.isEmpty else { return id }
        return "\(id) — \(name)"
    }

    /// The scenario's provenance note as the first lines of a Markdown report ("" without one).
    public static func notesBlock(_ scenario: Scenario, _ language: ReportLanguage) -> String {
        notesBlock(scenario.notes, language)
    }

    /// A provenance note as the first lines of a Markdown report ("" without one).
    public static func notesBlock(_ notes: String?, _ language: ReportLanguage) -> String {
        guard let notes, !notes.isEmpty else { return "" }
        let lead = language == .vi ? "Nguồn dữ liệu" : "About the data"
        return "> **\(lead):** " + notes.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n> ") + "\n\n"
    }

    /// The scenario's provenance note as a line of terminal text ("" without one).
    public static func notesLine(_ scenario: Scenario, _ language: ReportLanguage) -> String {
        notesLine(scenario.notes, language)
    }

    /// A provenance note as a line of terminal text ("" without one).
    public static func notesLine(_ notes: String?, _ language: ReportLanguage) -> String {
        guard let notes, !notes.isEmpty else { return "" }
        return (language == .vi ? "Nguồn dữ liệu: " : "About the data: ") + notes + "\n"
    }
}
