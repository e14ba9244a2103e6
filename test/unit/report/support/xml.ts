/**
 * A minimal, strict XML 1.0 reader for tests (the project has no XML parser dependency).
 * It throws on anything that is not well-formed: unmatched or misnested tags, unquoted or
 * duplicate attributes, a raw `<` or a bare `&` in text or attributes, `]]>` in text,
 * characters XML cannot carry, more than one root. It returns the element tree with
 * entities decoded, so tests can check structure and what a consumer would read.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Decoded character data directly inside the element. */
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ENTITY = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;

function decode(raw: string, where: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '<') throw new Error(`raw '<' in ${where}`);
    if (c !== '&') {
      out += c;
      continue;
    }
    const m = ENTITY.exec(raw.slice(i));
    if (!m?.[1]) throw new Error(`bare '&' in ${where}: ${raw.slice(i, i + 12)}`);
    const e = m[1];
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    out += named[e] ?? String.fromCodePoint(Number(e[1] === 'x' ? `0${e.slice(1)}` : e.slice(1)));
    i += m[0].length - 1;
  }
  return out;
}

export function parseXml(xml: string): XmlElement {
  if (NOT_XML.test(xml)) throw new Error('a character XML 1.0 cannot carry');
  let i = 0;
  const declaration = /^<\?xml [^?]*\?>\s*/.exec(xml);
  if (declaration) i = declaration[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  while (i < xml.length) {
    if (xml[i] !== '<') {
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end === -1 ? xml.length : end);
      if (raw.includes(']]>')) throw new Error("']]>' in character data");
      const top = stack.at(-1);
      if (!top) {
        if (raw.trim()) throw new Error(`text outside the root: ${raw.slice(0, 20)}`);
      } else {
        top.text += decode(raw, `<${top.name}>`);
      }
      i += raw.length;
      continue;
    }
    if (xml.startsWith('</', i)) {
      const m = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(xml.slice(i));
      const open = stack.pop();
      if (!m || m[1] !== open?.name) throw new Error(`</${m?.[1]}> closes <${open?.name}>`);
      i += m[0].length;
      continue;
    }
    i += 1;
    const name = NAME.exec(xml.slice(i))?.[0];
    if (!name) throw new Error(`bad tag at ${i}: ${xml.slice(i - 1, i + 20)}`);
    i += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const space = /^\s*/.exec(xml.slice(i))?.[0] ?? '';
      i += space.length;
      if (xml.startsWith('/>', i) || xml[i] === '>') break;
      if (!space) throw new Error(`no space before an attribute of <${name}>`);
      const m = /^([A-Za-z_][\w.:-]*)="([^"]*)"/.exec(xml.slice(i));
      if (!m?.[1] || m[2] === undefined)
        throw new Error(`bad attribute in <${name}>: ${xml.slice(i, i + 30)}`);
      if (m[1] in attributes) throw new Error(`duplicate attribute ${m[1]} in <${name}>`);
      attributes[m[1]] = decode(m[2], `${name}@${m[1]}`);
      i += m[0].length;
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root) throw new Error('more than one root element');
    else root = element;
    if (xml.startsWith('/>', i)) {
      i += 2;
    } else {
      i += 1;
      stack.push(element);
    }
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)?.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element named `name` under `element`, depth first. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [
    ...(child.name === name ? [child] : []),
    ...findAll(child, name),
  ]);
}
