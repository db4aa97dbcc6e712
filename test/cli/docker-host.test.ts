// A daemon that never answered (bad DOCKER_HOST, no socket, no TLS files, an unknown CA): the docker CLI's words, exit
// 2.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { main } from '../helpers/main.js';

/** What `docker service ls` (CLI 28.2.2) printed for each environment: test/fixtures/docker-cli/capture.sh. */
interface DockerCase {
  case: string;
  env: string[];
  exit: number;
  stderr: string;
}
const fixture = JSON.parse(readFileSync('test/fixtures/docker-cli/daemon-unreachable.json', 'utf8')) as {
  cases: DockerCase[];
};
const SCENARIO = 'scenarios/course/1a-update-image.yaml';
const RUN_NOT_STARTED = 'swarmlab: the run did not start, nothing was created: ';
const RECORD_NOT_STARTED = 'swarmlab record: the recording did not start, nothing was recorded: ';
const CAPTURED_PORT = '23760';
/** conform shares run's connection: one case of each kind of answer (resolver, socket, TLS files, certificate). */
const CONFORM_CASES = new Set(['garbage', 'missing-socket', 'missing-tls-certificates', 'unknown-authority']);

/**
 * Docker's line as swarmlab must print it: swarmlab's first request is GET /_ping where the CLI's was
 * /v1.50/services, and Node's resolver does not name the DNS server Go's does ("lookup garbage on 10.0.0.53:53").
 */
function expectedFrom(docker: string, port: string): string {
  return docker
    .replace('/v1.50/services?status=true', '/_ping')
    .replace(/lookup (\S+) on [\d.:[\]a-f]+: /, 'lookup $1: ')
    .replaceAll(CAPTURED_PORT, port);
}

let tmp = '';
let server: ChildProcess | undefined;
let serverPort = '';

/** A TLS server on 127.0.0.1 whose certificate no CA of the client signed; cert and keys made here, deleted after. */
async function startUnknownAuthorityServer(): Promise<string> {
  const openssl = (dir: string, cn: string, extra: string[] = []) =>
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, dir.endsWith('other-ca') ? 'ca.pem' : 'cert.pem'),
        '-days',
        '1',
        '-subj',
        `/CN=${cn}`,
        ...extra,
      ],
      { stdio: 'ignore' },
    );
  mkdirSync(join(tmp, 'server'));
  mkdirSync(join(tmp, 'other-ca'));
  openssl(join(tmp, 'server'), '127.0.0.1', ['-addext', 'subjectAltName=IP:127.0.0.1']);
  openssl(join(tmp, 'other-ca'), 'another-ca');
  const script =
    "const https = require('node:https'); const fs = require('node:fs'); const d = process.argv[1];\n" +
    "const s = https.createServer({ key: fs.readFileSync(d + '/key.pem'), cert: fs.readFileSync(d + '/cert.pem') }, " +
    "(q, r) => r.end('{}'));\n" +
    "s.listen(0, '127.0.0.1', () => console.log(s.address().port));";
  server = spawn(process.execPath, ['-e', script, join(tmp, 'server')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => server?.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'swarmlab-docker-host-'));
  serverPort = await startUnknownAuthorityServer();
}, 30_000);

afterAll(() => {
  server?.kill();
  rmSync(tmp, { recursive: true, force: true });
});

/** The case's environment, for this machine: the captured port and cert directory replaced by the test's. */
function environment(dockerCase: DockerCase): Record<string, string> {
  const env: Record<string, string> = {};
  for (const assignment of dockerCase.env) {
    const [name, ...value] = assignment.split('=');
    env[name] = value.join('=').replace(CAPTURED_PORT, serverPort).replace('CERTS', join(tmp, 'other-ca'));
  }
  return env;
}

const NAMES = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_TLS', 'DOCKER_CERT_PATH', 'SWARMLAB_API_TIMEOUT'];

/** Runs `body` with exactly `env` among the Docker variables of process.env, restored after. */
async function withEnv<T>(env: Record<string, string>, body: () => T | Promise<T>): Promise<T> {
  const saved = NAMES.map((name) => [name, process.env[name]] as const);
  for (const name of NAMES) delete process.env[name];
  Object.assign(process.env, env);
  try {
    return await body();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** `swarmlab record web` through main, which hands its status later. */
async function record(): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let later: Promise<number> = Promise.resolve(-1);
  main(['record', 'web'], {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    stdoutIsTty: false,
    exitLater: (status) => {
      later = status;
    },
  });
  return { code: await later, out, err };
}

describe.each(fixture.cases)('DOCKER_HOST and TLS as docker refuses them: $case', (dockerCase) => {
  it('docker itself failed before doing anything (the fixture is a refusal)', () => {
    expect([dockerCase.exit, dockerCase.stderr.split('\n').length]).toEqual([1, 1]);
  });

  it("run --backend swarm: docker's words, exit 2, no clean-up commands", async () => {
    const result = await withEnv(environment(dockerCase), () => runCli('run', SCENARIO, '--backend', 'swarm'));
    expect(result).toEqual({
      code: 2,
      out: '',
      err: `${RUN_NOT_STARTED}${expectedFrom(dockerCase.stderr, serverPort)}\n`,
    });
  }, 60_000);

  it('record: the same, nothing recorded', async () => {
    const result = await withEnv(environment(dockerCase), record);
    expect(result).toEqual({
      code: 2,
      out: '',
      err: `${RECORD_NOT_STARTED}${expectedFrom(dockerCase.stderr, serverPort)}\n`,
    });
  }, 60_000);
});

describe.each(fixture.cases.filter((c) => CONFORM_CASES.has(c.case)))('conform with $case', (dockerCase) => {
  it('the same words as run, exit 2', async () => {
    const result = await withEnv(environment(dockerCase), () => runCli('conform', SCENARIO));
    expect(result).toEqual({
      code: 2,
      out: '',
      err: `${RUN_NOT_STARTED}${expectedFrom(dockerCase.stderr, serverPort)}\n`,
    });
  }, 60_000);
});

describe('SWARMLAB_API_TIMEOUT=abc (swarmlab’s own variable): said before any request, exit 2', () => {
  const env = { DOCKER_HOST: 'unix:///nonexistent/docker.sock', SWARMLAB_API_TIMEOUT: 'abc' };
  const why = 'SWARMLAB_API_TIMEOUT=abc: time: invalid duration "abc" (expected a Go duration such as 30s)';
  it.each([
    ['run', ['run', SCENARIO, '--backend', 'swarm']],
    ['conform', ['conform', SCENARIO]],
  ])(
    '%s',
    async (_name, argv) => {
      expect(await withEnv(env, () => runCli(...argv))).toEqual({
        code: 2,
        out: '',
        err: `${RUN_NOT_STARTED}${why}\n`,
      });
    },
    60_000,
  );

  it('record', async () => {
    expect(await withEnv(env, record)).toEqual({ code: 2, out: '', err: `${RECORD_NOT_STARTED}${why}\n` });
  });
});
