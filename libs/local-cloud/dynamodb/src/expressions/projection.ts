/**
 * Projections: the part of an item that a ProjectionExpression (or a list of attribute names)
 * selects, nested as in the item. Selected list elements come back in index order, without the
 * elements that were not selected, as DynamoDB answers them.
 */
import type { AttributeValue, Item } from '../attribute-value';
import type { Path } from './ast';

interface Node {
  leaf: boolean;
  children: Map<string | number, Node>;
}

/** A projection compiled once per request: a tree of the selected paths. */
export class Projection {
  private readonly root: Node = { leaf: false, children: new Map() };
  /** Top-level attribute names the projection reads. */
  readonly topLevel: Set<string>;

  constructor(readonly paths: Path[]) {
    for (const path of paths) {
      let node = this.root;
      for (const element of path) {
        let child = node.children.get(element);
        if (!child) {
          child = { leaf: false, children: new Map() };
          node.children.set(element, child);
        }
        node = child;
      }
      node.leaf = true;
    }
    this.topLevel = new Set(paths.map((p) => p[0] as string));
  }

  /** The projected item (may be `{}`). */
  apply(item: Item): Item {
    const result: Item = {};
    for (const [name, node] of this.root.children) {
      const value = item[name as string];
      if (value === undefined) continue;
      const projected = project(value, node);
      if (projected !== undefined) result[name as string] = projected;
    }
    return result;
  }
}

function project(value: AttributeValue, node: Node): AttributeValue | undefined {
  if (node.leaf) return value;
  if ('M' in value) {
    const map: Record<string, AttributeValue> = {};
    let any = false;
    for (const [key, child] of node.children) {
      if (typeof key !== 'string') continue;
      const inner = value.M[key];
      if (inner === undefined) continue;
      const projected = project(inner, child);
      if (projected !== undefined) {
        map[key] = projected;
        any = true;
      }
    }
    return any ? { M: map } : undefined;
  }
  if ('L' in value) {
    const indexes = [...node.children.keys()].filter((k): k is number => typeof k === 'number').sort((a, b) => a - b);
    const list: AttributeValue[] = [];
    for (const index of indexes) {
      const inner = value.L[index];
      if (inner === undefined) continue;
      const projected = project(inner, node.children.get(index) as Node);
      if (projected !== undefined) list.push(projected);
    }
    return list.length > 0 ? { L: list } : undefined;
  }
  return undefined;
}
