// A lab cluster: N dockerd on this machine, each in its own network namespace, one swarm over 198.18.0.0/24 (RFC 2544).
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wallNowMs } from '../wall-clock.js';
import {
  docker,
  isAlive,
  LabError,
  mountsUnder,
  processesUnder,
  removeContainerCgroups,
  run,
  sleepMs,
  waitFor,
} from './exec.js';

/** Engine label every lab daemon carries; its value is the lab directory (where cluster.json is). */
export const LAB_LABEL = 'swarmlab.lab';
/** Every lab resource (directory, network namespace) is named with this prefix. */
export const LAB_PREFIX = 'swarmlab-cluster-';
export const MAX_LAB_NODES = 9;
const BRIDGE = 'swarmlab-br';
const STATE_FILE = 'cluster.json';
const DAEMON_START_TIMEOUT_MS = 60_000;
const DAEMON_STOP_TIMEOUT_MS = 20_000;
const JOIN_TIMEOUT_MS = 60_000;
/** What a lab cluster runs (Debian: docker.io, iproute2, util-linux, hostname), each with a harmless invocation. */
const TOOLS: [string, string[]][] = [
  ['dockerd', ['--version']],
  ['docker', ['--version']],
  ['ip', ['netns', 'list']],
  ['nsenter', ['--version']],
  ['unshare', ['--version']],
  ['hostname', []],
];

export interface LabNode {
  /** Hostname and swarm node name: node-1 ... node-N, as scenarios name them. */
  name: string;
  role: 'manager' | 'worker';
  netns: string;
  /** The hub end of the node's veth pair: down = the node's cable pulled. */
  veth: string;
  addr: string;
  dir: string;
  socket: string;
  nodeId: string;
}

export interface LabCluster {
  id: string;
  dir: string;
  hubNetns: string;
  nodes: LabNode[];
  /** DOCKER_HOST of the manager (node-1). */
  dockerHost: string;
  startupMs: number;
}

export interface LabUpOptions {
  id?: string;
  nodes?: number;
  /** Images of the host daemon to copy into every node (`docker save | docker load`, same IDs). */
  images?: string[];
  /** Parent of the lab directory (default SWARMLAB_LAB_DIR, then the temp directory). */
  baseDir?: string;
  /** The host daemon's socket, where `images` come from. */
  hostSocket?: string;
  log?: (line: string) => void;
}

export function checkLabId(id: string): string {
  if (!/^[a-z0-9]{1,12}$/.test(id))
    throw new LabError(`invalid lab cluster id "${id}": use 1 to 12 lowercase letters or digits`);
  return id;
}

export function labDir(id: string, baseDir = process.env.SWARMLAB_LAB_DIR || tmpdir()): string {
  return join(baseDir, `${LAB_PREFIX}${checkLabId(id)}`);
}

/** The lab cluster recorded in `dir`, or null when there is none. */
export function readLabCluster(dir: string): LabCluster | null {
  try {
    return JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8')) as LabCluster;
  } catch {
    return null;
  }
}

function netnsList(): string[] {
  return run('ip', ['netns', 'list'])
    .split('\n')
    .map((line) => line.split(' ')[0])
    .filter(Boolean);
}

/** Creates the namespaces, starts the daemons, makes node-1 the manager and joins the others as workers. */
export function labClusterUp(opts: LabUpOptions = {}): LabCluster {
  const id = checkLabId(opts.id ?? 'lab');
  const count = opts.nodes ?? 3;
  if (!Number.isInteger(count) || count < 2 || count > MAX_LAB_NODES) {
    throw new LabError(`a lab cluster has 2 to ${MAX_LAB_NODES} nodes (node loss needs a second node), not ${count}`);
  }
  if (process.getuid?.() !== 0)
    throw new LabError('a lab cluster needs root (network namespaces and dockerd): run as root');
  for (const [tool, args] of TOOLS) run(tool, args); // "dockerd not found: the lab cluster needs it on PATH"
  const dir = labDir(id, opts.baseDir);
  const prefix = `${LAB_PREFIX}${id}-`;
  if (existsSync(dir) || netnsList().some((ns) => ns.startsWith(prefix))) {
    throw new LabError(
      `a lab cluster "${id}" is already up or left over (${dir}): run swarmlab cluster down --id ${id} first`,
    );
  }
  const log = opts.log ?? (() => {});
  const startMs = wallNowMs();
  const hubNetns = `${prefix}hub`;
  const nodes: LabNode[] = Array.from({ length: count }, (_, i) => ({
    name: `node-${i + 1}`,
    role: i === 0 ? 'manager' : 'worker',
    netns: `${prefix}node-${i + 1}`,
    veth: `swarmlab-v${i + 1}`,
    addr: `198.18.0.${11 + i}`,
    dir: join(dir, `node-${i + 1}`),
    socket: join(dir, `node-${i + 1}`, 'docker.sock'),
    nodeId: '',
  }));
  const cluster: LabCluster = { id, dir, hubNetns, nodes, dockerHost: `unix://${nodes[0].socket}`, startupMs: 0 };
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeState(cluster); // written first, so that a crash half-way leaves something `cluster down` can read
    createNetwork(hubNetns, nodes);
    log(`network: ${hubNetns} with bridge ${BRIDGE}; ${nodes.map((n) => `${n.name} ${n.addr}`).join(', ')}`);
    for (const node of nodes) startDaemon(node, dir);
    for (const node of nodes) {
      try {
        waitFor(`the dockerd of ${node.name} did not answer`, DAEMON_START_TIMEOUT_MS, () =>
          docker(node.socket, ['version', '-f', '{{.Server.Version}}']),
        );
      } catch (err) {
        throw new LabError(`${(err as Error).message}\n${logTail(node)}`);
      }
    }
    formSwarm(nodes);
    for (const node of nodes) node.nodeId = docker(node.socket, ['info', '-f', '{{.Swarm.NodeID}}']).trim();
    if (opts.images?.length)
      copyImages(
        opts.hostSocket ?? '/var/run/docker.sock',
        opts.images,
        nodes.map((n) => n.socket),
        dir,
      );
    cluster.startupMs = Math.round(wallNowMs() - startMs);
    writeState(cluster);
    return cluster;
  } catch (err) {
    labClusterDown({ id, baseDir: opts.baseDir });
    throw err;
  }
}

/** The last lines of a node's dockerd log, for an error message (it says why the daemon did not start). */
function logTail(node: LabNode): string {
  try {
    const lines = readFileSync(join(node.dir, 'dockerd.log'), 'utf8').trim().split('\n').slice(-5);
    return `last lines of ${join(node.dir, 'dockerd.log')} (removed with the cluster):\n${lines.join('\n')}`;
  } catch {
    return '';
  }
}

function writeState(cluster: LabCluster): void {
  writeFileSync(join(cluster.dir, STATE_FILE), `${JSON.stringify(cluster, null, 2)}\n`);
}

/**
 * A hub namespace holding a bridge; each node's namespace is cabled to it with a veth pair (eth0 on the node's side).
 */
function createNetwork(hubNetns: string, nodes: LabNode[]): void {
  run('ip', ['netns', 'add', hubNetns]);
  run('ip', ['-n', hubNetns, 'link', 'add', BRIDGE, 'type', 'bridge']);
  run('ip', ['-n', hubNetns, 'link', 'set', BRIDGE, 'up']);
  for (const node of nodes) {
    run('ip', ['netns', 'add', node.netns]);
    run('ip', [
      'link',
      'add',
      node.veth,
      'netns',
      hubNetns,
      'type',
      'veth',
      'peer',
      'name',
      'eth0',
      'netns',
      node.netns,
    ]);
    run('ip', ['-n', hubNetns, 'link', 'set', node.veth, 'master', BRIDGE, 'up']);
    run('ip', ['-n', node.netns, 'addr', 'add', `${node.addr}/24`, 'dev', 'eth0']);
    run('ip', ['-n', node.netns, 'link', 'set', 'eth0', 'up']);
    run('ip', ['-n', node.netns, 'link', 'set', 'lo', 'up']);
  }
}

/**
 * dockerd in the node's network namespace only (nsenter --net: the mount namespace and its cgroup mounts stay the
 * host's), with its own hostname (a UTS namespace), directories, socket, and addresses from 198.18.0.0/15 for its
 * bridges.
 */
function startDaemon(node: LabNode, dir: string): void {
  mkdirSync(node.dir, { recursive: true });
  const config = join(node.dir, 'daemon.json');
  // not /etc/docker/daemon.json: the host daemon's settings (hosts, data-root) would clash
  writeFileSync(config, '{}\n');
  const args = [
    '--data-root',
    join(node.dir, 'data'),
    '--exec-root',
    join(node.dir, 'exec'),
    '--pidfile',
    join(node.dir, 'dockerd.pid'),
    '-H',
    `unix://${node.socket}`,
    '--config-file',
    config,
    '--label',
    `${LAB_LABEL}=${dir}`,
    '--bip',
    '198.18.1.1/24',
    '--default-address-pool',
    'base=198.18.128.0/17,size=24',
    '--userland-proxy=false',
  ];
  const logFd = openSync(join(node.dir, 'dockerd.log'), 'a');
  try {
    const child = spawn(
      'nsenter',
      [
        `--net=/run/netns/${node.netns}`,
        'unshare',
        '--uts',
        'sh',
        '-c',
        'hostname "$1" && shift && exec dockerd "$@"',
        'sh',
        node.name,
        ...args,
      ],
      { detached: true, stdio: ['ignore', logFd, logFd] },
    );
    child.on('error', () => {}); // a missing nsenter shows as a daemon that never answers, with its log
    child.unref();
  } finally {
    closeSync(logFd);
  }
}

function formSwarm(nodes: LabNode[]): void {
  const [manager, ...workers] = nodes;
  docker(manager.socket, [
    'swarm',
    'init',
    '--advertise-addr',
    manager.addr,
    '--listen-addr',
    `${manager.addr}:2377`,
    '--default-addr-pool',
    '198.18.64.0/18',
    '--default-addr-pool-mask-length',
    '24',
  ]);
  const token = docker(manager.socket, ['swarm', 'join-token', '-q', 'worker']).trim();
  for (const worker of workers) {
    docker(
      worker.socket,
      [
        'swarm',
        'join',
        '--advertise-addr',
        worker.addr,
        '--listen-addr',
        `${worker.addr}:2377`,
        '--token',
        token,
        `${manager.addr}:2377`,
      ],
      JOIN_TIMEOUT_MS,
    );
  }
  waitFor(`the ${nodes.length} nodes were not all Ready`, JOIN_TIMEOUT_MS, () => {
    const states = docker(manager.socket, ['node', 'ls', '--format', '{{.Status}}']).trim().split('\n');
    return states.length === nodes.length && states.every((s) => s === 'Ready') ? true : null;
  });
}

/** `docker save` from one daemon, `docker load` into the others: the same image IDs everywhere, no registry. */
export function copyImages(
  fromSocket: string,
  refs: readonly string[],
  toSockets: readonly string[],
  workDir: string,
): void {
  if (refs.length === 0 || toSockets.length === 0) return;
  const file = join(workDir, `images-${process.pid}.tar`);
  try {
    docker(fromSocket, ['save', '-o', file, ...refs], 120_000);
    for (const socket of toSockets) docker(socket, ['load', '-q', '-i', file], 120_000);
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * Stops a lab cluster's daemons and removes its processes, mounts, directory and namespaces; safe to repeat, and works
 * from what a crash left (found by the swarmlab-cluster-<id> prefix). `all`: every lab cluster. Returns what was
 * removed.
 */
export function labClusterDown(opts: { id?: string; all?: boolean; baseDir?: string } = {}): string[] {
  const baseDir = opts.baseDir ?? (process.env.SWARMLAB_LAB_DIR || tmpdir());
  const ids = opts.all
    ? [
        ...new Set([
          ...readdirSync(baseDir)
            .filter((name) => name.startsWith(LAB_PREFIX) && existsSync(join(baseDir, name, STATE_FILE)))
            .map((name) => name.slice(LAB_PREFIX.length)),
          ...netnsList()
            .filter((ns) => ns.startsWith(LAB_PREFIX))
            .map((ns) => ns.slice(LAB_PREFIX.length).replace(/-(hub|node-\d+)$/, '')),
        ]),
      ].filter((id) => /^[a-z0-9]{1,12}$/.test(id))
    : [checkLabId(opts.id ?? 'lab')];
  return ids.flatMap((id) => removeLab(id, baseDir));
}

function removeLab(id: string, baseDir: string): string[] {
  const dir = labDir(id, baseDir);
  const removed: string[] = [];
  if (existsSync(dir)) {
    const containerIds = readdirSync(dir).flatMap((node) => {
      const containers = join(dir, node, 'data', 'containers');
      return existsSync(containers) ? readdirSync(containers).filter((id) => /^[0-9a-f]{64}$/.test(id)) : [];
    });
    stopDaemons(dir);
    const leftovers = processesUnder(dir);
    for (const pid of leftovers) killQuietly(pid, 'SIGKILL');
    if (leftovers.length)
      waitFor(`processes of ${dir} did not end`, 10_000, () => (processesUnder(dir).length === 0 ? true : null));
    removeContainerCgroups(containerIds);
    for (const point of mountsUnder(dir)) {
      try {
        run('umount', ['-l', point]);
      } catch {
        // already gone with its parent
      }
    }
    rmSync(dir, { recursive: true, force: true });
    removed.push(`removed ${dir}`);
  }
  for (const ns of netnsList().filter((name) => name.startsWith(`${LAB_PREFIX}${id}-`))) {
    run('ip', ['netns', 'del', ns]);
    removed.push(`removed network namespace ${ns}`);
  }
  return removed;
}

/** SIGTERM to each dockerd of the lab (it stops its containers and its containerd), SIGKILL after the timeout. */
function stopDaemons(dir: string): void {
  const pids: number[] = [];
  for (const entry of readdirSync(dir)) {
    const pidFile = join(dir, entry, 'dockerd.pid');
    if (!existsSync(pidFile)) continue;
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    // Only a process that is still this lab's dockerd (a stale pidfile's number may be reused).
    if (Number.isInteger(pid) && pid > 0 && processesUnder(dir).includes(pid)) pids.push(pid);
  }
  for (const pid of pids) killQuietly(pid, 'SIGTERM');
  const deadline = wallNowMs() + DAEMON_STOP_TIMEOUT_MS;
  while (pids.some(isAlive) && wallNowMs() < deadline) sleepMs(100);
  for (const pid of pids.filter(isAlive)) killQuietly(pid, 'SIGKILL');
  for (const entry of readdirSync(dir)) {
    const stale = join(dir, entry, 'dockerd.pid');
    if (existsSync(stale)) unlinkSync(stale);
  }
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
