/**
 * A top-down layered layout of a state machine graph, small enough to read in one sitting:
 *
 * 1. A Parallel or Map state is a container: its branches are laid out first (recursively) and
 *    placed side by side inside it, and the container is then one (big) node of its own level.
 * 2. On each level, a depth-first walk from the start finds the edges that go back (loops); they
 *    are reversed so the rest is acyclic, and each node gets the layer of its longest path from
 *    the start.
 * 3. Edges that span several layers get a waypoint per layer they cross, so they are routed
 *    around the nodes in between instead of through them.
 * 4. The order inside each layer is improved with barycenter sweeps (keeping the order with the
 *    fewest crossings), then x positions are pulled towards the neighbours' centres while keeping
 *    that order and a minimum gap.
 *
 * Pure: no DOM. The page measures labels; the tests check the geometry.
 */
import { END_ID, START_ID, type EdgeKind, type GraphState, type MachineGraph } from '../../../src/console/state-graph';

export { END_ID, START_ID };

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/** A node with its place: a state, a container (Parallel/Map) or the start/end markers. */
export interface PlacedNode {
  /** The state name, or {@link START_ID} / {@link END_ID}. */
  id: string;
  kind: 'state' | 'container' | 'start' | 'end';
  state?: GraphState;
  x: number;
  y: number;
  width: number;
  height: number;
  /** How many containers enclose it (0 at the top level). */
  depth: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  kind: EdgeKind | 'start' | 'end';
  label?: string;
  /** From the source's border to the target's border, through one waypoint per crossed layer. */
  points: Point[];
  /** Where the label goes (centred, just above the target's border). */
  labelAt?: Point;
  /** True for an edge going back up (a loop). */
  back: boolean;
}

export interface GraphLayout extends Size {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export interface LayoutOptions {
  /** The size of a plain state's box (the page measures its label). */
  nodeSize: (state: GraphState) => Size;
  /** Vertical space between layers. @default 40 */
  layerGap?: number;
  /** Horizontal space between neighbours in a layer. @default 28 */
  nodeGap?: number;
  /** Space inside a container around its branches. @default 14 */
  containerPadding?: number;
  /** Height of a container's title bar. @default 30 */
  containerHeader?: number;
  /** Space between the branches of a Parallel state. @default 24 */
  branchGap?: number;
  /** Size of the start and end markers. @default 64 × 26 */
  markerSize?: Size;
}

const DUMMY_WIDTH = 10;

interface Vertex {
  id: string;
  width: number;
  height: number;
  dummy: boolean;
  /** Discovery order of the depth-first walk (the initial order in a layer). */
  rank: number;
  layer: number;
  x: number;
}

interface Chain {
  from: string;
  to: string;
  kind: PlacedEdge['kind'];
  label?: string;
  back: boolean;
  /** Vertex ids from the upper end to the lower end (reversed for back edges). */
  path: string[];
}

/** A laid-out (sub)machine in its own coordinates (top left at 0,0). */
type Block = GraphLayout;

type Settings = Required<Omit<LayoutOptions, 'nodeSize'>> & Pick<LayoutOptions, 'nodeSize'>;

/** Lays out a state machine graph; coordinates start at (0, 0) and grow right and down. */
export function layoutGraph(graph: MachineGraph, options: LayoutOptions): GraphLayout {
  const settings: Settings = {
    layerGap: 40,
    nodeGap: 28,
    containerPadding: 14,
    containerHeader: 30,
    branchGap: 24,
    markerSize: { width: 64, height: 26 },
    ...options,
  };
  return layoutBlock(graph, settings, true, 0);
}

function layoutBlock(graph: MachineGraph, settings: Settings, top: boolean, depth: number): Block {
  // 1. The nodes of this level: containers first lay out their children.
  const nested = new Map<string, { blocks: Block[]; size: Size }>();
  const vertices = new Map<string, Vertex>();
  const addVertex = (id: string, size: Size, dummy = false) => vertices.set(id, { id, width: size.width, height: size.height, dummy, rank: 0, layer: 0, x: 0 });
  for (const state of graph.states) {
    if (state.children && state.children.length > 0) {
      const blocks = state.children.map((child) => layoutBlock(child, settings, false, depth + 1));
      const inner = blocks.reduce((sum, b) => sum + b.width, 0) + settings.branchGap * (blocks.length - 1);
      const size = {
        width: Math.max(inner + 2 * settings.containerPadding, settings.nodeSize(state).width),
        height: settings.containerHeader + settings.containerPadding * 2 + Math.max(...blocks.map((b) => b.height)),
      };
      nested.set(state.name, { blocks, size });
      addVertex(state.name, size);
    } else {
      addVertex(state.name, settings.nodeSize(state));
    }
  }
  const edges: Omit<Chain, 'path' | 'back'>[] = graph.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, ...(e.label !== undefined ? { label: e.label } : {}) }));
  let start = graph.startAt;
  if (top) {
    addVertex(START_ID, settings.markerSize);
    addVertex(END_ID, settings.markerSize);
    edges.unshift({ from: START_ID, to: graph.startAt, kind: 'start' });
    for (const state of graph.states) if (state.terminal) edges.push({ from: state.name, to: END_ID, kind: 'end' });
    start = START_ID;
  }
  const usable = edges.filter((e) => vertices.has(e.from) && vertices.has(e.to) && e.from !== e.to);

  // 2. Depth-first walk: discovery order, and the edges that close a loop.
  const out = new Map<string, typeof usable>();
  for (const e of usable) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const back = new Set<(typeof usable)[number]>();
  const state = new Map<string, 'open' | 'done'>();
  let rank = 0;
  const visit = (id: string) => {
    state.set(id, 'open');
    (vertices.get(id) as Vertex).rank = rank++;
    for (const e of out.get(id) ?? []) {
      const seen = state.get(e.to);
      if (seen === 'open') back.add(e);
      else if (seen === undefined) visit(e.to);
    }
    state.set(id, 'done');
  };
  if (vertices.has(start)) visit(start);
  for (const id of vertices.keys()) if (!state.has(id)) visit(id);

  // Longest-path layers over the acyclic version (back edges reversed), in topological order.
  const forward = usable.map((e) => (back.has(e) ? { upper: e.to, lower: e.from, edge: e } : { upper: e.from, lower: e.to, edge: e }));
  const indegree = new Map([...vertices.keys()].map((id) => [id, 0]));
  for (const f of forward) indegree.set(f.lower, (indegree.get(f.lower) ?? 0) + 1);
  const queue = [...vertices.values()].filter((v) => indegree.get(v.id) === 0).sort((a, b) => a.rank - b.rank);
  while (queue.length > 0) {
    const v = queue.shift() as Vertex;
    for (const f of forward) {
      if (f.upper !== v.id) continue;
      const lower = vertices.get(f.lower) as Vertex;
      lower.layer = Math.max(lower.layer, v.layer + 1);
      const remaining = (indegree.get(f.lower) ?? 0) - 1;
      indegree.set(f.lower, remaining);
      if (remaining === 0) queue.push(lower);
    }
  }
  if (top) {
    // The end marker sits below everything, so the flow reads downwards to it.
    const end = vertices.get(END_ID) as Vertex;
    end.layer = Math.max(...[...vertices.values()].filter((v) => v.id !== END_ID).map((v) => v.layer)) + 1;
  }

  // 3. A waypoint per crossed layer.
  const chains: Chain[] = forward.map(({ upper, lower, edge }) => {
    const path = [upper];
    const from = vertices.get(upper) as Vertex;
    const to = vertices.get(lower) as Vertex;
    for (let layer = from.layer + 1; layer < to.layer; layer++) {
      const id = `\u0000via:${edge.from}>${edge.to}:${edge.kind}:${layer}`;
      addVertex(id, { width: DUMMY_WIDTH, height: 0 }, true);
      const dummy = vertices.get(id) as Vertex;
      dummy.layer = layer;
      dummy.rank = from.rank + (layer - from.layer) / (to.layer - from.layer + 1);
      path.push(id);
    }
    path.push(lower);
    return { ...edge, back: back.has(edge), path };
  });

  // 4. Order inside layers: barycenter sweeps, keeping the best order seen.
  const layerCount = Math.max(0, ...[...vertices.values()].map((v) => v.layer)) + 1;
  let layers: string[][] = Array.from({ length: layerCount }, () => []);
  for (const v of [...vertices.values()].sort((a, b) => a.rank - b.rank)) (layers[v.layer] as string[]).push(v.id);
  const ups = new Map<string, string[]>();
  const downs = new Map<string, string[]>();
  for (const chain of chains) {
    for (let i = 0; i + 1 < chain.path.length; i++) {
      const a = chain.path[i] as string;
      const b = chain.path[i + 1] as string;
      downs.set(a, [...(downs.get(a) ?? []), b]);
      ups.set(b, [...(ups.get(b) ?? []), a]);
    }
  }
  const crossings = (candidate: string[][]) => {
    let total = 0;
    for (let l = 0; l + 1 < candidate.length; l++) {
      const position = new Map<string, number>();
      (candidate[l] as string[]).forEach((id, i) => position.set(id, i));
      (candidate[l + 1] as string[]).forEach((id, i) => position.set(id, i));
      const segments: [number, number][] = [];
      for (const id of candidate[l] as string[]) for (const next of downs.get(id) ?? []) segments.push([position.get(id) as number, position.get(next) as number]);
      for (let i = 0; i < segments.length; i++) {
        for (let j = i + 1; j < segments.length; j++) {
          const [a1, b1] = segments[i] as [number, number];
          const [a2, b2] = segments[j] as [number, number];
          if ((a1 - a2) * (b1 - b2) < 0) total++;
        }
      }
    }
    return total;
  };
  let best = layers.map((l) => [...l]);
  let bestCrossings = crossings(best);
  for (let sweep = 0; sweep < 8 && bestCrossings > 0; sweep++) {
    const downward = sweep % 2 === 0;
    const order = downward ? layers.map((_, i) => i).slice(1) : layers.map((_, i) => i).reverse().slice(1);
    for (const l of order) {
      const neighbourLayer = layers[downward ? l - 1 : l + 1] as string[];
      const position = new Map(neighbourLayer.map((id, i) => [id, i]));
      const current = layers[l] as string[];
      const keyed = current.map((id, i) => {
        const neighbours = ((downward ? ups : downs).get(id) ?? []).filter((n) => position.has(n));
        const barycenter = neighbours.length ? neighbours.reduce((s, n) => s + (position.get(n) as number), 0) / neighbours.length : i;
        return { id, key: barycenter, i };
      });
      keyed.sort((a, b) => a.key - b.key || a.i - b.i);
      layers[l] = keyed.map((k) => k.id);
    }
    const count = crossings(layers);
    if (count < bestCrossings) {
      best = layers.map((l) => [...l]);
      bestCrossings = count;
    }
  }
  layers = best;

  // 5. Coordinates. y: each layer as tall as its tallest node; x: pulled towards neighbours.
  const layerTop: number[] = [];
  const layerHeight: number[] = [];
  let y = 0;
  for (const layer of layers) {
    const height = Math.max(0, ...layer.map((id) => (vertices.get(id) as Vertex).height));
    layerTop.push(y);
    layerHeight.push(height);
    y += height + settings.layerGap;
  }
  const totalHeight = Math.max(0, y - settings.layerGap);
  const gapAfter = (v: Vertex) => (v.dummy ? settings.nodeGap / 2 : settings.nodeGap);
  for (const layer of layers) {
    let x = 0;
    for (const id of layer) {
      const v = vertices.get(id) as Vertex;
      v.x = x;
      x += v.width + gapAfter(v);
    }
  }
  const centre = (v: Vertex) => v.x + v.width / 2;
  for (let pass = 0; pass < 16; pass++) {
    const downward = pass % 2 === 0;
    const order = downward ? layers.map((_, i) => i) : layers.map((_, i) => i).reverse();
    for (const l of order) {
      const layer = (layers[l] as string[]).map((id) => vertices.get(id) as Vertex);
      const desired = layer.map((v) => {
        const primary = (downward ? ups : downs).get(v.id) ?? [];
        const neighbours = primary.length ? primary : ((downward ? downs : ups).get(v.id) ?? []);
        if (neighbours.length === 0) return v.x;
        const mean = neighbours.reduce((s, n) => s + centre(vertices.get(n) as Vertex), 0) / neighbours.length;
        return mean - v.width / 2;
      });
      // Left to right at the desired place or just right of the previous node, then the whole
      // layer shifted back by the average push, so pushes do not accumulate to one side.
      let right = -Infinity;
      const placed = layer.map((v, i) => {
        const x = Math.max(desired[i] as number, right);
        right = x + v.width + gapAfter(v);
        return x;
      });
      const shift = placed.reduce((s, x, i) => s + (x - (desired[i] as number)), 0) / Math.max(1, placed.length);
      layer.forEach((v, i) => (v.x = (placed[i] as number) - shift));
    }
  }
  const minX = Math.min(...[...vertices.values()].map((v) => v.x));
  for (const v of vertices.values()) v.x -= minX;
  const totalWidth = Math.max(...[...vertices.values()].map((v) => v.x + v.width));

  // 6. Placed nodes (containers with their children inside) and edge polylines.
  const nodes: PlacedNode[] = [];
  const placedEdges: PlacedEdge[] = [];
  const boxOf = (id: string) => {
    const v = vertices.get(id) as Vertex;
    const top = (layerTop[v.layer] as number) + ((layerHeight[v.layer] as number) - v.height) / 2;
    return { x: v.x, y: top, width: v.width, height: v.height };
  };
  for (const graphState of graph.states) {
    const box = boxOf(graphState.name);
    const inner = nested.get(graphState.name);
    nodes.push({ id: graphState.name, kind: inner ? 'container' : 'state', state: graphState, ...box, depth });
    if (!inner) continue;
    const contentWidth = inner.blocks.reduce((s, b) => s + b.width, 0) + settings.branchGap * (inner.blocks.length - 1);
    let offsetX = box.x + (box.width - contentWidth) / 2;
    const offsetY = box.y + settings.containerHeader + settings.containerPadding;
    for (const block of inner.blocks) {
      for (const n of block.nodes) nodes.push({ ...n, x: n.x + offsetX, y: n.y + offsetY });
      for (const e of block.edges) {
        const moved = { ...e, points: e.points.map((p) => ({ x: p.x + offsetX, y: p.y + offsetY })) };
        if (e.labelAt) moved.labelAt = { x: e.labelAt.x + offsetX, y: e.labelAt.y + offsetY };
        placedEdges.push(moved);
      }
      offsetX += block.width + settings.branchGap;
    }
  }
  if (top) {
    nodes.push({ id: START_ID, kind: 'start', ...boxOf(START_ID), depth });
    nodes.push({ id: END_ID, kind: 'end', ...boxOf(END_ID), depth });
  }

  // Ports: several edges leaving (or entering) one side are spread along it, ordered by where
  // they go, so they do not start on top of each other.
  const exits = new Map<string, Chain[]>();
  const entries = new Map<string, Chain[]>();
  for (const chain of chains) {
    const first = chain.path[0] as string;
    const last = chain.path[chain.path.length - 1] as string;
    exits.set(first, [...(exits.get(first) ?? []), chain]);
    entries.set(last, [...(entries.get(last) ?? []), chain]);
  }
  const portX = (id: string, chain: Chain, side: Map<string, Chain[]>, neighbourOf: (c: Chain) => string) => {
    const box = boxOf(id);
    const group = (side.get(id) ?? []).slice().sort((a, b) => centre(vertices.get(neighbourOf(a)) as Vertex) - centre(vertices.get(neighbourOf(b)) as Vertex));
    const index = group.indexOf(chain);
    const span = Math.min(box.width * 0.6, 24 * (group.length - 1));
    return box.x + box.width / 2 - span / 2 + (group.length > 1 ? (span * index) / (group.length - 1) : 0);
  };
  for (const chain of chains) {
    const upper = chain.path[0] as string;
    const lower = chain.path[chain.path.length - 1] as string;
    const upperBox = boxOf(upper);
    const lowerBox = boxOf(lower);
    const points: Point[] = [{ x: portX(upper, chain, exits, (c) => c.path[1] as string), y: upperBox.y + upperBox.height }];
    for (const id of chain.path.slice(1, -1)) {
      const v = vertices.get(id) as Vertex;
      points.push({ x: centre(v), y: layerTop[v.layer] as number }, { x: centre(v), y: (layerTop[v.layer] as number) + (layerHeight[v.layer] as number) });
    }
    points.push({ x: portX(lower, chain, entries, (c) => c.path[c.path.length - 2] as string), y: lowerBox.y });
    if (chain.back) points.reverse();
    const edge: PlacedEdge = { from: chain.from, to: chain.to, kind: chain.kind, points, back: chain.back };
    if (chain.label !== undefined) {
      // Just above where the edge enters its target: targets are spread out, while the edges
      // leaving one Choice start close together, so labels at the source would overlap.
      const end = points[points.length - 1] as Point;
      edge.label = chain.label;
      edge.labelAt = { x: end.x, y: end.y - (chain.back ? -14 : 8) };
    }
    placedEdges.push(edge);
  }
  separateLabels(placedEdges);
  return { width: totalWidth, height: totalHeight, nodes, edges: placedEdges };
}

/**
 * Labels of edges entering one node would sit on top of each other: one text said twice (two
 * `catch` edges) is shown once, between the two; different texts are stacked.
 */
function separateLabels(edges: PlacedEdge[]): void {
  const byTarget = new Map<string, PlacedEdge[]>();
  for (const edge of edges) if (edge.labelAt) byTarget.set(edge.to, [...(byTarget.get(edge.to) ?? []), edge]);
  for (const group of byTarget.values()) {
    if (group.length < 2) continue;
    const byText = new Map<string, PlacedEdge[]>();
    for (const edge of group) byText.set(edge.label ?? '', [...(byText.get(edge.label ?? '') ?? []), edge]);
    let row = 0;
    for (const same of byText.values()) {
      const [first, ...rest] = same;
      if (!first?.labelAt) continue;
      const x = same.reduce((sum, e) => sum + (e.labelAt as Point).x, 0) / same.length;
      first.labelAt = { x, y: first.labelAt.y - 13 * row++ };
      for (const edge of rest) delete edge.labelAt;
    }
  }
}
