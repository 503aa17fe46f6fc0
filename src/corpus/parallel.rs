//! Order-preserving work on several threads (`std::thread::scope`, no thread pool crate: the
//! corpus code needs only "split a slice in contiguous chunks, map, concatenate", and the
//! standard library does that without adding a dependency to the build).

/// Maps `f` over `items` on up to `threads` threads; the result is in input order, whatever
/// the number of threads, so output built from it does not depend on the machine.
/// `f` receives the item's index and the item. A panicking worker panics the caller.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(usize, &T) -> R + Sync,
) -> Vec<R> {
    map_chunks(items, threads, |start, chunk| {
        chunk
            .iter()
            .enumerate()
            .map(|(k, item)| f(start + k, item))
            .collect()
    })
}

/// Calls `f` once per contiguous chunk of `items` (with the chunk's first index) on up to
/// `threads` threads and concatenates the results in input order. Lets a worker keep state
/// (buffers, caches) across the items of its chunk.
pub fn map_chunks<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(usize, &[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    let threads = threads.max(1).min(items.len().max(1));
    if threads <= 1 {
        return f(0, items);
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(n, c)| s.spawn(move || f(n * chunk, c)))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            match h.join() {
                Ok(v) => out.extend(v),
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        out
    })
}

/// Threads to use by default: the machine's cores, at most 8.
pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
}

#[cfg(test)]
mod tests {
    #[test]
    fn order_does_not_depend_on_threads() {
        let items: Vec<u32> = (0..1000).collect();
        let one = super::map(&items, 1, |i, x| (i, x * 2));
        for t in [2, 3, 7, 2000] {
            assert_eq!(super::map(&items, t, |i, x| (i, x * 2)), one);
        }
        assert!(super::map(&[] as &[u32], 4, |_, x| *x).is_empty());
    }
}
