//! A union-find over run labels whose roots are always the smallest label of their set.
//!
//! Keeping the smallest label as root means that flattening numbers the components in the
//! order their first run was seen, which is how the labeller orders its output.

/// Disjoint sets over `0..len`, reused between frames without reallocating.
#[derive(Debug, Clone, Default)]
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    /// Forgets all sets, keeping the capacity.
    pub fn clear(&mut self) {
        self.parent.clear();
    }

    /// Makes room for `count` labels.
    pub fn reserve(&mut self, count: usize) {
        self.parent.reserve(count);
    }

    /// Adds a new singleton set and returns its label.
    pub fn make_set(&mut self) -> u32 {
        let label = self.parent.len() as u32;
        self.parent.push(label);
        label
    }

    /// The root of `label`'s set, halving the path on the way.
    pub fn find(&mut self, mut label: u32) -> u32 {
        while self.parent[label as usize] != label {
            let grand = self.parent[self.parent[label as usize] as usize];
            self.parent[label as usize] = grand;
            label = grand;
        }
        label
    }

    /// Joins the sets of `a` and `b`; the smaller root becomes the root of both.
    pub fn union(&mut self, a: u32, b: u32) -> u32 {
        let (ra, rb) = (self.find(a), self.find(b));
        let (small, large) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[large as usize] = small;
        small
    }

    /// Replaces every label by a consecutive component number (0, 1, ...) in order of each
    /// set's smallest label, and returns the number of components.
    pub fn flatten(&mut self) -> usize {
        let mut next = 0u32;
        for i in 0..self.parent.len() {
            let p = self.parent[i] as usize;
            if p < i {
                // The root was numbered already (roots are smallest): take its number.
                self.parent[i] = self.parent[p];
            } else {
                self.parent[i] = next;
                next += 1;
            }
        }
        next as usize
    }

    /// After [`UnionFind::flatten`]: the component number of a label.
    pub fn component(&self, label: u32) -> u32 {
        self.parent[label as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattening_numbers_sets_by_their_smallest_label() {
        let mut uf = UnionFind::default();
        for _ in 0..6 {
            uf.make_set();
        }
        uf.union(4, 1);
        uf.union(5, 3);
        uf.union(3, 4);
        // Sets: {0}, {1,3,4,5}, {2}.
        assert_eq!(uf.flatten(), 3);
        let numbers: Vec<u32> = (0..6).map(|l| uf.component(l)).collect();
        assert_eq!(numbers, [0, 1, 2, 1, 1, 1]);
    }
}
