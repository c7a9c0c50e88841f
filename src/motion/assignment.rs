//! Optimal assignment of tracks to detections (the Hungarian method), allocation-free.
//!
//! Greedy nearest-first matching swaps two children whose paths cross; the optimal
//! assignment minimises the total distance over all pairs at once, so it does not.

/// Largest number of rows (tracks) and columns (detections) accepted.
pub const MAX_ROWS: usize = 8;
/// See [`MAX_ROWS`].
pub const MAX_COLS: usize = 24;
const MAX_M: usize = MAX_COLS + MAX_ROWS;
/// Cost of a forbidden pair: larger than any sum of real costs.
pub const FORBIDDEN: f32 = 1.0e6;

/// Solves assignment problems of up to [`MAX_ROWS`] x [`MAX_COLS`] without allocating.
#[derive(Debug, Clone)]
pub struct Assignment {
    cost: [[f32; MAX_COLS]; MAX_ROWS],
    rows: usize,
    cols: usize,
}

impl Default for Assignment {
    fn default() -> Self {
        Self {
            cost: [[FORBIDDEN; MAX_COLS]; MAX_ROWS],
            rows: 0,
            cols: 0,
        }
    }
}

impl Assignment {
    /// Starts a problem of `rows` x `cols`, every pair forbidden until given a cost.
    ///
    /// # Panics
    /// If the problem is larger than the limits.
    pub fn reset(&mut self, rows: usize, cols: usize) {
        assert!(rows <= MAX_ROWS && cols <= MAX_COLS, "assignment too large");
        self.rows = rows;
        self.cols = cols;
        for row in &mut self.cost[..rows] {
            row[..cols].fill(FORBIDDEN);
        }
    }

    /// Allows pairing `row` with `col` at `cost`.
    pub fn set(&mut self, row: usize, col: usize, cost: f32) {
        self.cost[row][col] = cost;
    }

    /// Finds the pairing of least total cost where each row either takes one column or stays
    /// alone at `alone_cost`; forbidden pairs are never chosen. Writes each row's column (or
    /// `None`) to `out[..rows]`.
    ///
    /// # Examples
    /// ```
    /// use wigglewoods::motion::Assignment;
    /// let mut a = Assignment::default();
    /// a.reset(2, 2);
    /// // Greedy would give row 0 its nearest column 0 and leave row 1 with column 1 (cost 10).
    /// a.set(0, 0, 1.0);
    /// a.set(0, 1, 2.0);
    /// a.set(1, 0, 1.5);
    /// a.set(1, 1, 10.0);
    /// let mut out = [None; 2];
    /// a.solve(20.0, &mut out);
    /// assert_eq!(out, [Some(1), Some(0)]);
    /// ```
    pub fn solve(&self, alone_cost: f32, out: &mut [Option<usize>]) {
        let (n, cols) = (self.rows, self.cols);
        // Columns cols..cols+n are each row's own "alone" column.
        let m = cols + n;
        let cost = |i: usize, j: usize| -> f32 {
            if j < cols {
                self.cost[i][j]
            } else if j - cols == i {
                alone_cost
            } else {
                FORBIDDEN
            }
        };
        // Potentials and matching, 1-based as in the classic formulation.
        let mut u = [0f32; MAX_ROWS + 1];
        let mut v = [0f32; MAX_M + 1];
        let mut p = [0usize; MAX_M + 1];
        let mut way = [0usize; MAX_M + 1];
        for i in 1..=n {
            p[0] = i;
            let mut j0 = 0;
            let mut minv = [f32::INFINITY; MAX_M + 1];
            let mut used = [false; MAX_M + 1];
            loop {
                used[j0] = true;
                let i0 = p[j0];
                let mut delta = f32::INFINITY;
                let mut j1 = 0;
                for j in 1..=m {
                    if used[j] {
                        continue;
                    }
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                for j in 0..=m {
                    if used[j] {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
                if p[j0] == 0 {
                    break;
                }
            }
            loop {
                let j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
                if j0 == 0 {
                    break;
                }
            }
        }
        out[..n].fill(None);
        for (j, &i) in p.iter().enumerate().take(cols + 1).skip(1) {
            if i > 0 && self.cost[i - 1][j - 1] < FORBIDDEN {
                out[i - 1] = Some(j - 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Tries every assignment: obviously correct, fine for tiny problems.
    fn brute_force(cost: &[Vec<f32>], alone: f32) -> f32 {
        fn go(i: usize, cost: &[Vec<f32>], alone: f32, taken: &mut Vec<bool>) -> f32 {
            if i == cost.len() {
                return 0.0;
            }
            let mut best = alone + go(i + 1, cost, alone, taken);
            for j in 0..taken.len() {
                if !taken[j] && cost[i][j] < FORBIDDEN {
                    taken[j] = true;
                    best = best.min(cost[i][j] + go(i + 1, cost, alone, taken));
                    taken[j] = false;
                }
            }
            best
        }
        let cols = cost.first().map_or(0, |r| r.len());
        go(0, cost, alone, &mut vec![false; cols])
    }

    proptest! {
        #[test]
        fn matches_brute_force(
            rows in 0usize..5,
            cols in 0usize..6,
            values in proptest::collection::vec(0u32..100, 30),
            alone in 1u32..120,
        ) {
            let mut a = Assignment::default();
            a.reset(rows, cols);
            let mut cost = vec![vec![FORBIDDEN; cols]; rows];
            for i in 0..rows {
                for j in 0..cols {
                    let v = values[i * 6 + j];
                    if v < 90 {
                        cost[i][j] = v as f32;
                        a.set(i, j, v as f32);
                    }
                }
            }
            let mut out = [None; MAX_ROWS];
            a.solve(alone as f32, &mut out);
            let mut total = 0.0;
            let mut seen = vec![false; cols];
            for i in 0..rows {
                match out[i] {
                    Some(j) => {
                        prop_assert!(!seen[j], "column used twice");
                        seen[j] = true;
                        total += cost[i][j];
                    }
                    None => total += alone as f32,
                }
            }
            prop_assert!((total - brute_force(&cost, alone as f32)).abs() < 1e-3);
        }
    }
}
