// conform --random --lab: lab cases on a lab cluster's manager (found from its cluster.json), refused anywhere else.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labCampaign } from '../../src/cli/conform-random.js';
import { runCli } from '../helpers/cli.js';

/** A lab directory as `cluster up` leaves it (only cluster.json matters here): its manager socket's DOCKER_HOST. */
function fakeLab(nodes: number): { host: string; id: string } {
  const dir = mkdtempSync(join(tmpdir(), 'swarmlab-cluster-fake-'));
  const id = `fake${nodes}`;
  const labNodes = Array.from({ length: nodes }, (_, i) => {
    const nodeDir = join(dir, `node-${i + 1}`);
    mkdirSync(nodeDir);
    const socket = join(nodeDir, 'docker.sock');
    return { name: `node-${i + 1}`, role: i === 0 ? 'manager' : 'worker', dir: nodeDir, socket, nodeId: `n${i}` };
  });
  const host = `unix://${labNodes[0].socket}`;
  writeFileSync(join(dir, 'cluster.json'), JSON.stringify({ id, dir, nodes: labNodes, dockerHost: host }));
  return { host, id };
}

const socket = join(mkdtempSync(join(tmpdir(), 'swarmlab-no-lab-')), 'docker.sock');

describe('conform --random on a lab cluster', () => {
  it('--lab with a host that is no lab cluster: refused before anything runs, exit 2', () => {
    expect(runCli('conform', '--random', '2', '--lab', '--host', `unix://${socket}`)).toEqual({
      code: 2,
      out: '',
      err:
        `swarmlab: conform: --lab needs a swarmlab lab cluster, and unix://${socket} is not one: start one with ` +
        'swarmlab cluster up --nodes 3, then give its manager with --host or DOCKER_HOST (cluster up prints it)\n',
    });
  });

  it('--lab with DOCKER_HOST the main daemon: refused, naming it', () => {
    expect(() => labCampaign(undefined, true, { DOCKER_HOST: 'unix:///var/run/docker.sock' })).toThrow(
      'conform: --lab needs a swarmlab lab cluster, and unix:///var/run/docker.sock is not one',
    );
    expect(() => labCampaign(undefined, true, {})).toThrow('and unix:///var/run/docker.sock is not one');
    expect(labCampaign(undefined, false, {})).toBe(false);
  });

  it("a lab cluster's manager at --host or DOCKER_HOST draws lab cases, with or without --lab", () => {
    const lab = fakeLab(3);
    expect(labCampaign(lab.host, false, {})).toBe(true);
    expect(labCampaign(lab.host, true, {})).toBe(true);
    expect(labCampaign(undefined, false, { DOCKER_HOST: lab.host })).toBe(true);
    // --host wins over DOCKER_HOST, as for every swarm command.
    expect(labCampaign(`unix://${socket}`, false, { DOCKER_HOST: lab.host })).toBe(false);
  });

  it('a 2-node lab cluster is refused: the cases declare 3 nodes', () => {
    const lab = fakeLab(2);
    expect(runCli('conform', '--random', '1', '--host', lab.host)).toEqual({
      code: 2,
      out: '',
      err:
        `swarmlab: conform: lab cases run on 3 nodes; the lab cluster ${lab.id} has 2 (swarmlab cluster down ` +
        `--id ${lab.id}, ` +
        `then swarmlab cluster up --id ${lab.id} --nodes 3)\n`,
    });
  });

  it('--lab goes with --random N only', () => {
    expect(runCli('conform', 'scenarios/course/1a-update-image.yaml', '--lab')).toEqual({
      code: 2,
      out: '',
      err: 'swarmlab: conform: --seed, --out and --lab go with --random N\n',
    });
  });
});
