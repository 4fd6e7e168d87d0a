/**
 * The matching runtime: walks a parsed event along the paths of one compiled branch.
 *
 * A branch is a list of leaves (field path + predicate), all of which must hold. Arrays in the
 * event make this a search, with EventBridge's array consistency: once a leaf has matched inside
 * element i of an array of objects, every later leaf that goes through that same array must use
 * element i too, so `{"a": {"b": [1], "c": [2]}}` does not match `{"a": [{"b": 1}, {"c": 2}]}`.
 * The chosen elements ("bindings") live on a small stack that is pushed and popped as the search
 * backtracks. Scalars directly inside an array are not bound: any of them may match.
 *
 * `exists: false` is checked against the bindings made by the leaves before it (leaves are in
 * EventBridge's order, sorted by dotted path): with no binding, a field is absent only if no array
 * element has it. So `{"items": {"discount": [{"exists": false}]}}` matches only when no item has
 * a discount, as on an event bus.
 *
 * Events without arrays on a leaf's path take a straight path with no search and no allocation.
 */
import type { Scalar } from './leaf';

/** One leaf as the runtime needs it. */
export interface RuntimeLeaf {
  /** Field names from the event root to the leaf. */
  readonly segments: readonly string[];
  /**
   * Per segment, whether it could name something every object inherits (`constructor`,
   * `__proto__`, `toString`): only those lookups pay for an own-property check.
   */
  readonly guarded: readonly boolean[];
  readonly test: ((value: Scalar) => boolean) | null;
  readonly absentOk: boolean;
}

/** A list of leaves that must all hold: one combination of the pattern's `$or`s. */
export type RuntimeBranch = readonly RuntimeLeaf[];

const hasOwn = Object.prototype.hasOwnProperty;

// The bindings stack. Matching is synchronous and never re-entrant, so one module-level stack
// serves every call; matchBranch resets it, and every push has its pop.
const boundArrays: unknown[][] = [];
const boundIndexes: number[] = [];
let boundCount = 0;

function boundIndexOf(array: unknown[]): number {
  for (let i = boundCount - 1; i >= 0; i--) if (boundArrays[i] === array) return boundIndexes[i] as number;
  return -1;
}

function isScalar(value: unknown): value is Scalar {
  if (value === null) return true;
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean';
}

function field(object: object, name: string, guarded: boolean): unknown {
  if (guarded && !hasOwn.call(object, name)) return undefined;
  return (object as Record<string, unknown>)[name];
}

/** True when every leaf of the branch, from `index` on, holds under the current bindings. */
function matchFrom(branch: RuntimeBranch, index: number, root: object): boolean {
  for (let i = index; i < branch.length; i++) {
    const leaf = branch[i] as RuntimeLeaf;
    const { segments, guarded } = leaf;
    let node: unknown = root;
    let depth = 0;
    // Straight descent through plain objects: no choice to make, so nothing to undo.
    while (depth < segments.length && typeof node === 'object' && node !== null && !Array.isArray(node)) {
      node = field(node, segments[depth] as string, guarded[depth] as boolean);
      depth++;
    }
    if (Array.isArray(node)) return searchLeaf(branch, i, root);
    if (depth === segments.length && isScalar(node)) {
      // Exactly one value: the leaf holds or not, and the next leaf follows on directly.
      if (leaf.test !== null && leaf.test(node)) continue;
      return false;
    }
    // No value here (missing, an object, or a scalar where the path goes on).
    if (!leaf.absentOk) return false;
  }
  return true;
}

/** The leaf's path meets an array: try each consistent value, then absence. */
function searchLeaf(branch: RuntimeBranch, index: number, root: object): boolean {
  const leaf = branch[index] as RuntimeLeaf;
  if (leaf.test !== null && walk(root, 0, leaf, branch, index, root)) return true;
  return leaf.absentOk && !hasValue(root, 0, leaf) && matchFrom(branch, index + 1, root);
}

/** Descends from `node` at path position `depth`; at each matching value, continues with the next leaf. */
function walk(node: unknown, depth: number, leaf: RuntimeLeaf, branch: RuntimeBranch, index: number, root: object): boolean {
  const { segments, guarded } = leaf;
  for (;;) {
    if (Array.isArray(node)) return walkArray(node, depth, leaf, branch, index, root);
    if (depth === segments.length) return isScalar(node) && (leaf.test as (value: Scalar) => boolean)(node) && matchFrom(branch, index + 1, root);
    if (typeof node !== 'object' || node === null) return false;
    node = field(node, segments[depth] as string, guarded[depth] as boolean);
    depth++;
  }
}

function walkArray(array: unknown[], depth: number, leaf: RuntimeLeaf, branch: RuntimeBranch, index: number, root: object): boolean {
  const bound = boundIndexOf(array);
  const atLeaf = depth === leaf.segments.length;
  for (let k = 0; k < array.length; k++) {
    const element = array[k];
    if (typeof element === 'object' && element !== null) {
      if (bound >= 0) {
        if (bound === k && walk(element, depth, leaf, branch, index, root)) return true;
        continue;
      }
      boundArrays[boundCount] = array;
      boundIndexes[boundCount] = k;
      boundCount++;
      const matched = walk(element, depth, leaf, branch, index, root);
      boundCount--;
      if (matched) return true;
    } else if (atLeaf && isScalar(element) && (leaf.test as (value: Scalar) => boolean)(element) && matchFrom(branch, index + 1, root)) {
      return true;
    }
  }
  return false;
}

/** True when some value sits at the leaf's path, consistent with the bindings (nothing is bound). */
function hasValue(node: unknown, depth: number, leaf: RuntimeLeaf): boolean {
  const { segments, guarded } = leaf;
  for (;;) {
    if (Array.isArray(node)) {
      const bound = boundIndexOf(node);
      const atLeaf = depth === segments.length;
      for (let k = 0; k < node.length; k++) {
        const element: unknown = node[k];
        if (typeof element === 'object' && element !== null) {
          if ((bound < 0 || bound === k) && hasValue(element, depth, leaf)) return true;
        } else if (atLeaf && isScalar(element)) return true;
      }
      return false;
    }
    if (depth === segments.length) return isScalar(node);
    if (typeof node !== 'object' || node === null) return false;
    node = field(node, segments[depth] as string, guarded[depth] as boolean);
    depth++;
  }
}

/** True when the event (a parsed JSON object) satisfies every leaf of the branch. */
export function matchBranch(branch: RuntimeBranch, event: object): boolean {
  boundCount = 0;
  return matchFrom(branch, 0, event);
}
