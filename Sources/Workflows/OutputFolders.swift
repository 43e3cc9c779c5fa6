import Reports

extension OutputSet {
    /// Opens the output set of a command (creating and locking `folder`), as a workflow error.
    static func opening(_ folder: String) throws(WorkflowError) -> OutputSet {
        do { return try OutputSet(folder: folder) } catch { throw .write(error) }
    }

    /// Stages `files` (name, text) and commits them with whatever was staged before; returns
    /// the final paths of every file of the set.
    func committing(_ files: [(String, String)]) throws(WorkflowError) -> [String] {
        do {
            for (name, text) in files { try add(name, text: text) }
            return try commit()
        } catch {
            throw .write(error)
        }
    }
}
