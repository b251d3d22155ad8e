//! A stable insertion sort for the core's short lists (at most a dozen costs,
//! five signs, twelve members). The standard library's stable sort (driftsort)
//! is instantiated anew for every element type and key, several kilobytes of
//! wasm each; the widget's lists are far too short for that to pay off.

/// Sorts `items` by `key`, keeping the order of equal keys (like `slice::sort_by_key`).
///
/// ```
/// let mut v = [(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd')];
/// readiness_core::sort_small_by_key(&mut v, |x| x.0);
/// assert_eq!(v, [(0, 'd'), (1, 'b'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_small_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_stable_sort(items in proptest::collection::vec((0u8..5, any::<u16>()), 0..40)) {
            let mut ours = items.clone();
            super::sort_small_by_key(&mut ours, |x| x.0);
            let mut std = items;
            std.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std);
        }
    }
}
