/// The dense inverse both small simplex sessions keep (``DenseSimplexSession``'s basis,
/// ``GUBSimplexSession``'s working basis), recomputed from scratch.
enum DenseInverse {
    /// Inverts the m × m matrix held in the left half of `work` (m × 2m by rows, its right half
    /// the identity) by Gauss–Jordan elimination with partial pivoting, each pivot row's
    /// non-zeros listed once (in `nonZeros`, length ≥ 2m) so that the eliminations touch only
    /// them: a basis matrix and its inverse are mostly zeros. Writes the inverse into `inverse`
    /// (m × m by rows); false when a pivot is below 10⁻¹¹ of the matrix's largest entry (singular).
    static func gaussJordan(_ work: UnsafeMutableBufferPointer<Double>, order m: Int,
                            nonZeros: UnsafeMutableBufferPointer<Int>, into inverse: UnsafeMutableBufferPointer<Double>) -> Bool {
        // Through raw pointers and wrapping index steps: an indexed buffer kept the overflow
        // checks of `other + j` in every step of the elimination.
        let w = work.baseAddress!, list = nonZeros.baseAddress!, width = 2 * m
        var scale = 0.0
        for i in 0..<m { for j in 0..<m { scale = max(scale, abs(w[i &* width &+ j])) } }
        for c in 0..<m {
            var p = c, best = abs(w[c &* width &+ c])
            for r in (c + 1)..<max(c + 1, m) where abs(w[r &* width &+ c]) > best { p = r; best = abs(w[r &* width &+ c]) }
            guard best > 1e-11 * max(1, scale) else { return false }
            let row = w + c &* width
            if p != c {
                let other = w + p &* width
                for j in 0..<width { swap(&row[j], &other[j]) }
            }
            let pivot = row[c]
            var count = 0
            for j in 0..<width where row[j] != 0 {
                row[j] /= pivot
                list[count] = j
                count &+= 1
            }
            for r in 0..<m where r != c {
                let other = w + r &* width, f = other[c]
                guard f != 0 else { continue }
                for t in 0..<count {
                    let j = list[t]
                    other[j] -= f * row[j]
                }
            }
        }
        for i in 0..<m { for j in 0..<m { inverse[i * m + j] = w[i * width + m + j] } }
        return true
    }

    // The row operations of a product-form update on a dense inverse (and the dual updates that
    // go with it), four entries at a time: an indexed loop over a buffer kept the overflow
    // checks of `row + j` in every step and was not vectorised. Each entry gets the very
    // operations of the plain loop (no fused multiply-add), so results are bit for bit the same.

    /// y[j] −= a·x[j] for j in 0..<count: y + (−a)·x, which is the same number bit for bit
    /// ((−a)·x = −(a·x) exactly, and y + (−t) = y − t).
    @inline(__always)
    static func subtract(_ a: Double, times x: UnsafePointer<Double>, from y: UnsafeMutablePointer<Double>, count: Int) {
        add(-a, times: x, to: y, count: count)
    }

    /// y[j] += a·x[j] for j in 0..<count.
    @inline(__always)
    static func add(_ a: Double, times x: UnsafePointer<Double>, to y: UnsafeMutablePointer<Double>, count: Int) {
        let va = SIMD4<Double>(repeating: a)
        var j = 0
        while j &+ 4 <= count {
            let xv = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD4<Double>.self)
            let yv = UnsafeRawPointer(y + j).loadUnaligned(as: SIMD4<Double>.self)
            UnsafeMutableRawPointer(y + j).storeBytes(of: yv + va * xv, as: SIMD4<Double>.self)
            j &+= 4
        }
        while j < count {
            y[j] += a * x[j]
            j &+= 1
        }
    }

    /// y[j] += a·x[j] and z[j] += |a·x[j]| for j in 0..<count: a product with the magnitudes of
    /// its terms, for checking it to a relative tolerance.
    @inline(__always)
    static func add(_ a: Double, times x: UnsafePointer<Double>, to y: UnsafeMutablePointer<Double>,
                    magnitudesTo z: UnsafeMutablePointer<Double>, count: Int) {
        let va = SIMD4<Double>(repeating: a)
        var j = 0
        while j &+ 4 <= count {
            let t = va * UnsafeRawPointer(x + j).loadUnaligned(as: SIMD4<Double>.self)
            let yv = UnsafeRawPointer(y + j).loadUnaligned(as: SIMD4<Double>.self)
            let zv = UnsafeRawPointer(z + j).loadUnaligned(as: SIMD4<Double>.self)
            UnsafeMutableRawPointer(y + j).storeBytes(of: yv + t, as: SIMD4<Double>.self)
            UnsafeMutableRawPointer(z + j).storeBytes(of: zv + pointwiseMax(t, -t), as: SIMD4<Double>.self)
            j &+= 4
        }
        while j < count {
            let t = a * x[j]
            y[j] += t
            z[j] += abs(t)
            j &+= 1
        }
    }

    /// x[j] /= d for j in 0..<count.
    @inline(__always)
    static func divide(_ x: UnsafeMutablePointer<Double>, count: Int, by d: Double) {
        let vd = SIMD4<Double>(repeating: d)
        var j = 0
        while j &+ 4 <= count {
            let xv = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD4<Double>.self)
            UnsafeMutableRawPointer(x + j).storeBytes(of: xv / vd, as: SIMD4<Double>.self)
            j &+= 4
        }
        while j < count {
            x[j] /= d
            j &+= 1
        }
    }
}
