/**
 * Corporate control (parent controls child) as a directed graph, walked transitively for caps:
 * rule 3.1.h counts a chain leader together with all its direct and indirect subsidiaries.
 * Build a ControlGraph once (adjacency maps) for repeated queries; the free functions build one per
 * call. Every walk is cycle-safe, although cycles should be refused on entry (wouldCreateCycle).
 */

export interface ControlGraphEdge {
  parent: string;
  child: string;
}

export class ControlGraph {
  private readonly down = new Map<string, Set<string>>();
  private readonly up = new Map<string, Set<string>>();
  private count = 0;

  constructor(edges: Iterable<ControlGraphEdge> = []) {
    for (const e of edges) this.addEdge(e.parent, e.child);
  }

  /** Adds parent → child; a repeated edge is ignored. Does not refuse cycles (check first). */
  addEdge(parent: string, child: string): void {
    const kids = this.down.get(parent) ?? new Set<string>();
    if (kids.has(child)) return;
    kids.add(child);
    this.down.set(parent, kids);
    const parents = this.up.get(child) ?? new Set<string>();
    parents.add(parent);
    this.up.set(child, parents);
    this.count++;
  }

  /** Number of distinct edges. */
  get edgeCount(): number {
    return this.count;
  }

  hasNode(id: string): boolean {
    return this.down.has(id) || this.up.has(id);
  }

  /** Direct subsidiaries. */
  childrenOf(id: string): string[] {
    return [...(this.down.get(id) ?? [])];
  }

  /** Direct controllers. */
  parentsOf(id: string): string[] {
    return [...(this.up.get(id) ?? [])];
  }

  /** All direct and indirect subsidiaries, breadth-first, never including root itself. */
  descendants(root: string): string[] {
    return walk(this.down, root);
  }

  /** All direct and indirect controllers, breadth-first, never including node itself. */
  ancestors(node: string): string[] {
    return walk(this.up, node);
  }

  /**
   * The path that adding parent → child would close, as [parent, child, …, parent] (shortest via
   * existing edges), or null when the edge is safe. A self-loop gives [parent, parent].
   */
  cyclePath(parent: string, child: string): string[] | null {
    if (parent === child) return [parent, parent];
    // Breadth-first from child looking for parent, remembering how each node was reached.
    const cameFrom = new Map<string, string>([[child, child]]);
    const queue = [child];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const next of this.down.get(node) ?? []) {
        if (cameFrom.has(next)) continue;
        cameFrom.set(next, node);
        if (next === parent) {
          const path = [parent];
          for (let at = parent; at !== child;) {
            at = cameFrom.get(at)!;
            path.push(at);
          }
          path.push(parent);
          return path.reverse();
        }
        queue.push(next);
      }
    }
    return null;
  }

  /** True when adding parent → child would make a cycle (including parent === child). */
  wouldCreateCycle(parent: string, child: string): boolean {
    return this.cyclePath(parent, child) !== null;
  }

  /**
   * Top-most controllers of a node: it and its ancestors that have no parent. If everything above
   * is a cycle with no top, all of them count as tops.
   */
  topmost(node: string): string[] {
    const candidates = [node, ...this.ancestors(node)];
    const tops = candidates.filter((id) => !this.up.has(id));
    return tops.length > 0 ? tops : candidates;
  }

  /**
   * The corporate group of a node, for caps: its top-most controllers plus all their descendants
   * (so always including the node). A node with two parents in different groups (e.g. a joint
   * venture) joins both: its group is the union of both groups — the conservative reading for a cap.
   * Hence the relation is not symmetric: the joint venture's group is larger than each parent's.
   */
  corporateGroup(node: string): string[] {
    const seen = new Set<string>();
    for (const top of this.topmost(node)) {
      seen.add(top);
      for (const id of this.descendants(top)) seen.add(id);
    }
    return [...seen];
  }
}

function walk(adjacency: ReadonlyMap<string, ReadonlySet<string>>, start: string): string[] {
  const seen = new Set<string>([start]);
  const out: string[] = [];
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    for (const next of adjacency.get(queue[head]!) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      out.push(next);
      queue.push(next);
    }
  }
  return out;
}

export function descendants(edges: Iterable<ControlGraphEdge>, root: string): string[] {
  return new ControlGraph(edges).descendants(root);
}

export function ancestors(edges: Iterable<ControlGraphEdge>, node: string): string[] {
  return new ControlGraph(edges).ancestors(node);
}

export function wouldCreateCycle(edges: Iterable<ControlGraphEdge>, parent: string, child: string): boolean {
  return new ControlGraph(edges).wouldCreateCycle(parent, child);
}

export function cyclePath(edges: Iterable<ControlGraphEdge>, parent: string, child: string): string[] | null {
  return new ControlGraph(edges).cyclePath(parent, child);
}

export function corporateGroup(edges: Iterable<ControlGraphEdge>, node: string): string[] {
  return new ControlGraph(edges).corporateGroup(node);
}
