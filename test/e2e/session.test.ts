// e2e of the sandbox session model without the browser: typed lines at cursor times, the transcript and its progress
// frames, completion, share links, imports.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { setLang } from '../../web/i18n/messages.js';
import { complete } from '../../web/session/complete.js';
import { ImportError, readImport } from '../../web/session/import-file.js';
import { Session, SessionLimitError, scenarioLines } from '../../web/session/session.js';
import { decodeShare, encodeShare } from '../../web/session/share.js';
import { progressFrames, transcript, visibleOutput } from '../../web/session/transcript.js';
import { readText } from './harness.js';

function lesson1a(): Session {
  const file = 'scenarios/course/1a-update-image.yaml';
  const scenario = loadScenario(readText(file), file);
  const session = new Session({
    name: scenario.name,
    seed: scenario.seed,
    cluster: scenario.cluster,
    files: scenario.files,
  });
  session.typeAll(scenarioLines(scenario).slice(0, 2));
  return session;
}

describe('Session', () => {
  it('starts no line past 2 h of virtual time, and keeps the lines it had', () => {
    const session = lesson1a();
    session.type('swarmlab wait 1h', 5_600);
    session.type('swarmlab wait 1h', 3_605_600);
    expect(session.trace.duration_ms).toBe(7_205_600);
    expect(() => session.type('docker service ls', 7_205_600)).toThrow(
      new SessionLimitError('"docker service ls" would start past 2 h of virtual time'),
    );
    expect(session.steps.map((s) => s.text)).toEqual([
      'docker service create --name my_service --replicas 3 nginx:1.25',
      'swarmlab wait converged',
      'swarmlab wait 1h',
      'swarmlab wait 1h',
    ]);
    expect(session.trace.duration_ms).toBe(7_205_600);
  });

  it('runs a lesson setup, then types a line at the cursor time and lets the cluster settle', () => {
    const session = lesson1a();
    expect(session.steps).toEqual([
      { atMs: 0, text: 'docker service create --name my_service --replicas 3 nginx:1.25' },
      { atMs: 5_600, text: 'swarmlab wait converged' },
    ]);
    expect(session.trace.duration_ms).toBe(5_600);
    expect(session.type('docker service update --image nginx:latest my_service', 5_600)).toBe(5_600);
    expect(session.trace.services[0].UpdateStatus?.State).toBe('completed');
  });

  it('rewrites the future: a line typed at an earlier cursor drops the lines typed after it', () => {
    const session = lesson1a();
    session.type('docker service update -d --image nginx:latest my_service', 5_600);
    session.type('docker service ps my_service', 7_000);
    expect(session.type('docker service scale my_service=1', 6_000)).toBe(6_000);
    expect(session.steps.map((s) => s.text)).toEqual([
      'docker service create --name my_service --replicas 3 nginx:1.25',
      'swarmlab wait converged',
      'docker service update -d --image nginx:latest my_service',
      'docker service scale my_service=1',
    ]);
  });

  it('cannot type while an earlier line still runs: the line waits until it returned', () => {
    const session = lesson1a();
    session.type('docker service update --image nginx:latest my_service', 5_600);
    const returned = transcript(session.trace).at(-1)!.endMs;
    expect(returned).toBeGreaterThan(5_600);
    expect(session.type('docker service ps my_service', 7_000)).toBe(returned);
  });
});

describe('transcript', () => {
  it('rebuilds the progress screens of a following update; the last one is the command output', () => {
    const session = lesson1a();
    session.type('docker service update --image nginx:latest my_service', 5_600);
    const entry = transcript(session.trace).at(-1)!;
    expect(entry.command).toBe('docker service update --image nginx:latest my_service');
    const frames = progressFrames(session.trace, entry)!;
    // (the replayed first poll sees the whole instant: the updater's first new task is already pending)
    expect(frames[0]).toEqual({
      tMs: 5_600,
      text: 'my_service\noverall progress: 0 out of 3 tasks \n1/3: pending   \n2/3:   \n3/3:   \n',
    });
    expect(frames.at(-1)!.text).toBe(entry.stdout);
    expect(visibleOutput(session.trace, entry, entry.endMs - 1)).toMatchObject({ running: true });
    expect(visibleOutput(session.trace, entry, entry.endMs)).toEqual({
      stdout: entry.stdout,
      stderr: '',
      running: false,
    });
  });

  it('has no progress frames for a detached update', () => {
    const session = lesson1a();
    session.type('docker service update -d --image nginx:latest my_service', 5_600);
    expect(progressFrames(session.trace, transcript(session.trace).at(-1)!)).toBeNull();
  });
});

describe('completion', () => {
  const ctx = { services: ['my_service', 'web'], nodes: ['node-1', 'node-2'] };
  it.each([
    ['', '', ['docker', 'swarmlab']],
    ['d', 'docker ', []],
    ['docker service r', 'docker service r', ['rollback', 'rm']],
    ['docker service update --update-fa', 'docker service update --update-failure-action ', []],
    ['docker service update --update-failure-action r', 'docker service update --update-failure-action rollback ', []],
    ['docker service rollback w', 'docker service rollback web ', []],
    ['docker node update --availability dr', 'docker node update --availability drain ', []],
    ['swarmlab fault node-down node-', 'swarmlab fault node-down node-', ['node-1', 'node-2']],
  ])('%j → %j', (line, completed, candidates) => {
    expect(complete(line, ctx)).toEqual({ line: completed, candidates });
  });
});

describe('share links', () => {
  it('round-trips the lesson, the seed and the typed lines (with their times, any characters)', () => {
    const shared = {
      lesson: '2b',
      seed: 22,
      steps: [
        { atMs: 5_600, text: 'docker service update --image nginx:bad my_service' },
        { atMs: 9_000.5, text: 'écho « ✓ »' },
      ],
    };
    expect(decodeShare(encodeShare(shared))).toEqual(shared);
    expect(decodeShare('#lesson=2b&seed=x')).toBeNull();
    expect(decodeShare('#lesson=2b&seed=1&steps=%%%')).toBeNull();
  });
});

describe('imports', () => {
  it('names the file and the problem for a bad trace, and reads a compose file as a stack', () => {
    expect(() => readImport('', 'a.json')).toThrow(new ImportError('a.json: le fichier est vide'));
    expect(() => readImport('[1]', 'b.json')).toThrow(
      new ImportError('b.json: pas une trace swarmlab ([0] : attendu un objet JSON, reçu 1)'),
    );
    setLang('en');
    expect(() => readImport('', 'a.json')).toThrow(new ImportError('a.json: the file is empty'));
    expect(() =>
      readImport(
        '{"events":[{"t_ms":0,"type":"boom"}],"duration_ms":1,"epoch":"2026-01-01T00:00:00Z",' +
          '"services":[],"tasks":[],"nodes":[]}',
        't.json',
      ),
    ).toThrow(
      't.json: not a swarmlab trace (events[0].type: expected one of command, output, node, service_spec, ' +
        'update_status, task_created, task_state, task_desired, task_node, task_removed, container, updater, fault, ' +
        'got "boom")',
    );
    expect(() => readImport('just: text\n', 'x.yaml')).toThrow(
      'x.yaml: expected a scenario (steps:) or a compose file (services:)',
    );
    setLang('fr');
    const compose = readImport('services:\n  web:\n    image: nginx\n', 'My Stack.yml');
    expect(compose.kind).toBe('compose');
    expect(compose.kind !== 'trace' && compose.scenario.steps[0]).toMatchObject({
      text: 'docker stack deploy -c My Stack.yml mystack',
    });
  });

  it('refuses a bad scenario or compose file in the language shown, and in the other after a switch', () => {
    const refusal = (text: string, file: string): ImportError => {
      try {
        readImport(text, file);
      } catch (err) {
        if (err instanceof ImportError) return err;
        throw err;
      }
      throw new Error('expected the file to be refused');
    };
    const compose = refusal('services:\n  web:\n    image: nginx\n    ports:\n      - target: 0\n', 'web.yml');
    expect(compose.message).toBe(
      'web.yml:5: services.web.ports[0].target : attendu un numéro de port (1-65535), reçu 0',
    );
    const scenario = refusal('steps:\n  - wait: converged\n    service: web\n    timeout: 3s\n', 's.yaml');
    expect(scenario.text()).toBe('s.yaml:4: steps[0].timeout : clé inconnue ; attendu l’une des clés wait, service');
    setLang('en');
    expect(compose.text()).toBe('web.yml:5: services.web.ports[0].target: expected a port number (1-65535), got 0');
    expect(scenario.text()).toBe('s.yaml:4: steps[0].timeout: unknown key; expected one of wait, service');
    setLang('fr');
  });
});
