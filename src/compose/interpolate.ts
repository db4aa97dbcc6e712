// `${VAR}` substitution in compose values, as docker/cli cli/compose/template and interpolation do it.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { quoteGo } from '../commands/strconv.js';
import { errComposeInterpolation, errComposeRequiredVariable } from '../messages.js';

/** The variables a compose file sees (the CLI's environment; the web page has none). */
export type ComposeEnv = Readonly<Record<string, string | undefined>>;

/** A template docker/cli refuses; `template` is what its message quotes. */
export class TemplateError extends Error {
  constructor(readonly template: string) {
    super(template);
    this.name = 'TemplateError';
  }
}

// `$$`, `$name`, `${name}` / `${name:-default}` / `${name-default}` / `${name:?err}` / `${name?err}`, or a lone `$`.
// The braced body follows docker/cli's pattern: a default may hold `}` when the match can still end with `}`.
const PATTERN = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{([_a-z][_a-z0-9]*(?::?[-?](?:.*\}|[^}]*))?)\}|())/gi;
const NAME = /^[_a-z][_a-z0-9]*/i;

/** template.Substitute: every `$` form replaced; a bad one throws TemplateError quoting the whole template. */
export function substitute(template: string, env: ComposeEnv): string {
  let failure: TemplateError | null = null;
  const result = template.replace(
    PATTERN,
    (_match, escaped: string | undefined, named: string | undefined, braced: string | undefined) => {
      if (escaped) return escaped;
      const body = named ?? braced;
      if (!body) {
        failure ??= new TemplateError(template);
        return '';
      }
      try {
        return substituteOne(body, env);
      } catch (err) {
        if (!(err instanceof TemplateError)) throw err;
        failure ??= err;
        return '';
      }
    },
  );
  if (failure) throw failure;
  return result;
}

/** One `name[op rest]`: the operator is the one right after the name. */
function substituteOne(body: string, env: ComposeEnv): string {
  const name = NAME.exec(body)![0];
  const rest = body.slice(name.length);
  const value = Object.hasOwn(env, name) ? env[name] : undefined;
  const operator = rest.startsWith(':') ? rest.slice(0, 2) : rest.slice(0, 1);
  const argument = rest.slice(operator.length);
  switch (operator) {
    case ':-':
      return value === undefined || value === '' ? substitute(argument, env) : value;
    case '-':
      return value === undefined ? substitute(argument, env) : value;
    case ':?':
    case '?':
      if (value === undefined || (operator === ':?' && value === ''))
        throw new TemplateError(errComposeRequiredVariable(name, argument));
      return value;
    default:
      return value ?? '';
  }
}

/**
 * recursiveInterpolate over a parsed document: every string value (never a key) is substituted in place; `onValue`
 * learns which scalars changed, `fail` reports a template error with docker's message and the node. Docker's path
 * names list items `[]` (`services.web.command.[]`).
 */
export function interpolateTree(
  root: Node | null,
  env: ComposeEnv,
  resolve: (node: Node | null) => Node | null,
  hooks: { onValue: (node: Node) => void; fail: (node: Node, message: string) => never },
): void {
  const seen = new Set<Node>();
  const walk = (raw: Node | null, path: string): void => {
    const node = resolve(raw);
    if (!node || seen.has(node)) return;
    seen.add(node);
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        walk(pair.value as Node | null, path ? `${path}.${key}` : key);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item as Node | null, `${path}.[]`);
    } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('$')) {
      let value: string;
      try {
        value = substitute(node.value, env);
      } catch (err) {
        if (err instanceof TemplateError) hooks.fail(node, errComposeInterpolation(path, quoteGo(err.template)));
        throw err;
      }
      if (value !== node.value) {
        node.value = value;
        hooks.onValue(node);
      }
    }
  };
  walk(root, '');
}
