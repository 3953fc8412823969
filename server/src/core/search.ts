/** Binary search over arrays sorted by a numeric key (lines, seconds). */

/** The first index whose key passes `after` (`items.length` when none does). */
function firstIndex<T>(
  items: readonly T[],
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
  items: readonly T[],
  value: number,
  key: (item: T) => number,
): number {
  return firstIndex(items, (k) => k >= value, key);
}

/** The first index whose key is above `value` (`items.length` when there is none). */
export function upperBound<T>(
  items: readonly T[],
  value: number,
  key: (item: T) => number,
): number {
  return firstIndex(items, (k) => k > value, key);
}
