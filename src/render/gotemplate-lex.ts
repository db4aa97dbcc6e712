// Go text/template lexer: the tokens of one action, quoted literals and their unquoting, line numbers for errors.

export interface Token {
  type:
    | 'space'
    | 'pipe'
    | 'lparen'
    | 'rparen'
    | 'declare'
    | 'assign'
    | 'comma'
    | 'string'
    | 'number'
    | 'char'
    | 'field'
    | 'dot'
    | 'var'
    | 'ident';
  text: string;
  pos: number;
}

export const SPACE = /[ \t\r\n]/;
const IDENT_CHAR = /[\p{L}\p{Nd}_]/u;

export function lineOf(source: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < source.length; i++) if (source[i] === '\n') line++;
  return line;
}

/** Scan one quoted literal starting at `start`; returns the index after its closing quote. */
export function scanQuoted(source: string, start: number, fail: (msg: string) => never): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length && source[i] !== quote) {
    if (quote !== '`' && source[i] === '\\') i++;
    if (quote !== '`' && source[i] === '\n')
      fail(quote === '"' ? 'unterminated quoted string' : 'unterminated character constant');
    i++;
  }
  if (i >= source.length)
    fail(
      quote === '`'
        ? 'unterminated raw quoted string'
        : quote === '"'
          ? 'unterminated quoted string'
          : 'unterminated character constant',
    );
  return i + 1;
}

export function tokenize(source: string, from: number, to: number, fail: (msg: string, pos: number) => never): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = source[i];
    const start = i;
    const push = (type: Token['type'], end: number) => {
      tokens.push({ type, text: source.slice(start, end), pos: start });
      i = end;
    };
    if (SPACE.test(c)) {
      while (i < to && SPACE.test(source[i])) i++;
      tokens.push({ type: 'space', text: ' ', pos: start });
    } else if (c === '|') push('pipe', i + 1);
    else if (c === '(') push('lparen', i + 1);
    else if (c === ')') push('rparen', i + 1);
    else if (c === ',') push('comma', i + 1);
    else if (c === ':' && source[i + 1] === '=') push('declare', i + 2);
    else if (c === '=') push('assign', i + 1);
    else if (c === '"' || c === '`' || c === "'")
      push(
        c === "'" ? 'char' : 'string',
        scanQuoted(source, i, (m) => fail(m, start)),
      );
    else if (/[0-9]/.test(c) || ((c === '-' || c === '+' || c === '.') && /[0-9]/.test(source[i + 1] ?? ''))) {
      let end = i + 1;
      while (
        end < to &&
        /[0-9a-fA-FxXoObB_.eEpP+-]/.test(source[end]) &&
        !(/[+-]/.test(source[end]) && !/[eEpP]/.test(source[end - 1]))
      )
        end++;
      push('number', end);
    } else if (c === '.' || c === '$') {
      let end = i + 1;
      while (end < to && IDENT_CHAR.test(source[end])) end++;
      push(c === '$' ? 'var' : end === i + 1 ? 'dot' : 'field', end);
    } else if (IDENT_CHAR.test(c)) {
      let end = i + 1;
      while (end < to && IDENT_CHAR.test(source[end])) end++;
      push('ident', end);
    } else fail(`unexpected ${JSON.stringify(c)} in command`, start);
  }
  return tokens;
}

export function unquote(text: string): string {
  if (text.startsWith('`')) return text.slice(1, -1);
  const body = text
    .slice(1, -1)
    .replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')
    .replace(/\\U([0-9a-fA-F]{8})/g, (_m, hex: string) => `\\u{${hex}}`);
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|.)/g, (_m, esc: string) => {
    if (esc.startsWith('u{')) return String.fromCodePoint(parseInt(esc.slice(2, -1), 16));
    if (esc.startsWith('u') && esc.length === 5) return String.fromCharCode(parseInt(esc.slice(1), 16));
    return (
      (
        { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" } as Record<
          string,
          string
        >
      )[esc] ?? esc
    );
  });
}
