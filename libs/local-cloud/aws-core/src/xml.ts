/** A small XML writer for the Query and REST-XML answers: elements, escaped text, nothing more. */

/** Escapes text for an XML element or attribute. Characters XML 1.0 cannot carry at all are written as references. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;' })[c] as string);
}

/** What an element may contain: text (escaped), nested elements (already XML), or nothing. */
export type XmlContent = string | number | boolean | undefined | null | XmlFragment | readonly XmlFragment[];

/** Serialized XML, kept apart from plain text so that it is never escaped twice. */
export class XmlFragment {
  constructor(readonly xml: string) {}
  toString(): string {
    return this.xml;
  }
}

/** `<name>content</name>`; an undefined or null content writes nothing at all (an absent member). */
export function xmlElement(name: string, content: XmlContent, attributes: Record<string, string> = {}): XmlFragment {
  if (content === undefined || content === null) return new XmlFragment('');
  const attrs = Object.entries(attributes).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  const inner = content instanceof XmlFragment ? content.xml : Array.isArray(content) ? content.map((f: XmlFragment) => f.xml).join('') : escapeXml(String(content));
  return new XmlFragment(`<${name}${attrs}>${inner}</${name}>`);
}

/** Several fragments as one. */
export function xmlJoin(fragments: readonly XmlFragment[]): XmlFragment {
  return new XmlFragment(fragments.map((f) => f.xml).join(''));
}
