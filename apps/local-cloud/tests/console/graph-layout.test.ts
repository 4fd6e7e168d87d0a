import { END_ID, layoutGraph, START_ID, type GraphLayout, type PlacedNode } from '../../console-ui/src/graph/layout';
import { buildStateGraph } from '../../src/console/state-graph';
import { onboardingDefinition } from './onboarding-definition';

const nodeSize = (state: { name: string }) => ({ width: 40 + state.name.length * 7, height: 48 });

const overlap = (a: PlacedNode, b: PlacedNode) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: PlacedNode, outer: PlacedNode) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
const byId = (layout: GraphLayout, id: string) => layout.nodes.find((n) => n.id === id) as PlacedNode;

describe('layoutGraph', () => {
  const graph = buildStateGraph(onboardingDefinition);
  const layout = layoutGraph(graph, { nodeSize });

  it('places every state once, plus the start and end markers', () => {
    const names = layout.nodes.map((n) => n.id);

    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['CreateUser', 'SendWelcomeEmail', 'CreateUserStorageFailed', 'OnboardingFailedUncompensated', START_ID, END_ID]));
    expect(layout.nodes).toHaveLength(Object.keys(flatten(onboardingDefinition)).length + 2);
  });

  it('never draws one box over another, except a container around its own branches', () => {
    const parallel = byId(layout, 'WelcomeAndStorage');
    const branchStates = ['SendWelcomeEmail', 'SendWelcomeEmailFailed', 'CreateUserStorage', 'CreateUserStorageFailed'];

    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a === b) continue;
        const nested = (a === parallel && branchStates.includes(b.id)) || (b === parallel && branchStates.includes(a.id));
        if (!nested) expect({ a: a.id, b: b.id, overlap: overlap(a, b) }).toEqual({ a: a.id, b: b.id, overlap: false });
      }
    }
    for (const name of branchStates) expect(inside(byId(layout, name), parallel)).toBe(true);
    expect(layout.nodes.filter((n) => n.kind === 'container').map((n) => n.id)).toEqual(['WelcomeAndStorage']);
  });

  it('reads top-down: every transition goes from the bottom of its source to the top of a lower target', () => {
    for (const edge of layout.edges) {
      const from = byId(layout, edge.from);
      const to = byId(layout, edge.to);
      const first = edge.points[0];
      const last = edge.points.at(-1);

      expect(edge.back).toBe(false);
      expect(first?.y).toBeCloseTo(from.y + from.height);
      expect(last?.y).toBeCloseTo(to.y);
      expect(to.y).toBeGreaterThan(from.y);
    }
    expect(Math.min(...layout.nodes.map((n) => n.y))).toBe(byId(layout, START_ID).y);
    expect(Math.max(...layout.nodes.map((n) => n.y))).toBe(byId(layout, END_ID).y);
  });

  it('routes a transition that skips layers around the states in between', () => {
    // CreateUserFailed is next to CreateUser; its Next, DeleteUser, is far below.
    const edge = layout.edges.find((e) => e.from === 'CreateUserFailed' && e.to === 'DeleteUser');
    const boxes = layout.nodes.filter((n) => n.kind === 'state' && n.id !== 'CreateUserFailed' && n.id !== 'DeleteUser');

    expect(edge?.points.length).toBeGreaterThan(2);
    for (const point of edge?.points.slice(1, -1) ?? []) {
      for (const box of boxes) expect({ box: box.id, hit: point.x > box.x && point.x < box.x + box.width && point.y > box.y && point.y < box.y + box.height }).toEqual({ box: box.id, hit: false });
    }
  });

  it('fits the whole drawing in its width and height', () => {
    for (const node of layout.nodes) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.y).toBeGreaterThanOrEqual(0);
      expect(node.x + node.width).toBeLessThanOrEqual(layout.width + 0.001);
      expect(node.y + node.height).toBeLessThanOrEqual(layout.height + 0.001);
    }
  });

  it('draws a loop as an edge going back up, and still lays out the rest', () => {
    const looping = buildStateGraph({
      StartAt: 'Poll',
      States: {
        Poll: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Ready?' },
        'Ready?': { Type: 'Choice', Choices: [{ Variable: '$.ready', BooleanEquals: true, Next: 'Done' }], Default: 'Wait' },
        Wait: { Type: 'Wait', Seconds: 5, Next: 'Poll' },
        Done: { Type: 'Succeed' },
      },
    });

    const loopLayout = layoutGraph(looping, { nodeSize });

    const back = loopLayout.edges.filter((e) => e.back);
    expect(back.map((e) => `${e.from}>${e.to}`)).toEqual(['Wait>Poll']);
    expect(byId(loopLayout, 'Wait').y).toBeGreaterThan(byId(loopLayout, 'Poll').y);
    expect(back[0]?.points[0]?.y).toBeCloseTo(byId(loopLayout, 'Wait').y);
  });

  it('nests a Map state around its item processor', () => {
    const map = buildStateGraph({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'One', States: { One: { Type: 'Pass', Next: 'Two' }, Two: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    });

    const mapLayout = layoutGraph(map, { nodeSize });

    const container = byId(mapLayout, 'Each');
    expect(container.kind).toBe('container');
    expect(inside(byId(mapLayout, 'One'), container)).toBe(true);
    expect(byId(mapLayout, 'Two').y).toBeGreaterThan(byId(mapLayout, 'One').y);
    expect(byId(mapLayout, 'One').depth).toBe(1);
  });
});

/** Every state of a definition, nested ones included. */
function flatten(definition: unknown, into: Record<string, unknown> = {}): Record<string, unknown> {
  const states = (definition as { States?: Record<string, { Branches?: unknown[]; ItemProcessor?: unknown }> }).States ?? {};
  for (const [name, state] of Object.entries(states)) {
    into[name] = state;
    for (const branch of state.Branches ?? []) flatten(branch, into);
    if (state.ItemProcessor) flatten(state.ItemProcessor, into);
  }
  return into;
}
