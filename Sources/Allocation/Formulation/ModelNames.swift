/// Builds the ASCII names GLPK and its LP/MPS writers see (`x_<source>_<work>`, `cover_<work>`…).
///
/// Ids are written with every character outside `A–Z a–z 0–9 _ .` replaced by `_` (so
/// `ntm-central` becomes `ntm_central`: GLPK's CPLEX-LP writer would otherwise turn `-` into
/// `~`). Should two names still collide, the later one gets a `_2`, `_3`… suffix. Vietnamese
/// display names stay in the scenario.
struct ModelNames {
    private var used = Set<String>()

    static func sanitize(_ id: String) -> String {
        var result = ""
        result.reserveCapacity(id.utf8.count)
        for scalar in id.unicodeScalars {
            let v = scalar.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F || v == 0x2E
            result.unicodeScalars.append(ok ? scalar : "_")
        }
        return result
    }

    /// A unique name `prefix_part1_part2…`, at most 255 bytes.
    mutating func unique(_ prefix: String, _ parts: String...) -> String {
        var name = prefix
        for part in parts { name += "_" + part }
        if name.utf8.count > 240 { name = String(name.utf8.prefix(240))! }
        if used.insert(name).inserted { return name }
        var k = 2
        while !used.insert(name + "_\(k)").inserted { k += 1 }
        return name + "_\(k)"
    }
}
