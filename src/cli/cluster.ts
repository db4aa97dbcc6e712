// `swarmlab cluster up|down`: a multi-node lab swarm on this machine (network namespaces), for real node loss.
import { type Command, InvalidArgumentError } from 'commander';
import { checkLabId, labClusterDown, labClusterUp, MAX_LAB_NODES } from '../real-swarm/lab-cluster/cluster.js';

export interface ClusterCliIo {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Registers `swarmlab cluster up [--nodes N] [--id ID] [--image REF...]` and `swarmlab cluster down [--id ID | --all]`.
 * `up` prints only `export DOCKER_HOST=...` on stdout (so `eval "$(swarmlab cluster up)"` works), the rest on stderr.
 */
export function registerClusterCommands(program: Command, io: ClusterCliIo, setExit: (code: number) => void): void {
  const cluster = program
    .command('cluster')
    .description(
      'a multi-node lab swarm on this machine (one dockerd per network namespace; needs root): real node loss with ' +
        '--backend swarm',
    );

  cluster
    .command('up')
    .description(
      'start a lab cluster: node-1 the manager, the others workers, in network namespaces; addresses from ' +
        '198.18.0.0/15 (nodes on 198.18.0.11 and up)',
    )
    .option('--nodes <count>', `number of nodes (2 to ${MAX_LAB_NODES})`, parseLabNodes, 3)
    .option('--id <id>', 'name of the lab cluster (several can run side by side)', parseId, 'lab')
    .option('--image <ref...>', 'images of the local daemon to copy into every node (same IDs, no registry)')
    .action((options: { nodes: number; id: string; image?: string[] }) => {
      setExit(
        guard(io, () => {
          const lab = labClusterUp({
            id: options.id,
            nodes: options.nodes,
            images: options.image,
            log: (line) => io.err(`swarmlab: ${line}\n`),
          });
          const nodes = lab.nodes.map((n) => `${n.name} (${n.role}) ${n.addr}`).join(', ');
          io.err(
            `swarmlab: lab cluster "${lab.id}" is up in ${(lab.startupMs / 1000).toFixed(1)} s: ${nodes}\n` +
              'swarmlab: run scenarios with --backend swarm against it; remove it with: swarmlab cluster down ' +
              `--id ${lab.id}\n`,
          );
          io.out(`export DOCKER_HOST=${lab.dockerHost}\n`);
          return 0;
        }),
      );
    });

  cluster
    .command('down')
    .description(
      'stop a lab cluster and remove its daemons, data, mounts and network namespaces (also what a crash left)',
    )
    .option('--id <id>', 'name of the lab cluster', parseId, 'lab')
    .option('--all', 'every lab cluster on this machine', false)
    .action((options: { id: string; all: boolean }) => {
      setExit(
        guard(io, () => {
          if (process.getuid?.() !== 0) throw new Error('removing a lab cluster needs root: run as root');
          const removed = labClusterDown({ id: options.id, all: options.all });
          io.out(
            removed.length
              ? removed.map((line) => `${line}\n`).join('')
              : `no lab cluster ${options.all ? '' : `"${options.id}" `}here\n`,
          );
          return 0;
        }),
      );
    });
}

function guard(io: ClusterCliIo, fn: () => number): number {
  try {
    return fn();
  } catch (err) {
    io.err(`swarmlab: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

function parseLabNodes(text: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text.trim()) || count < 2 || count > MAX_LAB_NODES) {
    throw new InvalidArgumentError(`--nodes must be a number of nodes from 2 to ${MAX_LAB_NODES}.`);
  }
  return count;
}

function parseId(text: string): string {
  try {
    return checkLabId(text);
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}.`);
  }
}
