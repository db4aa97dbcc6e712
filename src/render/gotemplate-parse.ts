// Go text/template parser for the subset docker users type in --format: actions, pipelines, if/else/range/with/end.

/** A parse or execution error, with Go's text (`template: :1: function "foo" not defined`). */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly partialOutput = '',
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

export type Arg =
  | { kind: 'dot'; pos: number }
  | { kind: 'field'; names: string[]; pos: number }
  | { kind: 'var'; name: string; names: string[]; pos: number }
  | { kind: 'func'; name: string; pos: number }
  | { kind: 'literal'; value: string | number | boolean | null; text: string; pos: number }
  | { kind: 'pipe'; pipe: Pipeline; names: string[]; pos: number };

export interface Command {
  args: Arg[];
  pos: number;
}
export interface Pipeline {
  decl: string[];
  assign: boolean;
  cmds: Command[];
  pos: number;
}

export type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipeline; pos: number }
  | { kind: 'if' | 'with' | 'range'; pipe: Pipeline; list: Node[]; elseList: Node[] | null; pos: number }
  | { kind: 'break' | 'continue'; pos: number };

export interface ParsedTemplate {
  source: string;
  root: Node[];
}

interface Token {
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

const SPACE = /[ \t\r\n]/;
const IDENT_CHAR = /[\p{L}\p{Nd}_]/u;

function lineOf(source: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < source.length; i++) if (source[i] === '\n') line++;
  return line;
}

/** Scan one quoted literal starting at `start`; returns the index after its closing quote. */
function scanQuoted(source: string, start: number, fail: (msg: string) => never): number {
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

function tokenize(source: string, from: number, to: number, fail: (msg: string, pos: number) => never): Token[] {
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

function unquote(text: string): string {
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

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'break', 'continue', 'define', 'template', 'block']);

/** Parse a template. `isFunc` tells which identifiers are defined functions. Throws TemplateError. */
export function parseTemplate(source: string, isFunc: (name: string) => boolean): ParsedTemplate {
  const fail = (msg: string, pos: number): never => {
    throw new TemplateError(`template: :${lineOf(source, pos)}: ${msg}`);
  };
  const root: Node[] = [];
  interface Frame {
    node: Extract<Node, { pipe: Pipeline; list: Node[] }>;
    inElse: boolean;
    sharedEnd: boolean;
    vars: number;
  }
  const frames: Frame[] = [];
  const declared: string[] = ['$'];
  const current = (): Node[] => {
    const frame = frames[frames.length - 1];
    if (!frame) return root;
    return frame.inElse ? (frame.node.elseList ??= []) : frame.node.list;
  };

  const parseAction = (tokens: Token[], actionPos: number): void => {
    let k = 0;
    const skipSpace = () => {
      while (tokens[k]?.type === 'space') k++;
    };
    const peek = () => {
      skipSpace();
      return tokens[k];
    };
    const endPos = tokens.length ? tokens[tokens.length - 1].pos : actionPos;

    const parseOperand = (): Arg | null => {
      const tok = tokens[k];
      if (!tok) return null;
      let arg: Arg;
      if (tok.type === 'dot') arg = { kind: 'dot', pos: tok.pos };
      else if (tok.type === 'field') arg = { kind: 'field', names: [tok.text.slice(1)], pos: tok.pos };
      else if (tok.type === 'var') {
        if (!declared.includes(tok.text)) fail(`undefined variable ${JSON.stringify(tok.text)}`, tok.pos);
        arg = { kind: 'var', name: tok.text, names: [], pos: tok.pos };
      } else if (tok.type === 'string')
        arg = { kind: 'literal', value: unquote(tok.text), text: tok.text, pos: tok.pos };
      else if (tok.type === 'char')
        arg = { kind: 'literal', value: unquote(tok.text).codePointAt(0) ?? 0, text: tok.text, pos: tok.pos };
      else if (tok.type === 'number') {
        const value = Number(tok.text.replace(/_/g, ''));
        if (Number.isNaN(value)) fail(`bad number syntax: ${JSON.stringify(tok.text)}`, tok.pos);
        arg = { kind: 'literal', value, text: tok.text, pos: tok.pos };
      } else if (tok.type === 'ident') {
        if (tok.text === 'true' || tok.text === 'false')
          arg = { kind: 'literal', value: tok.text === 'true', text: tok.text, pos: tok.pos };
        else if (tok.text === 'nil') arg = { kind: 'literal', value: null, text: 'nil', pos: tok.pos };
        else if (KEYWORDS.has(tok.text)) return fail(`unexpected <${tok.text}> in command`, tok.pos);
        else if (!isFunc(tok.text)) return fail(`function ${JSON.stringify(tok.text)} not defined`, tok.pos);
        else arg = { kind: 'func', name: tok.text, pos: tok.pos };
      } else if (tok.type === 'lparen') {
        k++;
        const pipe = parsePipeline('parenthesized pipeline', false);
        if (tokens[k]?.type !== 'rparen') fail('unclosed left paren', tok.pos);
        arg = { kind: 'pipe', pipe, names: [], pos: tok.pos };
      } else return null;
      k++;
      // Go gives a chained field or variable node the position of the first chained field
      if (tokens[k]?.type === 'field' && (arg.kind === 'field' || arg.kind === 'var')) arg.pos = tokens[k].pos;
      while (tokens[k]?.type === 'field') {
        if (arg.kind === 'field' || arg.kind === 'var' || arg.kind === 'pipe') arg.names.push(tokens[k].text.slice(1));
        else fail(`unexpected ${tokens[k].text} in operand`, tokens[k].pos);
        k++;
      }
      return arg;
    };

    const parsePipeline = (context: string, allowDecl: boolean): Pipeline => {
      const pipe: Pipeline = { decl: [], assign: false, cmds: [], pos: peek()?.pos ?? endPos };
      if (allowDecl && peek()?.type === 'var') {
        const save = k;
        const names: string[] = [tokens[k].text];
        k++;
        if (peek()?.type === 'comma') {
          k++;
          if (peek()?.type === 'var') {
            names.push(tokens[k].text);
            k++;
          }
        }
        const op = peek();
        if (op && (op.type === 'declare' || op.type === 'assign')) {
          k++;
          pipe.decl = names;
          pipe.assign = op.type === 'assign';
          if (op.type === 'declare') for (const name of names) declared.push(name);
        } else k = save;
      }
      for (;;) {
        const cmd: Command = { args: [], pos: peek()?.pos ?? endPos };
        for (;;) {
          const tok = peek();
          if (!tok || tok.type === 'pipe' || tok.type === 'rparen') break;
          const arg = parseOperand();
          if (!arg) fail(`unexpected ${JSON.stringify(tok.text)} in operand`, tok.pos);
          else cmd.args.push(arg);
          if (tokens[k] && tokens[k].type !== 'space' && tokens[k].type !== 'pipe' && tokens[k].type !== 'rparen') {
            fail(`unexpected ${JSON.stringify(tokens[k].text)} in operand`, tokens[k].pos);
          }
        }
        if (cmd.args.length === 0) fail(`missing value for ${context}`, cmd.pos);
        pipe.cmds.push(cmd);
        if (peek()?.type !== 'pipe') break;
        k++;
      }
      return pipe;
    };

    const first = peek();
    const keyword = first?.type === 'ident' && KEYWORDS.has(first.text) ? first.text : null;
    if (keyword) k++;
    const requireEnd = () => {
      if (peek()) fail(`unexpected ${JSON.stringify(peek()!.text)} in ${keyword}`, peek()!.pos);
    };
    const open = (kind: 'if' | 'with' | 'range', sharedEnd: boolean) => {
      const vars = declared.length;
      const pipe = parsePipeline(kind, true);
      if (pipe.decl.length > 1 && kind !== 'range') fail('too many declarations in command', pipe.pos);
      const node = { kind, pipe, list: [], elseList: null, pos: first!.pos } as Frame['node'];
      current().push(node);
      frames.push({ node, inElse: false, sharedEnd, vars });
    };
    switch (keyword) {
      case 'if':
      case 'with':
      case 'range':
        return open(keyword, false);
      case 'else': {
        const frame = frames[frames.length - 1];
        if (!frame || frame.inElse) fail('unexpected {{else}}', first!.pos);
        frame.inElse = true;
        const next = peek();
        if (next?.type === 'ident' && (next.text === 'if' || next.text === 'with')) {
          k++;
          return open(next.text, true);
        }
        return requireEnd();
      }
      case 'end': {
        requireEnd();
        let frame = frames.pop();
        if (!frame) fail('unexpected {{end}}', first!.pos);
        declared.length = frame!.vars;
        while (frame!.sharedEnd) {
          frame = frames.pop()!;
          declared.length = frame.vars;
        }
        return;
      }
      case 'break':
      case 'continue': {
        requireEnd();
        if (!frames.some((f) => f.node.kind === 'range')) fail(`{{${keyword}}} outside {{range}}`, first!.pos);
        current().push({ kind: keyword, pos: first!.pos });
        return;
      }
      case null: {
        const pipe = parsePipeline('command', true);
        if (peek()) fail(`unexpected ${JSON.stringify(peek()!.text)} in command`, peek()!.pos);
        current().push({ kind: 'action', pipe, pos: pipe.pos });
        return;
      }
      default:
        fail(`{{${keyword}}} is not supported`, first!.pos);
    }
  };

  let i = 0;
  let trimNext = false;
  while (i <= source.length) {
    const open = source.indexOf('{{', i);
    let text = source.slice(i, open === -1 ? source.length : open);
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, '');
    let contentStart = open + 2;
    if (open !== -1 && source[open + 2] === '-' && SPACE.test(source[open + 3] ?? '')) {
      text = text.replace(/[ \t\r\n]+$/, '');
      contentStart = open + 4;
    }
    if (text) current().push({ kind: 'text', text });
    if (open === -1) break;
    // find the closing delimiter outside quoted literals
    let j = contentStart;
    let close = -1;
    let trimRight = false;
    const comment = source.startsWith('/*', contentStart);
    if (comment) {
      const endComment = source.indexOf('*/', contentStart + 2);
      if (endComment === -1) fail('unclosed comment', open);
      j = endComment + 2;
      const ws = /^[ \t\r\n]*/.exec(source.slice(j))![0];
      if (source.startsWith('}}', j)) close = j;
      else if (ws && source.startsWith('-}}', j + ws.length)) {
        close = j + ws.length;
        trimRight = true;
      } else fail('comment ends before closing delimiter', open);
    }
    while (!comment && j < source.length) {
      const c = source[j];
      if (c === '"' || c === '`' || c === "'") {
        j = scanQuoted(source, j, (m) => fail(m, j));
        continue;
      }
      if (c === '}' && source[j + 1] === '}') {
        close = j;
        break;
      }
      if (c === '-' && source[j + 1] === '}' && source[j + 2] === '}' && SPACE.test(source[j - 1] ?? '')) {
        close = j;
        trimRight = true;
        break;
      }
      j++;
    }
    if (close === -1) fail('unclosed action', open);
    if (!comment) parseAction(tokenize(source, contentStart, close, fail), contentStart);
    trimNext = trimRight;
    i = close + (trimRight ? 3 : 2);
  }
  if (frames.length > 0) fail('unexpected EOF', source.length);
  return { source, root };
}
