import { describe, expect, it } from 'vitest';
import {
  ControlGraph,
  ancestors,
  corporateGroup,
  cyclePath,
  descendants,
  wouldCreateCycle,
  type ControlGraphEdge,
} from '../src/control-graph.js';

const e = (pairs: string): ControlGraphEdge[] =>
  pairs
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => {
      const [parent, child] = p.split('>') as [string, string];
      return { parent, child };
    });

const sorted = (ids: string[]) => [...ids].sort();

describe('descendants and ancestors', () => {
  const multi = e('A>B B>C C>D A>E E>F X>Y');

  it('walks subsidiaries of subsidiaries', () => {
    expect(descendants(multi, 'A')).toEqual(['B', 'E', 'C', 'F', 'D']); // breadth-first
    expect(descendants(multi, 'C')).toEqual(['D']);
    expect(descendants(multi, 'D')).toEqual([]);
    expect(descendants(multi, 'nobody')).toEqual([]);
    expect(ancestors(multi, 'D')).toEqual(['C', 'B', 'A']);
    expect(ancestors(multi, 'A')).toEqual([]);
  });

  it('counts a diamond once', () => {
    const diamond = e('A>B A>C B>D C>D D>E');
    expect(sorted(descendants(diamond, 'A'))).toEqual(['B', 'C', 'D', 'E']);
    expect(sorted(ancestors(diamond, 'E'))).toEqual(['A', 'B', 'C', 'D']);
  });

  it('terminates on cycles and never lists the start node', () => {
    const cyclic = e('A>B B>C C>A C>D');
    expect(sorted(descendants(cyclic, 'A'))).toEqual(['B', 'C', 'D']);
    expect(sorted(ancestors(cyclic, 'A'))).toEqual(['B', 'C']);
    expect(descendants(e('A>A'), 'A')).toEqual([]);
  });

  it('ignores repeated edges', () => {
    const g = new ControlGraph(e('A>B A>B B>C'));
    expect(g.edgeCount).toBe(2);
    expect(g.childrenOf('A')).toEqual(['B']);
    expect(g.parentsOf('C')).toEqual(['B']);
    expect(g.hasNode('C')).toBe(true);
    expect(g.hasNode('Z')).toBe(false);
  });
});

describe('cycles', () => {
  const chain = e('A>B B>C');

  it('detects a self-loop', () => {
    expect(wouldCreateCycle(chain, 'A', 'A')).toBe(true);
    expect(wouldCreateCycle([], 'Z', 'Z')).toBe(true);
    expect(cyclePath([], 'Z', 'Z')).toEqual(['Z', 'Z']);
  });

  it('detects an edge back up the chain', () => {
    expect(wouldCreateCycle(chain, 'C', 'A')).toBe(true);
    expect(wouldCreateCycle(chain, 'B', 'A')).toBe(true);
    expect(cyclePath(chain, 'C', 'A')).toEqual(['C', 'A', 'B', 'C']);
    expect(cyclePath(chain, 'B', 'A')).toEqual(['B', 'A', 'B']);
  });

  it('allows edges that close no cycle', () => {
    expect(wouldCreateCycle(chain, 'A', 'C')).toBe(false); // a shortcut, not a cycle
    expect(wouldCreateCycle(chain, 'C', 'D')).toBe(false);
    expect(wouldCreateCycle(chain, 'X', 'A')).toBe(false);
    expect(cyclePath(chain, 'A', 'C')).toBeNull();
  });

  it('reports the shortest closing path', () => {
    const g = e('A>B B>C C>D A>D');
    expect(cyclePath(g, 'D', 'A')).toEqual(['D', 'A', 'D']);
    const diamond = e('A>B A>C B>D C>D');
    expect(cyclePath(diamond, 'D', 'A')).toHaveLength(4);
  });
});

describe('corporateGroup', () => {
  // Two groups sharing a joint venture JV; S11 is a sub-subsidiary.
  const groups = e('P1>S1 S1>S11 P1>JV P2>S2 P2>JV JV>J1');

  it('is the top-most controller with all its descendants', () => {
    expect(sorted(corporateGroup(groups, 'S11'))).toEqual(['J1', 'JV', 'P1', 'S1', 'S11']);
    expect(sorted(corporateGroup(groups, 'P1'))).toEqual(['J1', 'JV', 'P1', 'S1', 'S11']);
    expect(sorted(corporateGroup(groups, 'S2'))).toEqual(['J1', 'JV', 'P2', 'S2']);
  });

  it('joins both groups for a node with two parents', () => {
    const all = ['J1', 'JV', 'P1', 'P2', 'S1', 'S11', 'S2'];
    expect(sorted(corporateGroup(groups, 'JV'))).toEqual(all);
    expect(sorted(corporateGroup(groups, 'J1'))).toEqual(all);
    expect(sorted(new ControlGraph(groups).topmost('J1'))).toEqual(['P1', 'P2']);
  });

  it('is the node alone when it has no relations', () => {
    expect(corporateGroup(groups, 'LONE')).toEqual(['LONE']);
  });

  it('survives a cycle with no top', () => {
    expect(sorted(corporateGroup(e('A>B B>A B>C'), 'C'))).toEqual(['A', 'B', 'C']);
  });
});

describe('scale', () => {
  it('handles 100k edges in a wide tree and a deep chain', () => {
    const n = 100_000;
    const tree: ControlGraphEdge[] = [];
    for (let i = 1; i < n; i++) tree.push({ parent: `t${Math.floor((i - 1) / 3)}`, child: `t${i}` });
    const chain: ControlGraphEdge[] = [];
    for (let i = 1; i < n; i++) chain.push({ parent: `c${i - 1}`, child: `c${i}` });
    // Deep chains must not overflow the stack; how fast is for bench/, not for a test.
    const g = new ControlGraph([...tree, ...chain]);
    expect(g.descendants('t0')).toHaveLength(n - 1);
    expect(g.ancestors(`t${n - 1}`).at(-1)).toBe('t0');
    expect(g.corporateGroup(`t${n - 1}`)).toHaveLength(n);
    expect(g.cyclePath(`c${n - 1}`, 'c0')).toHaveLength(n + 1);
    expect(g.wouldCreateCycle('c0', `c${n - 1}`)).toBe(false);
    // A star: one parent with 100k direct subsidiaries.
    const star = new ControlGraph(Array.from({ length: n }, (_, i) => ({ parent: 'hub', child: `s${i}` })));
    expect(star.descendants('hub')).toHaveLength(n);
  });
});

describe('free functions and the class agree', () => {
  it('on every node of a mixed graph', () => {
    const edges = e('A>B A>C B>D C>D D>E F>E G>H');
    const g = new ControlGraph(edges);
    for (const id of 'ABCDEFGH') {
      expect(descendants(edges, id)).toEqual(g.descendants(id));
      expect(ancestors(edges, id)).toEqual(g.ancestors(id));
      expect(corporateGroup(edges, id)).toEqual(g.corporateGroup(id));
    }
  });
});
