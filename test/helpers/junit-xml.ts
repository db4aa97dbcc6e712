// Parses a JUnit XML document strictly and checks it against the common JUnit schema (the Jenkins/Surefire XSD shape).
// Elements allowed: testsuites > testsuite > (properties > property*)?, testcase*; testcase > (failure | skipped)?,
// system-out?. The tests/failures/errors/skipped counts must match the cases. Throws on anything else.

export interface ParsedCase {
  name: string;
  classname: string;
  failure?: { message: string; type: string; text: string };
  skipped?: { message: string };
  systemOut?: string;
}

export interface ParsedSuite {
  name: string;
  counts: { tests: number; failures: number; errors: number; skipped: number };
  properties: Record<string, string>;
  cases: ParsedCase[];
}

interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Element[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string): string =>
  text.replace(/&([a-z]+);/g, (whole, name: string) => {
    if (!(name in ENTITIES)) throw new Error(`unknown entity ${whole}`);
    return ENTITIES[name];
  });

/** A strict little XML parser: one root, matched tags, quoted attributes, the five entities, no stray `<` or `&`. */
function parseXml(xml: string): Element {
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (!decl) throw new Error('no XML declaration');
  let at = decl[0].length;
  const stack: Element[] = [{ tag: '#document', attrs: {}, children: [], text: '' }];
  const token = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  while (at < xml.length) {
    token.lastIndex = at;
    const m = token.exec(xml);
    if (!m) throw new Error(`not well-formed at ${at}: ${xml.slice(at, at + 40)}`);
    at = token.lastIndex;
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      if (/&(?![a-z]+;)/.test(m[5])) throw new Error(`bare & in text: ${m[5]}`);
      top.text += decode(m[5]);
      continue;
    }
    const [, close, tag, attrText, selfClose] = m;
    if (close) {
      if (top.tag !== tag) throw new Error(`</${tag}> closes <${top.tag}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [, key, value] of attrText.matchAll(/([\w-]+)="([^"]*)"/g)) {
      if (key in attrs) throw new Error(`attribute ${key} twice on <${tag}>`);
      attrs[key] = decode(value);
    }
    const element: Element = { tag, attrs, children: [], text: '' };
    top.children.push(element);
    if (!selfClose) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].tag}> is not closed`);
  const roots = stack[0].children;
  if (roots.length !== 1 || stack[0].text.trim() !== '') throw new Error('not exactly one root element');
  return roots[0];
}

function only(element: Element, allowed: string[], required: string[]): void {
  for (const child of element.children)
    if (!allowed.includes(child.tag)) throw new Error(`<${child.tag}> is not allowed in <${element.tag}>`);
  for (const key of Object.keys(element.attrs))
    if (!required.includes(key) && !['time', 'name', 'type', 'message', 'value'].includes(key))
      throw new Error(`attribute ${key} is not allowed on <${element.tag}>`);
  for (const key of required) if (!(key in element.attrs)) throw new Error(`<${element.tag}> has no ${key} attribute`);
}

const count = (element: Element, key: string): number => {
  const n = Number(element.attrs[key]);
  if (!/^\d+$/.test(element.attrs[key] ?? '')) throw new Error(`<${element.tag}> ${key}="${element.attrs[key]}"`);
  return n;
};

function parseCase(element: Element): ParsedCase {
  only(element, ['failure', 'skipped', 'system-out'], ['name', 'classname']);
  if (element.text.trim()) throw new Error('text directly in <testcase>');
  const tags = element.children.map((c) => c.tag).join(',');
  if (!/^((failure|skipped),?)?(system-out)?$/.test(tags))
    throw new Error(`<testcase> children in the wrong order: ${tags}`);
  const parsed: ParsedCase = { name: element.attrs.name, classname: element.attrs.classname };
  for (const child of element.children) {
    if (child.tag === 'failure') {
      only(child, [], ['message', 'type']);
      parsed.failure = { message: child.attrs.message, type: child.attrs.type, text: child.text };
    } else if (child.tag === 'skipped') {
      only(child, [], ['message']);
      if (child.text) throw new Error('text in <skipped>');
      parsed.skipped = { message: child.attrs.message };
    } else parsed.systemOut = child.text;
  }
  return parsed;
}

function parseSuite(element: Element): ParsedSuite {
  only(element, ['properties', 'testcase'], ['name', 'tests', 'failures', 'errors', 'skipped']);
  const properties: Record<string, string> = {};
  const [first, ...rest] = element.children;
  if (rest.some((c) => c.tag === 'properties')) throw new Error('<properties> after a <testcase>');
  if (first?.tag === 'properties')
    for (const p of first.children) {
      only(p, [], ['name', 'value']);
      if (p.tag !== 'property') throw new Error(`<${p.tag}> in <properties>`);
      properties[p.attrs.name] = p.attrs.value;
    }
  const cases = element.children.filter((c) => c.tag === 'testcase').map(parseCase);
  const counts = {
    tests: count(element, 'tests'),
    failures: count(element, 'failures'),
    errors: count(element, 'errors'),
    skipped: count(element, 'skipped'),
  };
  const seen = {
    tests: cases.length,
    failures: cases.filter((c) => c.failure).length,
    errors: 0,
    skipped: cases.filter((c) => c.skipped).length,
  };
  if (JSON.stringify(counts) !== JSON.stringify(seen))
    throw new Error(`counts ${JSON.stringify(counts)} but the cases hold ${JSON.stringify(seen)}`);
  return { name: element.attrs.name, counts, properties, cases };
}

/** The suites of a JUnit document, after checking it is well-formed, schema-shaped and its counts add up. */
export function parseJUnit(xml: string): ParsedSuite[] {
  const root = parseXml(xml);
  if (root.tag !== 'testsuites') throw new Error(`root <${root.tag}>, not <testsuites>`);
  only(root, ['testsuite'], ['tests', 'failures', 'errors', 'skipped']);
  const suites = root.children.map(parseSuite);
  for (const key of ['tests', 'failures', 'errors', 'skipped'] as const) {
    const sum = suites.reduce((n, s) => n + s.counts[key], 0);
    if (count(root, key) !== sum)
      throw new Error(`<testsuites ${key}="${root.attrs[key]}"> but the suites sum to ${sum}`);
  }
  return suites;
}
