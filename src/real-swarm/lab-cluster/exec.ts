// Synchronous process helpers for the lab cluster: run a tool, sleep, find and end the processes of a lab directory.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmdirSync } from 'node:fs';
import { wallNowMs } from '../wall-clock.js';

/** A tool the lab cluster needs failed; the message holds the command and what it printed. */
export class LabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabError';
  }
}

/** Runs `cmd args` and returns its stdout; throws LabError with its stderr (or why it could not start). */
export function run(cmd: string, args: readonly string[], opts: { timeoutMs?: number; input?: string } = {}): string {
  try {
    return execFileSync(cmd, args, {
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 60_000,
      input: opts.input,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string; status?: number | null };
    if (e.code === 'ENOENT') throw new LabError(`${cmd} not found: the lab cluster needs it on PATH`);
    const detail = (e.stderr ?? '').trim() || e.message;
    throw new LabError(`${cmd} ${args.join(' ')}: ${detail}`);
  }
}

/** `docker -H unix://SOCKET args...`; a daemon error loses the CLI's "Error response from daemon: " prefix. */
export function docker(socket: string, args: readonly string[], timeoutMs?: number): string {
  try {
    return run('docker', ['-H', `unix://${socket}`, ...args], { timeoutMs });
  } catch (err) {
    const message = (err as Error).message;
    const daemon = /Error response from daemon: ([\s\S]*)$/.exec(message);
    throw new LabError(daemon ? daemon[1].trim() : message);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` (lab set-up and tear-down are synchronous, like the CLI). */
export function sleepMs(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Retries `probe` every 200 ms until it returns a value, or throws LabError(`what`) with the last failure after
 * `timeoutMs`.
 */
export function waitFor<T>(what: string, timeoutMs: number, probe: () => T | null): T {
  const deadline = wallNowMs() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const value = probe();
      if (value !== null) return value;
    } catch (err) {
      last = (err as Error).message;
    }
    if (wallNowMs() > deadline) throw new LabError(`${what} within ${timeoutMs / 1000} s${last ? `: ${last}` : ''}`);
    sleepMs(200);
  }
}

/** The process exists and is not a zombie (a child this thread has not reaped yet counts as ended). */
export function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Processes that belong to the lab directory `dir`: their command line names a path under it (dockerd, its containerd,
 * the shims), or they run in a mount namespace whose root is an overlay under it (a container's processes, which
 * outlive a killed shim).
 */
export function processesUnder(dir: string): number[] {
  const prefix = `${dir}/`;
  const ownMountNs = readlinkSync('/proc/self/ns/mnt');
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.some((arg) => arg.includes(prefix)) || rootMountUnder(entry, prefix, ownMountNs))
        found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/**
 * The process's `/` is a mount whose line names `prefix` (an overlay's lowerdir/upperdir), in another mount namespace.
 */
function rootMountUnder(pid: string, prefix: string, ownMountNs: string): boolean {
  try {
    if (readlinkSync(`/proc/${pid}/ns/mnt`) === ownMountNs) return false;
    return readFileSync(`/proc/${pid}/mountinfo`, 'utf8')
      .split('\n')
      .some((line) => line.split(' ')[4] === '/' && line.includes(prefix));
  } catch {
    return false; // a kernel thread, or the process ended
  }
}

/** Mount points under `dir`, deepest first (the daemons' overlays, netns and shm mounts). */
export function mountsUnder(dir: string): string[] {
  const prefix = `${dir}/`;
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point): point is string => point?.startsWith(prefix))
    .map((point) => point.replace(/\\040/g, ' '))
    .sort((a, b) => b.length - a.length);
}

/**
 * Removes the (emptied) cgroups of the given container IDs, as runc would have had its shim not been killed: cgroup v1
 * and v2, cgroupfs (`docker/<id>`) and systemd (`system.slice/docker-<id>.scope`) layouts. Best effort.
 */
export function removeContainerCgroups(ids: readonly string[]): void {
  const root = '/sys/fs/cgroup';
  if (ids.length === 0 || !existsSync(root)) return;
  const hierarchies = [root, ...readdirSync(root).map((name) => `${root}/${name}`)];
  for (const id of ids) {
    for (const base of hierarchies) {
      for (const path of [`${base}/docker/${id}`, `${base}/system.slice/docker-${id}.scope`]) {
        try {
          rmdirSync(path);
        } catch {
          // not there, or not empty (then it is not ours to force)
        }
      }
    }
  }
}
