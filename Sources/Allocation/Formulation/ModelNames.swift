/// Builds the ASCII names GLPK and its LP/MPS writers see (`x_<source>_<work>`, `cover_<work>`…).
///
/// Ids are written with every character outside `A–Z a–z 0–9 _ .` replaced by `_` (so
/// `ntm-central` becomes `ntm_central`: GLPK's CPLEX-LP writer would otherwise turn `-` into
/// `~`). Should two names still collide, the later one gets a `_2`, `_3`… suffix. Vietnamese
/// display names stay in the scenario.
struct ModelNames {
    /// The names given so far, and an open-addressing table of their indices keyed by an
    /// FNV-1a hash of their UTF-8 bytes: a `Set<String>` spent half of its time in Swift's
    /// seeded hasher (about 0.1 s of the 0.2 s naming a 2,000-commune model's 200,000 rows and
    /// columns).
    private var names: [String] = []
    private var slots = [Int32](repeating: -1, count: 1 << 12)

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
        // One allocation: `+=` of `"_" + part` made a string per part.
        var name = ""
        name.reserveCapacity(parts.reduce(prefix.utf8.count) { $0 + 1 + $1.utf8.count })
        name += prefix
        for part in parts {
            name += "_"
            name += part
        }
        if name.utf8.count > 240 { name = String(name.utf8.prefix(240))! }
        if insert(name) { return name }
        var k = 2
        while !insert(name + "_\(k)") { k += 1 }
        return name + "_\(k)"
    }

    /// Adds `name`; false when it was given before.
    private mutating func insert(_ name: String) -> Bool {
        if 2 * (names.count + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var i = Self.hash(name) & mask
        while slots[i] >= 0 {
            if names[Int(slots[i])] == name { return false }
            i = (i + 1) & mask
        }
        slots[i] = Int32(names.count)
        names.append(name)
        return true
    }

    /// Doubles the table and places every name again.
    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (k, name) in names.enumerated() {
            var i = Self.hash(name) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(k)
        }
    }

    /// FNV-1a over the UTF-8 bytes (read in place: a built name is contiguous), its high bits
    /// folded into the low ones the table uses.
    private static func hash(_ name: String) -> Int {
        var name = name
        let h = name.withUTF8 { bytes in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                h ^= UInt64(byte)
                h = h &* 0x0000_0100_0000_01b3
            }
            return h
        }
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }
}
