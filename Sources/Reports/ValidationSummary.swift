import Allocation

/// What `ntm-alloc validate` prints for a valid scenario: its size and the model's.
public enum ValidationSummary {
    /// "NAME: OK", then the counts of communes, works and sources, the weights profile and mode,
    /// and the model's rows, columns, non-zeros and integer columns.
    public static func render(_ scenario: Scenario, mode: SolveMode,
                              size: (rows: Int, columns: Int, nonZeros: Int, integers: Int)) -> String {
        """
        \(scenario.name): OK
          \(scenario.communes.count) communes, \(scenario.works.count) works, \(scenario.sources.count) sources, weights "\(scenario.weights.name)", mode \(mode.rawValue)
          model: \(size.rows) rows × \(size.columns) columns, \(size.nonZeros) non-zeros, \(size.integers) integer columns

        """
    }
}
