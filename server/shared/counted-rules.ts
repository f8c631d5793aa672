/**
 * Fault rules used up one count at a time, the first added first: the store behind the
 * emulator's Connect fault switch and the token endpoint's per-key faults.
 */
export interface CountedRules<R extends { count: number }> {
  add(rule: R): void;
  /** Takes one use of the first rule that `matches` (dropped when used up) and returns it. */
  take(matches: (rule: R) => boolean): R | undefined;
  /** Copies of the rules that `matches` (all by default). */
  list(matches?: (rule: R) => boolean): R[];
  clear(): void;
}

export function createCountedRules<R extends { count: number }>(): CountedRules<R> {
  let rules: R[] = [];
  return {
    add(rule) {
      rules.push({ ...rule });
    },
    take(matches) {
      const rule = rules.find(matches);
      if (!rule) return undefined;
      rule.count -= 1;
      if (rule.count <= 0) rules = rules.filter((r) => r !== rule);
      return rule;
    },
    list(matches = () => true) {
      return rules.filter(matches).map((rule) => ({ ...rule }));
    },
    clear() {
      rules = [];
    },
  };
}
