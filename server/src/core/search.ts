/** Binary search over arrays sorted by a numeric key (lines, seconds). */

/** The first index whose key passes `after` (`items.length` when none does). */
function firstIndex<T>(
  items: ArrayLike<T>,
  after: (key: number) => boolean,
  key: (item: T) => number,
): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after(key(items[mid]))) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The first index whose key is at least `value` (`items.length` when there is none). */
export function lowerBound<T>(
  items: ArrayLike<T>,
  value: number,
  key: (item: T) => number,
): number {
  return firstIndex(items, (k) => k >= value, key);
}

/** The first index whose key is above `value` (`items.length` when there is none). */
export function upperBound<T>(
  items: ArrayLike<T>,
  value: number,
  key: (item: T) => number,
): number {
  return firstIndex(items, (k) => k > value, key);
}

/** The index of the entry equal to `value` in sorted numbers (the first such), or -1. */
export function indexOf(sorted: ArrayLike<number>, value: number): number {
  const i = lowerBound(sorted, value, (n) => n);
  return i < sorted.length && sorted[i] === value ? i : -1;
}
