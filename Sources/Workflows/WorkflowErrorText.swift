import ScenarioIO

extension WorkflowError {
    /// The error as the command line prints it after "error: " (English) or in Vietnamese
    /// framing (`--lang vi`, `NTM_ALLOC_LANG=vi`): input problems with "dòng"/"cột"/"khóa" and
    /// a "Lỗi dữ liệu đầu vào" heading, the kind of the other errors in Vietnamese, and their
    /// details (a usage message, GLPK's or the file system's reason) as they are.
    public func text(vietnamese: Bool) -> String {
        guard vietnamese else { return "error: " + description }
        switch self {
        case .input(let error): return error.text(vietnamese: true)
        case .usage(let message): return "Lỗi dòng lệnh: \(message)"
        case .model(let error): return "Lỗi: không giải được mô hình: \(error)"
        case .write(let error): return "Lỗi ghi kết quả: \(error.description)"
        }
    }
}
