/**
 * What the bundles need from Node that Node 20 lacks. VS Code 1.95 runs extensions on Node 20.18,
 * and `cellspec` promises Node 20 (`engines`), but chevrotain's grammar checks call
 * `Object.groupBy` (Node 21+). The polyfill follows the specification's semantics (groups in
 * first-seen order, a null-prototype object) and is installed only where the function is missing.
 */
type GroupBy = <T, K extends PropertyKey>(
  items: Iterable<T>,
  key: (item: T, index: number) => K,
) => Partial<Record<K, T[]>>;

export function installNodeCompat(): void {
  const objectConstructor = Object as unknown as { groupBy?: GroupBy };
  if (typeof objectConstructor.groupBy === 'function') return;
  Object.defineProperty(Object, 'groupBy', {
    configurable: true,
    writable: true,
    value: function groupBy<T, K extends PropertyKey>(items: Iterable<T>, key: (item: T, index: number) => K) {
      const groups = Object.create(null) as Record<K, T[]>;
      let index = 0;
      for (const item of items) {
        const k = key(item, index++);
        (groups[k] ??= []).push(item);
      }
      return groups;
    } satisfies GroupBy,
  });
}

installNodeCompat();
