/**
 * Draws an execution's state machine as SVG: each state a box coloured by its outcome (with the
 * outcome also in words, for whoever does not see the colour), Parallel and Map states as
 * containers around their branches, transitions as arrows (the ones taken drawn dark, caught
 * errors dashed). Each state is a focusable button: Enter, Space or a click selects it.
 */
import type { ExecutionAnalysis, StateOutcome, StateRun } from '../../../src/console/execution-analysis';
import { buildStateGraph, END_ID, START_ID } from '../../../src/console/state-graph';
import { s } from '../dom';
import { formatDuration, OUTCOME_LABELS } from '../format';
import { layoutGraph, type GraphLayout, type PlacedEdge, type PlacedNode } from './layout';

const NODE_HEIGHT = 50;
const MARGIN = 16;
const TITLE_FONT = '600 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const SUBTITLE_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

let measureContext: CanvasRenderingContext2D | null | undefined;

/** Text width in pixels (canvas metrics; a per-character estimate where there is no canvas). */
function textWidth(text: string, font: string): number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * 7.4;
  measureContext.font = font;
  return measureContext.measureText(text).width;
}

/** The second line of a state's box: what happened, briefly. */
export function stateSubtitle(run: StateRun | undefined, type: string): string {
  if (!run || run.outcome === 'not-reached') return `${type} · not reached`;
  const duration = formatDuration(run.durationMs);
  switch (run.outcome) {
    case 'retried':
      return `retried ${run.retries}× · ${duration}`;
    case 'caught':
      return `caught ${run.error ?? 'an error'}`;
    case 'failed':
      return run.error ? `failed: ${run.error}` : 'failed';
    case 'compensated':
      return `undone by ${run.compensatedBy ?? 'compensation'}`;
    case 'running':
      return `running · ${duration}`;
    default:
      return run.compensation ? `compensation · ${duration}` : `${type} · ${duration}`;
  }
}

export interface RenderGraphOptions {
  definition: unknown;
  analysis: ExecutionAnalysis;
  selected?: string;
  onSelect: (stateName: string) => void;
  /** Accessible name of the whole graph. */
  label: string;
}

/** Lays out and draws the graph; returns the SVG element. */
export function renderGraph(options: RenderGraphOptions): SVGSVGElement {
  const graph = buildStateGraph(options.definition);
  const runs = options.analysis.states;
  const layout = layoutGraph(graph, {
    nodeSize: (state) => {
      const subtitle = stateSubtitle(runs[state.name], state.type);
      const width = Math.max(textWidth(state.name, TITLE_FONT), textWidth(subtitle, SUBTITLE_FONT)) + 30;
      return { width: Math.ceil(Math.max(120, width)), height: NODE_HEIGHT };
    },
  });
  return drawLayout(layout, options);
}

function outcomeOf(runs: Record<string, StateRun>, id: string): StateOutcome {
  return runs[id]?.outcome ?? 'not-reached';
}

function edgePath(points: PlacedEdge['points']): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let d = `M${first.x.toFixed(1)},${first.y.toFixed(1)}`;
  let previous = first;
  for (const point of rest) {
    if (Math.abs(point.x - previous.x) < 0.5) {
      d += ` L${point.x.toFixed(1)},${point.y.toFixed(1)}`;
    } else {
      // Vertical tangents at both ends: edges leave and enter boxes straight.
      const middle = (previous.y + point.y) / 2;
      d += ` C${previous.x.toFixed(1)},${middle.toFixed(1)} ${point.x.toFixed(1)},${middle.toFixed(1)} ${point.x.toFixed(1)},${point.y.toFixed(1)}`;
    }
    previous = point;
  }
  return d;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function drawLayout(layout: GraphLayout, options: RenderGraphOptions): SVGSVGElement {
  const runs = options.analysis.states;
  const width = Math.ceil(layout.width + 2 * MARGIN);
  const height = Math.ceil(layout.height + 2 * MARGIN);
  const svg = s('svg', {
    class: 'state-graph',
    viewBox: `${-MARGIN} ${-MARGIN} ${width} ${height}`,
    width,
    height,
    role: 'group',
    'aria-label': options.label,
  });
  svg.style.maxWidth = `${width}px`;
  const defs = s('defs');
  for (const [id, className] of [
    ['arrow', 'arrow'],
    ['arrow-taken', 'arrow taken'],
    ['arrow-catch', 'arrow catch taken'],
  ] as const) {
    defs.append(s('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', class: className }, s('path', { d: 'M0,0 L10,5 L0,10 z' })));
  }
  svg.append(defs);

  const taken = new Set(options.analysis.takenEdges.map((e) => `${e.from}>${e.to}>${e.kind}`));
  const containers = layout.nodes.filter((n) => n.kind === 'container').sort((a, b) => a.depth - b.depth);
  const boxes = layout.nodes.filter((n) => n.kind !== 'container').sort((a, b) => a.y - b.y || a.x - b.x);

  // Containers below, then edges, then the boxes on top; in the DOM (and so in Tab order) the
  // states follow each other top-down, left to right.
  const layerOf = (...children: SVGElement[]) => s('g', {}, ...children);
  svg.append(layerOf(...containers.map((node) => drawContainer(node, runs, options))));
  svg.append(layerOf(...layout.edges.map((edge) => drawEdge(edge, taken.has(`${edge.from}>${edge.to}>${edge.kind}`)))));
  svg.append(layerOf(...boxes.map((node) => (node.kind === 'start' || node.kind === 'end' ? drawMarker(node) : drawState(node, runs, options)))));
  return svg;
}

function selectable(group: SVGGElement, name: string, options: RenderGraphOptions): void {
  group.setAttribute('tabindex', '0');
  group.setAttribute('role', 'button');
  group.dataset['focusKey'] = `state:${name}`;
  group.addEventListener('click', () => options.onSelect(name));
  group.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      options.onSelect(name);
    }
  });
}

function describeRun(name: string, type: string, run: StateRun | undefined): string {
  const outcome = OUTCOME_LABELS[run?.outcome ?? 'not-reached'] ?? '';
  const parts = [`${name}, ${type}: ${outcome}`];
  if (run && run.retries > 0) parts.push(`${run.retries} ${run.retries === 1 ? 'retry' : 'retries'}`);
  if (run?.error && run.outcome !== 'compensated') parts.push(`error ${run.error}`);
  if (run?.compensatedBy) parts.push(`undone by ${run.compensatedBy}`);
  if (run?.durationMs !== undefined && run.outcome !== 'not-reached') parts.push(formatDuration(run.durationMs));
  return parts.join(', ');
}

function drawState(node: PlacedNode, runs: Record<string, StateRun>, options: RenderGraphOptions): SVGGElement {
  const state = node.state;
  const name = node.id;
  const type = state?.type ?? 'State';
  const run = runs[name];
  const outcome = outcomeOf(runs, name);
  const classes = ['state', `outcome-${outcome}`, state?.compensation ? 'compensation' : '', options.selected === name ? 'selected' : ''].filter(Boolean).join(' ');
  const group = s('g', {
    class: classes,
    transform: `translate(${node.x.toFixed(1)},${node.y.toFixed(1)})`,
    'data-state': name,
    'data-outcome': outcome,
    'aria-label': describeRun(name, type, run),
    'aria-pressed': options.selected === name ? 'true' : 'false',
  });
  selectable(group, name, options);
  group.append(
    s('title', {}, describeRun(name, type, run)),
    s('rect', { class: 'focus-ring', x: -4, y: -4, width: node.width + 8, height: node.height + 8, rx: 11 }),
    s('rect', { class: 'box', width: node.width, height: node.height, rx: 8 }),
    s('text', { class: 'title', x: node.width / 2, y: 21, 'text-anchor': 'middle' }, name),
    s('text', { class: 'subtitle', x: node.width / 2, y: 38, 'text-anchor': 'middle' }, stateSubtitle(run, type)),
  );
  if (run && run.retries > 0) {
    group.append(
      s(
        'g',
        { class: 'badge', transform: `translate(${node.width - 18},-9)`, 'aria-hidden': 'true' },
        s('rect', { x: -16, width: 32, height: 18, rx: 9 }),
        s('text', { y: 13, 'text-anchor': 'middle' }, `↻ ${run.retries}`),
      ),
    );
  }
  return group;
}

function drawContainer(node: PlacedNode, runs: Record<string, StateRun>, options: RenderGraphOptions): SVGGElement {
  const name = node.id;
  const type = node.state?.type ?? 'Parallel';
  const run = runs[name];
  const outcome = outcomeOf(runs, name);
  const group = s('g', {
    class: `container outcome-${outcome}${options.selected === name ? ' selected' : ''}`,
    transform: `translate(${node.x.toFixed(1)},${node.y.toFixed(1)})`,
    'data-state': name,
    'data-outcome': outcome,
    'aria-label': describeRun(name, type, run),
    'aria-pressed': options.selected === name ? 'true' : 'false',
  });
  selectable(group, name, options);
  const header = `${name} · ${type}${run && run.outcome !== 'not-reached' ? ` · ${OUTCOME_LABELS[outcome]?.toLowerCase()}` : ''}`;
  group.append(
    s('title', {}, describeRun(name, type, run)),
    s('rect', { class: 'focus-ring', x: -4, y: -4, width: node.width + 8, height: node.height + 8, rx: 13 }),
    s('rect', { class: 'frame', width: node.width, height: node.height, rx: 10 }),
    s('path', { class: 'header', d: `M0,10 a10,10 0 0 1 10,-10 h${node.width - 20} a10,10 0 0 1 10,10 v20 h${-node.width} z` }),
    s('text', { class: 'title', x: 12, y: 20 }, truncate(header, Math.floor(node.width / 7))),
  );
  return group;
}

function drawMarker(node: PlacedNode): SVGGElement {
  const label = node.id === START_ID ? 'Start' : node.id === END_ID ? 'End' : node.id;
  return s(
    'g',
    { class: `marker marker-${node.kind}`, transform: `translate(${node.x.toFixed(1)},${node.y.toFixed(1)})`, 'aria-hidden': 'true' },
    s('rect', { width: node.width, height: node.height, rx: node.height / 2 }),
    s('text', { x: node.width / 2, y: node.height / 2 + 4, 'text-anchor': 'middle' }, label),
  );
}

function drawEdge(edge: PlacedEdge, taken: boolean): SVGGElement {
  const catchEdge = edge.kind === 'catch';
  const group = s('g', { class: `edge edge-${edge.kind}${taken ? ' taken' : ''}${edge.back ? ' back' : ''}`, 'data-from': edge.from, 'data-to': edge.to, 'aria-hidden': 'true' });
  group.append(s('path', { d: edgePath(edge.points), 'marker-end': `url(#${taken ? (catchEdge ? 'arrow-catch' : 'arrow-taken') : 'arrow'})` }));
  if (edge.label && edge.labelAt) {
    group.append(s('text', { class: 'edge-label', x: edge.labelAt.x, y: edge.labelAt.y, 'text-anchor': 'middle' }, s('title', {}, edge.label), truncate(edge.label, 40)));
  }
  return group;
}
