// Scenario image behaviours as real images: FROM scratch + static busybox, a PID 1 script, labels; built via POST
// /build.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { ImageBehaviour, Millis } from '../types.js';
import { ApiError, compareVersions, type DockerClient } from './http.js';
import { createTar } from './tar.js';

export const OWNED_LABEL = 'swarmlab.owned';
export const RUN_LABEL = 'swarmlab.run';
export const IMAGE_NAME_LABEL = 'swarmlab.image';
const BUSYBOX_CANDIDATES = ['/bin/busybox', '/usr/bin/busybox'];
/** The applets the PID 1 script and the healthcheck use. */
const APPLETS = ['sh', 'sleep', 'touch', 'test', 'false', 'true', 'echo'];

/** The PID 1 shell script of an image that behaves as `behaviour` says. */
export function imageScript(behaviour: ImageBehaviour): string {
  const lines = ['#!/bin/sh'];
  if (!behaviour.ignoresSigterm) lines.push("trap 'exit 0' TERM");
  // `sleep & wait` so a trapped TERM is handled at once, not when sleep returns.
  const pause = (ms: Millis) => `sleep ${seconds(ms)} & wait $!`;
  if (behaviour.startMs) lines.push(pause(behaviour.startMs));
  for (const line of behaviour.logs ?? []) lines.push(`echo ${shellQuote(line)}`);
  const health = behaviour.healthcheck;
  if (health && health.healthyAfterMs !== 'never') {
    lines.push(
      health.healthyAfterMs > 0 ? `(sleep ${seconds(health.healthyAfterMs)}; touch /ready) &` : 'touch /ready',
    );
  }
  if (behaviour.exitCode !== undefined || behaviour.exitAfterMs !== undefined) {
    const exit = [pause(behaviour.exitAfterMs ?? 0), `exit ${behaviour.exitCode ?? 0}`];
    if (behaviour.failFraction !== undefined && behaviour.failFraction < 1) {
      lines.push(
        `if [ $((RANDOM % 1000)) -lt ${Math.round(behaviour.failFraction * 1000)} ]; then ${exit.join('; ')}; fi`,
      );
    } else lines.push(...exit);
  }
  lines.push(`while true; do ${pause(1000)}; done`, '');
  return lines.join('\n');
}

/**
 * The Dockerfile: busybox and the script copied into an empty image; labelled; a HEALTHCHECK only for healthcheck
 * behaviours.
 */
export function imageDockerfile(name: string, behaviour: ImageBehaviour, runId: string): string {
  // The run's label comes before the COPY: every intermediate image is then the run's own. With the COPY first, two
  // runs shared its cached layer image, and one run's cleanup deleted it under the other's build ("failed to get
  // digest ... no such file or directory").
  const lines = [
    'FROM scratch',
    `LABEL ${OWNED_LABEL}="true" ${RUN_LABEL}=${JSON.stringify(runId)} ${IMAGE_NAME_LABEL}=${JSON.stringify(name)}`,
    'COPY rootfs/ /',
  ];
  const health = behaviour.healthcheck;
  if (health) {
    const opts = [
      `--interval=${health.intervalMs}ms`,
      `--timeout=${health.timeoutMs ?? 1000}ms`,
      `--retries=${health.retries}`,
    ];
    if (health.startPeriodMs) opts.push(`--start-period=${health.startPeriodMs}ms`);
    lines.push(`HEALTHCHECK ${opts.join(' ')} CMD ["/bin/test", "-f", "/ready"]`);
  }
  lines.push('CMD ["/bin/sh", "/app.sh"]', '');
  return lines.join('\n');
}

/** The build context: Dockerfile, rootfs/bin/busybox with its applet links, rootfs/app.sh. */
export function imageContext(name: string, behaviour: ImageBehaviour, runId: string, busybox: Buffer): Buffer {
  return createTar([
    { kind: 'file', path: 'Dockerfile', data: Buffer.from(imageDockerfile(name, behaviour, runId)), mode: 0o644 },
    { kind: 'file', path: 'rootfs/bin/busybox', data: busybox, mode: 0o755 },
    ...APPLETS.map((applet) => ({ kind: 'symlink' as const, path: `rootfs/bin/${applet}`, target: 'busybox' })),
    { kind: 'file', path: 'rootfs/app.sh', data: Buffer.from(imageScript(behaviour)), mode: 0o755 },
  ]);
}

/** `pull: fail`: an image ID no daemon has, so the task is rejected without any registry being asked. */
export function missingImageId(name: string): string {
  return `sha256:${createHash('sha256').update(`swarmlab missing image ${name}`).digest('hex')}`;
}

/** Debian's static busybox (busybox-static); a dynamically linked one would not run FROM scratch. */
export function readStaticBusybox(path = process.env.SWARMLAB_BUSYBOX): Buffer {
  const candidates = path ? [path] : BUSYBOX_CANDIDATES;
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const data = readFileSync(candidate);
    if (isStaticElf(data)) return data;
    throw new Error(`${candidate} is not statically linked: install busybox-static (apt-get install busybox-static)`);
  }
  throw new Error(`no busybox at ${candidates.join(' or ')}: install busybox-static (apt-get install busybox-static)`);
}

/** A 64-bit ELF with no PT_INTERP program header. */
export function isStaticElf(data: Buffer): boolean {
  if (data.length < 64 || data.readUInt32BE(0) !== 0x7f454c46 || data[4] !== 2) return false;
  const phoff = Number(data.readBigUInt64LE(0x20));
  const phentsize = data.readUInt16LE(0x36);
  const phnum = data.readUInt16LE(0x38);
  for (let i = 0; i < phnum; i++) {
    if (data.readUInt32LE(phoff + i * phentsize) === 3) return false;
  }
  return true;
}

/**
 * How long a build may stay silent: the classic builder says nothing while it commits a layer, which takes seconds on
 * a loaded daemon (a short SWARMLAB_API_TIMEOUT, meant for the polls, failed the run before it started).
 */
const BUILD_SILENCE_MS = 120_000;

/** Builds one image (classic builder, no network) and returns its ID (sha256:…). */
export async function buildImage(
  client: DockerClient,
  name: string,
  behaviour: ImageBehaviour,
  runId: string,
  busybox: Buffer,
): Promise<string> {
  const labels = encodeURIComponent(
    JSON.stringify({ [OWNED_LABEL]: 'true', [RUN_LABEL]: runId, [IMAGE_NAME_LABEL]: name }),
  );
  const version = compareVersions(client.apiVersion, '1.38') >= 0 ? '&version=1' : '';
  const query = `rm=1&forcerm=1&networkmode=none&labels=${labels}${version}`;
  const context = imageContext(name, behaviour, runId, busybox);
  const headers = { 'Content-Type': 'application/x-tar' };
  const silenceMs = Math.max(client.timeoutMs, BUILD_SILENCE_MS);
  const response = await client.send('POST', `/build?${query}`, context, headers, silenceMs);
  if (response.status >= 400) throw new ApiError(response.status, `building ${name}: ${response.text.trim()}`);
  let id = '';
  for (const line of response.text.split('\n')) {
    if (!line.trim()) continue;
    const message = JSON.parse(line) as { aux?: { ID?: string }; error?: string; stream?: string };
    if (message.error) throw new Error(`building ${name}: ${message.error}`);
    if (message.aux?.ID) id = message.aux.ID;
    const built = /Successfully built ([0-9a-f]+)/.exec(message.stream ?? '');
    if (!id && built) id = built[1];
  }
  if (!id) throw new Error(`building ${name}: the daemon did not report an image ID`);
  if (!id.startsWith('sha256:')) id = ((await client.json('GET', `/images/${id}/json`)) as { Id: string }).Id;
  return id;
}

/**
 * Every image the run uses, as an ID: declared ones are built (or a missing ID for `pull: fail`), others must exist
 * locally. Throws before anything is built when an image is neither declared nor present.
 */
export async function prepareImages(
  client: DockerClient,
  used: readonly string[],
  declared: Record<string, ImageBehaviour>,
  runId: string,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const missing: string[] = [];
  const drawn = used.filter((name) => declared[name]?.oneOf);
  if (drawn.length > 0)
    throw new Error(
      `images: ${drawn.join(', ')}: one_of draws a behaviour per task in the simulator; one image built for a real ` +
        'swarm has one behaviour (pick one for --backend swarm)',
    );
  for (const name of used) {
    if (declared[name]) continue;
    try {
      ids.set(name, ((await client.json('GET', `/images/${encodeURIComponent(name)}/json`)) as { Id: string }).Id);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) missing.push(name);
      else throw err;
    }
  }
  if (missing.length > 0) {
    throw new Error(
      `image${missing.length > 1 ? 's' : ''} ${missing.join(', ')} neither declared under images: nor present on the ` +
        'daemon ' +
        '(no registry is used): declare each with its behaviour, e.g. `images: {nginx:1.25: {}}`',
    );
  }
  const busybox = used.some((name) => declared[name] && declared[name].pull !== 'fail')
    ? readStaticBusybox()
    : Buffer.alloc(0);
  for (const name of used) {
    const behaviour = declared[name];
    if (!behaviour) continue;
    ids.set(
      name,
      behaviour.pull === 'fail' ? missingImageId(name) : await buildImage(client, name, behaviour, runId, busybox),
    );
  }
  return ids;
}

function seconds(ms: Millis): string {
  return String(Math.round(ms) / 1000);
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
