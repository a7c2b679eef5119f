/**
 * Just enough XML for checking our own TCX output: elements, attributes, text, the five predefined entities and
 * numeric references, a declaration and comments. Anything it does not understand is an error, not a guess.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export function parseXml(source: string): XmlElement {
  let position = 0;
  const fail = (message: string): never => {
    throw new Error(
      `${message} at offset ${position}: ${JSON.stringify(source.slice(position, position + 30))}`,
    );
  };
  const skipSpace = (): void => {
    while (/\s/.test(source[position] ?? '')) position += 1;
  };
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (source.startsWith('<!--', position)) {
        const end = source.indexOf('-->', position);
        if (end < 0) fail('unclosed comment');
        position = end + 3;
      } else return;
    }
  };
  const name = (): string => {
    const match = /^[A-Za-z_][\w.:-]*/.exec(source.slice(position, position + 200));
    if (!match) return fail('expected a name');
    position += match[0].length;
    return match[0];
  };

  const element = (): XmlElement => {
    if (source[position] !== '<') fail('expected <');
    position += 1;
    const node: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (source.startsWith('/>', position)) {
        position += 2;
        return node;
      }
      if (source[position] === '>') {
        position += 1;
        break;
      }
      const attribute = name();
      skipSpace();
      if (source[position] !== '=') fail('expected =');
      position += 1;
      skipSpace();
      const quote = source[position];
      if (quote !== '"' && quote !== "'") return fail('expected a quoted value');
      const end = source.indexOf(quote, position + 1);
      if (end < 0) fail('unclosed attribute');
      const raw = source.slice(position + 1, end);
      if (raw.includes('<')) fail('< in an attribute');
      if (attribute in node.attributes) fail(`duplicate attribute ${attribute}`);
      node.attributes[attribute] = unescape(raw, fail);
      position = end + 1;
    }
    for (;;) {
      const next = source.indexOf('<', position);
      if (next < 0) fail(`unclosed <${node.name}>`);
      node.text += unescape(source.slice(position, next), fail);
      position = next;
      if (source.startsWith('</', position)) {
        position += 2;
        const closing = name();
        if (closing !== node.name) fail(`</${closing}> closes <${node.name}>`);
        skipSpace();
        if (source[position] !== '>') fail('expected >');
        position += 1;
        return node;
      }
      if (source.startsWith('<!--', position)) {
        skipMisc();
        continue;
      }
      node.children.push(element());
    }
  };

  if (source.startsWith('<?xml', position)) {
    const end = source.indexOf('?>', position);
    if (end < 0) fail('unclosed declaration');
    position = end + 2;
  }
  skipMisc();
  const root = element();
  skipMisc();
  if (position !== source.length) fail('content after the root element');
  return root;
}

function unescape(raw: string, fail: (message: string) => never): string {
  return raw.replace(/&([^;]*);?/g, (whole, entity: string) => {
    if (!whole.endsWith(';')) return fail(`unterminated entity &${entity}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    const value = named[entity];
    if (value !== undefined) return value;
    const numeric = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(entity);
    if (!numeric?.[1]) return fail(`unknown entity &${entity};`);
    const code = numeric[1].startsWith('x') ? Number.parseInt(numeric[1].slice(1), 16) : Number(numeric[1]);
    return String.fromCodePoint(code);
  });
}
