/**
 * Orders nodes so that each comes after the nodes it reads, keeping the written order where
 * dependencies allow (stable output for reports). Returns the cycle, named in order, if any.
 */
export function topologicalOrder(
  names: readonly string[],
  dependsOn: (name: string) => readonly string[],
): { order: string[]; cycle?: string[] } {
  const inGraph = new Set(names);
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const stack: string[] = [];

  const visit = (name: string): string[] | undefined => {
    const s = state.get(name);
    if (s === 'done') return undefined;
    if (s === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of dependsOn(name)) {
      if (!inGraph.has(dep)) continue;
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(name, 'done');
    order.push(name);
    return undefined;
  };

  for (const name of names) {
    const cycle = visit(name);
    if (cycle) return { order, cycle };
  }
  return { order };
}
