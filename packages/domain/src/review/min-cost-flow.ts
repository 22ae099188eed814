/**
 * Min-cost flow on integer costs: primal-dual successive shortest paths. Each phase runs Dijkstra on
 * reduced costs (node potentials keep them ≥ 0), updates the potentials, then pushes a blocking flow
 * (Dinic) along the arcs of zero reduced cost, so one phase serves every shortest augmenting path.
 * Potentials are kept through the whole run: they are the dual prices of the final flow.
 */

/** A directed network in compressed form; arcs come in pairs (forward, reverse). */
export class FlowNetwork {
  readonly nodes: number;
  private from: number[] = [];
  private to: number[] = [];
  private caps: number[] = [];
  private costs: number[] = [];
  /** After build(): arcs of node x are first[x] … first[x+1]-1. */
  first = new Int32Array(0);
  head = new Int32Array(0);
  residual = new Int32Array(0);
  cost = new Int32Array(0);
  rev = new Int32Array(0);
  /** Arc index of each added edge (forward arc). */
  edgeArc = new Int32Array(0);

  constructor(nodes: number) {
    this.nodes = nodes;
  }

  /** Adds an edge with a non-negative integer cost; returns its edge index. */
  addEdge(from: number, to: number, cap: number, cost: number): number {
    this.from.push(from);
    this.to.push(to);
    this.caps.push(cap);
    this.costs.push(cost);
    return this.from.length - 1;
  }

  get edges(): number {
    return this.from.length;
  }

  build(): void {
    const n = this.nodes;
    const m = this.from.length;
    const deg = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      deg[this.from[e]!]!++;
      deg[this.to[e]!]!++;
    }
    const first = new Int32Array(n + 1);
    for (let x = 0; x < n; x++) first[x + 1] = first[x]! + deg[x]!;
    const fill = first.slice(0, n);
    const head = new Int32Array(2 * m);
    const residual = new Int32Array(2 * m);
    const cost = new Int32Array(2 * m);
    const rev = new Int32Array(2 * m);
    const edgeArc = new Int32Array(m);
    for (let e = 0; e < m; e++) {
      const u = this.from[e]!;
      const v = this.to[e]!;
      const a = fill[u]!++;
      const b = fill[v]!++;
      head[a] = v;
      residual[a] = this.caps[e]!;
      cost[a] = this.costs[e]!;
      rev[a] = b;
      head[b] = u;
      residual[b] = 0;
      cost[b] = -this.costs[e]!;
      rev[b] = a;
      edgeArc[e] = a;
    }
    Object.assign(this, { first, head, residual, cost, rev, edgeArc, from: [], to: [], caps: [], costs: [] });
  }

  /** Flow on an added edge. */
  flow(edge: number): number {
    return this.residual[this.rev[this.edgeArc[edge]!]!]!;
  }
}

export interface FlowRun {
  flow: number;
  phases: number;
  /** Blocking-flow rounds over all phases. */
  rounds: number;
  /** Node potentials: every residual arc x→y has cost + potential[x] − potential[y] ≥ 0. */
  potential: Float64Array;
}

/**
 * Sends up to `limit` units from s to t at least cost. The initial potentials (default zero) must give
 * every arc with capacity a reduced cost ≥ 0 (with zero potentials: every cost ≥ 0). Returns the
 * potentials that certify the flow's optimality.
 */
export function minCostFlow(g: FlowNetwork, s: number, t: number, limit: number, initial?: Float64Array): FlowRun {
  const n = g.nodes;
  const { first, head, residual, cost, rev } = g;
  const pi = initial ? Float64Array.from(initial) : new Float64Array(n);
  for (let x = 0; x < n; x++)
    for (let a = first[x]!, end = first[x + 1]!; a < end; a++)
      if (residual[a]! > 0 && cost[a]! + pi[x]! - pi[head[a]!]! < 0)
        throw new Error('minCostFlow: initial potentials leave a negative reduced cost');
  const dist = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  const heap = new Int32Array(n);
  const pos = new Int32Array(n).fill(-1);
  const touched = new Int32Array(n);
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const iter = new Int32Array(n);
  const stackArc = new Int32Array(n);
  let flow = 0;
  let phases = 0;
  let rounds = 0;

  const siftUp = (i: number): void => {
    const x = heap[i]!;
    const d = dist[x]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const y = heap[p]!;
      if (dist[y]! <= d) break;
      heap[i] = y;
      pos[y] = i;
      i = p;
    }
    heap[i] = x;
    pos[x] = i;
  };
  const siftDown = (i: number, size: number): void => {
    const x = heap[i]!;
    const d = dist[x]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && dist[heap[c + 1]!]! < dist[heap[c]!]!) c++;
      const y = heap[c]!;
      if (dist[y]! >= d) break;
      heap[i] = y;
      pos[y] = i;
      i = c;
    }
    heap[i] = x;
    pos[x] = i;
  };

  while (flow < limit) {
    // Dijkstra on reduced costs, stopped when t is settled.
    let nTouched = 0;
    let size = 0;
    dist[s] = 0;
    touched[nTouched++] = s;
    heap[size++] = s;
    pos[s] = 0;
    let D = Infinity;
    while (size > 0) {
      const x = heap[0]!;
      pos[x] = -1;
      size--;
      if (size > 0) {
        heap[0] = heap[size]!;
        pos[heap[0]!] = 0;
        siftDown(0, size);
      }
      done[x] = 1;
      const dx = dist[x]!;
      if (x === t) {
        D = dx;
        break;
      }
      const px = pi[x]!;
      for (let a = first[x]!, end = first[x + 1]!; a < end; a++) {
        if (residual[a]! <= 0) continue;
        const y = head[a]!;
        if (done[y]) continue;
        const nd = dx + cost[a]! + px - pi[y]!;
        const old = dist[y]!;
        if (nd < old) {
          if (old === Infinity) touched[nTouched++] = y;
          dist[y] = nd;
          if (pos[y]! < 0) {
            heap[size] = y;
            pos[y] = size;
            size++;
          }
          siftUp(pos[y]!);
        }
      }
    }
    // Potentials: pi[x] += min(dist[x], D) − D, i.e. only settled nodes nearer than D move.
    for (let i = 0; i < nTouched; i++) {
      const x = touched[i]!;
      if (D !== Infinity && done[x] && dist[x]! < D) pi[x] = pi[x]! + dist[x]! - D;
      dist[x] = Infinity;
      done[x] = 0;
      pos[x] = -1;
    }
    if (D === Infinity) break;
    phases++;

    // Blocking flows on the admissible arcs (zero reduced cost) until t is cut off from s.
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      let reached = false;
      while (qh < qt) {
        const x = queue[qh++]!;
        const lx = level[x]!;
        if (reached && lx >= level[t]!) break;
        const px = pi[x]!;
        for (let a = first[x]!, end = first[x + 1]!; a < end; a++) {
          if (residual[a]! <= 0) continue;
          const y = head[a]!;
          if (level[y]! >= 0 || cost[a]! + px - pi[y]! !== 0) continue;
          level[y] = lx + 1;
          if (y === t) reached = true;
          queue[qt++] = y;
        }
      }
      if (!reached) break;
      rounds++;
      for (let i = 0; i < qt; i++) iter[queue[i]!] = first[queue[i]!]!;
      iter[t] = first[t]!;
      // Iterative DFS with current-arc pointers.
      let depth = 0;
      let x = s;
      while (flow < limit) {
        if (x === t) {
          let push = limit - flow;
          for (let i = 0; i < depth; i++) push = Math.min(push, residual[stackArc[i]!]!);
          let cut = depth;
          for (let i = 0; i < depth; i++) {
            const a = stackArc[i]!;
            residual[a] = residual[a]! - push;
            residual[rev[a]!] = residual[rev[a]!]! + push;
            if (residual[a] === 0 && cut === depth) cut = i;
          }
          flow += push;
          depth = cut;
          x = depth === 0 ? s : head[stackArc[depth - 1]!]!;
          continue;
        }
        let advanced = false;
        const lx = level[x]!;
        const px = pi[x]!;
        for (let a = iter[x]!, end = first[x + 1]!; a < end; a++) {
          const y = head[a]!;
          if (residual[a]! > 0 && level[y] === lx + 1 && cost[a]! + px - pi[y]! === 0) {
            iter[x] = a;
            stackArc[depth++] = a;
            x = y;
            advanced = true;
            break;
          }
        }
        if (advanced) continue;
        iter[x] = first[x + 1]!;
        level[x] = -1;
        if (depth === 0) break;
        depth--;
        x = depth === 0 ? s : head[stackArc[depth - 1]!]!;
        iter[x] = iter[x]! + 1;
      }
      if (flow >= limit) break;
    }
  }
  return { flow, phases, rounds, potential: pi };
}

/** Nodes reachable from s in the residual network (the source side of a minimum cut). */
export function residualReach(g: FlowNetwork, s: number): Uint8Array {
  const seen = new Uint8Array(g.nodes);
  const stack = [s];
  seen[s] = 1;
  while (stack.length) {
    const x = stack.pop()!;
    for (let a = g.first[x]!, end = g.first[x + 1]!; a < end; a++) {
      const y = g.head[a]!;
      if (g.residual[a]! > 0 && !seen[y]) {
        seen[y] = 1;
        stack.push(y);
      }
    }
  }
  return seen;
}
