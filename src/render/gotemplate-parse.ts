// Go text/template parser for the subset docker users type in --format: actions, pipelines, if/else/range/with/end.

import { lineOf, SPACE, scanQuoted, type Token, tokenize, unquote } from './gotemplate-lex.js';

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

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'break', 'continue', 'define', 'template', 'block']);

/** Parse a template. `isFunc` tells which identifiers are defined functions. Throws TemplateError. */
export function parseTemplate(source: string, isFunc: (name: string) => boolean): ParsedTemplate {
  return new TemplateParser(source, isFunc).parse();
}

/** An open if/with/range block: its node, which list receives nodes, and the variables declared before it. */
interface Frame {
  node: Extract<Node, { pipe: Pipeline; list: Node[] }>;
  inElse: boolean;
  /** `{{else if}}` / `{{else with}}`: closed by the same `{{end}}` as the block it continues. */
  sharedEnd: boolean;
  vars: number;
}

/** The delimiters of one action: where its content starts and ends, and whether it trims the text after it. */
interface ActionSpan {
  contentStart: number;
  close: number;
  trimRight: boolean;
  comment: boolean;
}

/** Splits the source into text and actions and keeps the block structure and the declared variables. */
class TemplateParser {
  readonly root: Node[] = [];
  readonly frames: Frame[] = [];
  readonly declared: string[] = ['$'];

  constructor(
    readonly source: string,
    readonly isFunc: (name: string) => boolean,
  ) {}

  fail(msg: string, pos: number): never {
    throw new TemplateError(`template: :${lineOf(this.source, pos)}: ${msg}`);
  }

  /** The list the next node goes to: the innermost open block's (or its else branch), else the root. */
  current(): Node[] {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) return this.root;
    return frame.inElse ? (frame.node.elseList ??= []) : frame.node.list;
  }

  parse(): ParsedTemplate {
    const { source } = this;
    const fail = (msg: string, pos: number) => this.fail(msg, pos);
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
      if (text) this.current().push({ kind: 'text', text });
      if (open === -1) break;
      const span = this.actionSpan(open, contentStart);
      if (!span.comment) new ActionParser(this, tokenize(source, contentStart, span.close, fail), contentStart).parse();
      trimNext = span.trimRight;
      i = span.close + (span.trimRight ? 3 : 2);
    }
    if (this.frames.length > 0) this.fail('unexpected EOF', source.length);
    return { source, root: this.root };
  }

  /** Finds the closing delimiter of the action opened at `open`, outside quoted literals. */
  private actionSpan(open: number, contentStart: number): ActionSpan {
    const { source } = this;
    if (source.startsWith('/*', contentStart)) return this.commentSpan(open, contentStart);
    let j = contentStart;
    while (j < source.length) {
      const c = source[j];
      if (c === '"' || c === '`' || c === "'") {
        j = scanQuoted(source, j, (m) => this.fail(m, j));
        continue;
      }
      if (c === '}' && source[j + 1] === '}') return { contentStart, close: j, trimRight: false, comment: false };
      if (c === '-' && source[j + 1] === '}' && source[j + 2] === '}' && SPACE.test(source[j - 1] ?? '')) {
        return { contentStart, close: j, trimRight: true, comment: false };
      }
      j++;
    }
    return this.fail('unclosed action', open);
  }

  // A comment action: it must end right before the closing delimiter (spaces allowed before `-}}`).
  private commentSpan(open: number, contentStart: number): ActionSpan {
    const { source } = this;
    const endComment = source.indexOf('*/', contentStart + 2);
    if (endComment === -1) this.fail('unclosed comment', open);
    const j = endComment + 2;
    const ws = /^[ \t\r\n]*/.exec(source.slice(j))![0];
    if (source.startsWith('}}', j)) return { contentStart, close: j, trimRight: false, comment: true };
    if (ws && source.startsWith('-}}', j + ws.length)) {
      return { contentStart, close: j + ws.length, trimRight: true, comment: true };
    }
    return this.fail('comment ends before closing delimiter', open);
  }
}

/** Parses the tokens of one action into a node of the template: a keyword or a pipeline. */
class ActionParser {
  private k = 0;
  private readonly endPos: number;

  constructor(
    private readonly template: TemplateParser,
    private readonly tokens: Token[],
    actionPos: number,
  ) {
    this.endPos = tokens.length ? tokens[tokens.length - 1].pos : actionPos;
  }

  private peek(): Token | undefined {
    while (this.tokens[this.k]?.type === 'space') this.k++;
    return this.tokens[this.k];
  }

  parse(): void {
    const t = this.template;
    const first = this.peek();
    const keyword = first?.type === 'ident' && KEYWORDS.has(first.text) ? first.text : null;
    if (keyword) this.k++;
    switch (keyword) {
      case 'if':
      case 'with':
      case 'range':
        return this.open(keyword, false, first!.pos);
      case 'else':
        return this.parseElse(first!.pos);
      case 'end':
        this.requireEnd(keyword);
        return this.closeBlock(first!.pos);
      case 'break':
      case 'continue': {
        this.requireEnd(keyword);
        if (!t.frames.some((f) => f.node.kind === 'range')) t.fail(`{{${keyword}}} outside {{range}}`, first!.pos);
        t.current().push({ kind: keyword, pos: first!.pos });
        return;
      }
      case null: {
        const pipe = this.parsePipeline('command', true);
        const extra = this.peek();
        if (extra) t.fail(`unexpected ${JSON.stringify(extra.text)} in command`, extra.pos);
        t.current().push({ kind: 'action', pipe, pos: pipe.pos });
        return;
      }
      default:
        // define, template, block: Go has them; this sandbox's template subset does not (no named templates).
        t.fail(`{{${keyword}}} is not in swarmlab's subset of Go templates`, first!.pos);
    }
  }

  private requireEnd(keyword: string): void {
    const extra = this.peek();
    if (extra) this.template.fail(`unexpected ${JSON.stringify(extra.text)} in ${keyword}`, extra.pos);
  }

  /** Opens an if/with/range block; its pipeline may declare variables scoped to the block. */
  private open(kind: 'if' | 'with' | 'range', sharedEnd: boolean, pos: number): void {
    const t = this.template;
    const vars = t.declared.length;
    const pipe = this.parsePipeline(kind, true);
    if (pipe.decl.length > 1 && kind !== 'range') t.fail('too many declarations in command', pipe.pos);
    const node = { kind, pipe, list: [], elseList: null, pos } as Frame['node'];
    t.current().push(node);
    t.frames.push({ node, inElse: false, sharedEnd, vars });
  }

  /** `{{else}}`, `{{else if ...}}` or `{{else with ...}}`. */
  private parseElse(pos: number): void {
    const frame = this.template.frames[this.template.frames.length - 1];
    if (!frame || frame.inElse) this.template.fail('unexpected {{else}}', pos);
    frame.inElse = true;
    const next = this.peek();
    if (next?.type === 'ident' && (next.text === 'if' || next.text === 'with')) {
      this.k++;
      return this.open(next.text, true, pos);
    }
    return this.requireEnd('else');
  }

  /** `{{end}}`: closes the innermost block and the else-if/else-with blocks that share its end. */
  private closeBlock(pos: number): void {
    const t = this.template;
    let frame = t.frames.pop();
    if (!frame) this.template.fail('unexpected {{end}}', pos);
    t.declared.length = frame.vars;
    while (frame.sharedEnd) {
      frame = t.frames.pop()!;
      t.declared.length = frame.vars;
    }
  }

  private parsePipeline(context: string, allowDecl: boolean): Pipeline {
    const pipe: Pipeline = { decl: [], assign: false, cmds: [], pos: this.peek()?.pos ?? this.endPos };
    if (allowDecl && this.peek()?.type === 'var') this.parseDeclaration(pipe);
    for (;;) {
      pipe.cmds.push(this.parseCommand(context));
      if (this.peek()?.type !== 'pipe') break;
      this.k++;
    }
    return pipe;
  }

  /** `$x :=`, `$x =`, `$i, $v :=`: when no declare or assign follows, the variables are operands instead. */
  private parseDeclaration(pipe: Pipeline): void {
    const { tokens } = this;
    const save = this.k;
    const names: string[] = [tokens[this.k].text];
    this.k++;
    if (this.peek()?.type === 'comma') {
      this.k++;
      if (this.peek()?.type === 'var') {
        names.push(tokens[this.k].text);
        this.k++;
      }
    }
    const op = this.peek();
    if (op && (op.type === 'declare' || op.type === 'assign')) {
      this.k++;
      pipe.decl = names;
      pipe.assign = op.type === 'assign';
      if (op.type === 'declare') this.template.declared.push(...names);
    } else this.k = save;
  }

  /** One command of a pipeline: operands up to the next `|` or `)`. */
  private parseCommand(context: string): Command {
    const { tokens } = this;
    const fail = (msg: string, pos: number) => this.template.fail(msg, pos);
    const cmd: Command = { args: [], pos: this.peek()?.pos ?? this.endPos };
    for (;;) {
      const tok = this.peek();
      if (!tok || tok.type === 'pipe' || tok.type === 'rparen') break;
      const arg = this.parseOperand();
      if (!arg) fail(`unexpected ${JSON.stringify(tok.text)} in operand`, tok.pos);
      else cmd.args.push(arg);
      const after = tokens[this.k];
      if (after && after.type !== 'space' && after.type !== 'pipe' && after.type !== 'rparen') {
        fail(`unexpected ${JSON.stringify(after.text)} in operand`, after.pos);
      }
    }
    if (cmd.args.length === 0) fail(`missing value for ${context}`, cmd.pos);
    return cmd;
  }

  /** One operand and the fields chained after it (`.A.B`, `$x.A`, `(pipe).A`); null when the token is none. */
  private parseOperand(): Arg | null {
    const tok = this.tokens[this.k];
    if (!tok) return null;
    const arg = this.operand(tok);
    if (!arg) return null;
    this.k++;
    this.chainFields(arg);
    return arg;
  }

  private operand(tok: Token): Arg | null {
    const t = this.template;
    switch (tok.type) {
      case 'dot':
        return { kind: 'dot', pos: tok.pos };
      case 'field':
        return { kind: 'field', names: [tok.text.slice(1)], pos: tok.pos };
      case 'var':
        if (!t.declared.includes(tok.text)) t.fail(`undefined variable ${JSON.stringify(tok.text)}`, tok.pos);
        return { kind: 'var', name: tok.text, names: [], pos: tok.pos };
      case 'string':
        return { kind: 'literal', value: unquote(tok.text), text: tok.text, pos: tok.pos };
      case 'char':
        return { kind: 'literal', value: unquote(tok.text).codePointAt(0) ?? 0, text: tok.text, pos: tok.pos };
      case 'number': {
        const value = Number(tok.text.replace(/_/g, ''));
        if (Number.isNaN(value)) t.fail(`bad number syntax: ${JSON.stringify(tok.text)}`, tok.pos);
        return { kind: 'literal', value, text: tok.text, pos: tok.pos };
      }
      case 'ident':
        return this.identOperand(tok);
      case 'lparen': {
        this.k++;
        const pipe = this.parsePipeline('parenthesized pipeline', false);
        if (this.tokens[this.k]?.type !== 'rparen') t.fail('unclosed left paren', tok.pos);
        return { kind: 'pipe', pipe, names: [], pos: tok.pos };
      }
      default:
        return null;
    }
  }

  /** `true`, `false`, `nil` or a defined function; a keyword or an unknown name is an error. */
  private identOperand(tok: Token): Arg {
    const t = this.template;
    if (tok.text === 'true' || tok.text === 'false')
      return { kind: 'literal', value: tok.text === 'true', text: tok.text, pos: tok.pos };
    if (tok.text === 'nil') return { kind: 'literal', value: null, text: 'nil', pos: tok.pos };
    if (KEYWORDS.has(tok.text)) return t.fail(`unexpected <${tok.text}> in command`, tok.pos);
    if (!t.isFunc(tok.text)) return t.fail(`function ${JSON.stringify(tok.text)} not defined`, tok.pos);
    return { kind: 'func', name: tok.text, pos: tok.pos };
  }

  private chainFields(arg: Arg): void {
    const { tokens } = this;
    // Go gives a chained field or variable node the position of the first chained field
    if (tokens[this.k]?.type === 'field' && (arg.kind === 'field' || arg.kind === 'var')) arg.pos = tokens[this.k].pos;
    while (tokens[this.k]?.type === 'field') {
      if (arg.kind === 'field' || arg.kind === 'var' || arg.kind === 'pipe')
        arg.names.push(tokens[this.k].text.slice(1));
      else this.template.fail(`unexpected ${tokens[this.k].text} in operand`, tokens[this.k].pos);
      this.k++;
    }
  }
}
