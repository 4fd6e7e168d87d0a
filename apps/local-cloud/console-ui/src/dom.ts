/**
 * A tiny element builder: text always goes in as text nodes (never HTML), so whatever an event,
 * a mail or a webhook message carries is shown, not run.
 */

type Child = Node | string | number | false | null | undefined;
type Attributes = Record<string, string | number | boolean | undefined | null | EventListener>;

/** Creates an HTML element: `h('a', { href: '#/', class: 'x', onclick: fn }, 'text', child)`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with the same conventions. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(element: Element, children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    element.append(typeof child === 'number' ? String(child) : child);
  }
}

/**
 * Replaces a container's content, then gives the focus back to the element with the same
 * `data-focus-key` (a live refresh must not throw a keyboard user back to the top).
 */
export function replaceContent(container: Element, ...children: Child[]): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement || active instanceof SVGElement ? active.dataset['focusKey'] : undefined;
  const fresh = children.filter((c): c is Node | string => c !== undefined && c !== null && c !== false).map((c) => (typeof c === 'number' ? String(c) : c));
  container.replaceChildren(...fresh);
  if (key && container.contains(active) === false) {
    const again = container.querySelector<HTMLElement | SVGElement>(`[data-focus-key="${CSS.escape(key)}"]`);
    again?.focus({ preventScroll: true });
  }
}

/** Pretty JSON of a JSON text (or of a value), for <pre> blocks. */
export function prettyJson(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** A collapsible JSON block. */
export function jsonBlock(summary: string, value: unknown, open = false): HTMLDetailsElement {
  return h('details', { class: 'json', open }, h('summary', {}, summary), h('pre', {}, prettyJson(value)));
}
