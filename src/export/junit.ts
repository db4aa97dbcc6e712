// JUnit XML (the Ant/Surefire schema CI tools read): a reusable writer for check, explore, conform and scenario
// exports.

export interface JUnitCase {
  name: string;
  /** The group CI tools show the case under (e.g. `swarmlab.check.web`). */
  classname: string;
  timeSeconds?: number;
  /** Absent: the case passed. */
  failure?: { message: string; type?: string; text?: string };
  /** Not run (or not judged): `<skipped message="why"/>`, counted in `skipped`, never a failure. */
  skipped?: { message: string };
  /** Text shown with the case (passed or not). */
  systemOut?: string;
}

export interface JUnitSuite {
  name: string;
  cases: JUnitCase[];
  timeSeconds?: number;
  /** Shown as `<properties>` (seed, file…). */
  properties?: Record<string, string | number>;
}

/** Text and attribute values: the five XML entities; characters XML 1.0 cannot hold become U+FFFD. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (values: Record<string, string | number | undefined>): string =>
  Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${xmlEscape(String(value))}"`)
    .join('');

const seconds = (value: number | undefined): string | undefined => (value === undefined ? undefined : value.toFixed(3));

function caseXml(c: JUnitCase): string {
  const head = `    <testcase${attrs({ name: c.name, classname: c.classname, time: seconds(c.timeSeconds) })}`;
  const body: string[] = [];
  if (c.failure) {
    const open = `      <failure${attrs({ message: c.failure.message, type: c.failure.type ?? 'failure' })}`;
    body.push(c.failure.text === undefined ? `${open}/>` : `${open}>${xmlEscape(c.failure.text)}</failure>`);
  } else if (c.skipped) body.push(`      <skipped${attrs({ message: c.skipped.message })}/>`);
  if (c.systemOut !== undefined) body.push(`      <system-out>${xmlEscape(c.systemOut)}</system-out>`);
  return body.length === 0 ? `${head}/>` : `${head}>\n${body.join('\n')}\n    </testcase>`;
}

const countFailures = (cases: readonly JUnitCase[]): number => cases.filter((c) => c.failure).length;
const countSkipped = (cases: readonly JUnitCase[]): number => cases.filter((c) => !c.failure && c.skipped).length;

function suiteXml(suite: JUnitSuite): string {
  const head = `  <testsuite${attrs({
    name: suite.name,
    tests: suite.cases.length,
    failures: countFailures(suite.cases),
    errors: 0,
    skipped: countSkipped(suite.cases),
    time: seconds(suite.timeSeconds),
  })}`;
  const lines: string[] = [];
  const properties = Object.entries(suite.properties ?? {});
  if (properties.length) {
    lines.push('    <properties>');
    for (const [name, value] of properties) lines.push(`      <property${attrs({ name, value })}/>`);
    lines.push('    </properties>');
  }
  lines.push(...suite.cases.map(caseXml));
  return lines.length === 0 ? `${head}/>` : `${head}>\n${lines.join('\n')}\n  </testsuite>`;
}

/** The whole document: `<testsuites>` with the totals, one `<testsuite>` per suite. */
export function toJUnit(suites: readonly JUnitSuite[], name = 'swarmlab'): string {
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + countFailures(s.cases), 0);
  const skipped = suites.reduce((n, s) => n + countSkipped(s.cases), 0);
  const head = `<testsuites${attrs({ name, tests, failures, errors: 0, skipped })}`;
  const body = suites.map(suiteXml);
  return (
    '<?xml version="1.0" ' +
    `encoding="UTF-8"?>\n${body.length ? `${head}>\n${body.join('\n')}\n</testsuites>` : `${head}/>`}\n`
  );
}
