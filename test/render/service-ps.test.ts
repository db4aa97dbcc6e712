import { describe, expect, it } from 'vitest';
import { renderServicePs } from '../../src/render/service-ps.js';
import {
  afterRollbackState,
  afterUpdateState,
  golden,
  IMAGE_V1,
  makeNode,
  makeService,
  makeState,
  makeTask,
  NODE_ID,
  SPEC_V1,
  TASK_IDS,
} from './fixtures.js';

const ps = (state = afterRollbackState(), options = {}) => renderServicePs(state, state.services, options);

describe('docker service ps', () => {
  it('reproduces the capture after the update byte for byte', () => {
    expect(ps(afterUpdateState())).toEqual({ stdout: golden('service-ps-after-update.txt'), stderr: '', exitCode: 0 });
  });

  it('reproduces the capture after the rollback byte for byte', () => {
    expect(ps().stdout).toBe(golden('service-ps-after-rollback.txt'));
  });

  it('reproduces the --no-trunc capture byte for byte', () => {
    expect(ps(afterRollbackState(), { noTrunc: true }).stdout).toBe(golden('service-ps-no-trunc.txt'));
  });

  it('-q prints full task IDs in table order', () => {
    const ids = [TASK_IDS.gtdix, TASK_IDS.o1ug6, TASK_IDS.tdj92, TASK_IDS.z9813, TASK_IDS.ysyy4, TASK_IDS.mh0jw];
    expect(ps(afterRollbackState(), { quiet: true }).stdout).toBe(`${ids.join('\n')}\n`);
  });

  it('filters by desired state and rejects an unknown one with the daemon error', () => {
    expect(ps(afterRollbackState(), { filters: ['desired-state=running'], format: '{{.Name}} {{.ID}}' }).stdout).toBe(
      'ceo_probe.1 gtdixexts6wz\nceo_probe.2 z9813xsl5u7i\n',
    );
    expect(
      ps(afterRollbackState(), { filters: ['desired-state=Running'], quiet: true }).stdout.split('\n'),
    ).toHaveLength(3);
    expect(ps(afterRollbackState(), { filters: ['desired-state=sleeping'] })).toEqual({
      stdout: '',
      stderr: "Error response from daemon: Invalid desired-state filter: 'sleeping'\n",
      exitCode: 1,
    });
    // An Engine API TaskState that is not a swarmkit enum name: the 20.10 daemon rejected it here, in either case.
    expect(ps(afterRollbackState(), { filters: ['desired-state=ALLOCATED'] }).stderr).toBe(
      "Error response from daemon: Invalid desired-state filter: 'ALLOCATED'\n",
    );
  });

  it('filters by id prefix, name prefix and node (hostname or self)', () => {
    const names = (filters: string[]) => ps(afterRollbackState(), { filters, format: '{{.ID}}' }).stdout;
    expect(names(['id=gtd', 'id=z98'])).toBe('gtdixexts6wz\nz9813xsl5u7i\n');
    expect(names(['name=ceo_probe.2'])).toBe('z9813xsl5u7i\nysyy4oc75vdp\nmh0jw329lxls\n');
    expect(names(['node=vm', 'desired-state=running'])).toBe('gtdixexts6wz\nz9813xsl5u7i\n');
    expect(names(['node=self', 'id=gtd'])).toBe('gtdixexts6wz\n');
    expect(ps(afterRollbackState(), { filters: ['node=nowhere'] }).stderr).toBe(
      'Error response from daemon: node nowhere not found\n',
    );
    expect(ps(afterRollbackState(), { filters: ['colour=red'] }).stderr).toBe(
      "Error response from daemon: invalid filter 'colour'\n",
    );
  });

  it('shows errors quoted, cut to 30 columns with an ellipsis unless --no-trunc', () => {
    const err = 'task: non-zero exit (137): dockerexec: unhealthy container';
    const state = makeState(
      100,
      [makeService(SPEC_V1, undefined, undefined)],
      [
        makeTask({
          id: 'aaaaaaaaaaaaaaaaaaaaaaaaa',
          slot: 1,
          image: IMAGE_V1,
          createdS: 1,
          desired: 'shutdown',
          state: 'failed',
          stateS: 40,
          err,
        }),
      ],
    );
    expect(ps(state, { format: '{{.Error}}|{{.CurrentState}}' }).stdout).toBe(
      '"task: non-zero exit (137): do…"|Failed about a minute ago\n',
    );
    expect(ps(state, { format: '{{.Error}}', noTrunc: true }).stdout).toBe(`"${err}"\n`);
  });

  it('strips the digest of a tagged image, names global tasks by node ID, resolves nothing with --no-resolve', () => {
    const spec = {
      ...SPEC_V1,
      Mode: { Global: {} },
      TaskTemplate: { ...SPEC_V1.TaskTemplate, ContainerSpec: { Image: `nginx:1.27@sha256:${'a'.repeat(64)}` } },
    };
    const service = makeService(spec, undefined, undefined);
    const task = makeTask({
      id: 'bbbbbbbbbbbbbbbbbbbbbbbbb',
      slot: 0,
      image: '',
      spec,
      createdS: 1,
      desired: 'running',
      state: 'running',
      stateS: 99.5,
    });
    const state = makeState(100, [service], [task]);
    expect(ps(state, { format: '{{.Name}} {{.Image}} {{.Node}} {{.CurrentState}}' }).stdout).toBe(
      `ceo_probe.${NODE_ID} nginx:1.27 vm Running less than a second ago\n`,
    );
    expect(ps(state, { format: '{{.Name}} {{.Node}}', noResolve: true }).stdout).toBe(
      `${service.ID}.${NODE_ID} ${NODE_ID}\n`,
    );
  });

  it('sorts slots naturally (2 before 10) and indents history only in tables', () => {
    const state = makeState(
      100,
      [makeService({ ...SPEC_V1, Mode: { Replicated: { Replicas: 10 } } }, undefined, undefined)],
      [
        makeTask({
          id: 'ten00000000000000000000000',
          slot: 10,
          image: IMAGE_V1,
          createdS: 1,
          desired: 'running',
          state: 'running',
          stateS: 2,
        }),
        makeTask({
          id: 'two00000000000000000000000',
          slot: 2,
          image: IMAGE_V1,
          createdS: 1,
          desired: 'shutdown',
          state: 'shutdown',
          stateS: 2,
        }),
        makeTask({
          id: 'two11111111111111111111111',
          slot: 2,
          image: IMAGE_V1,
          createdS: 5,
          desired: 'running',
          state: 'running',
          stateS: 6,
        }),
      ],
    );
    expect(ps(state, { format: '{{.Name}}' }).stdout).toBe('ceo_probe.2\nceo_probe.2\nceo_probe.10\n');
    expect(ps(state, { format: 'table {{.Name}}\t{{.DesiredState}}' }).stdout).toBe(
      'NAME              DESIRED STATE\nceo_probe.2       Running\n \\_ ceo_probe.2   Shutdown\nceo_probe.10      ' +
        'Running\n',
    );
  });

  it('--format json and raw use the task formatter fields', () => {
    const state = afterUpdateState();
    const json = ps(state, { format: 'json', filters: ['id=o1ug'] }).stdout;
    expect(json).toBe(
      '{"CurrentState":"Running 5 seconds ago","DesiredState":"Running","Error":"","ID":"o1ug6isa0yrc",' +
        '"Image":"sha256:0e89ce352235f718687a967d052a10a336522087f6cca883ae2a38c8131cad22","Name":"ceo_probe.1",' +
        '"Node":"vm","Ports":""}\n',
    );
    expect(ps(state, { format: 'raw', filters: ['id=o1ug'] }).stdout).toBe(
      'id: o1ug6isa0yrc\nname: ceo_probe.1\nimage: ' +
        'sha256:0e89ce352235f718687a967d052a10a336522087f6cca883ae2a38c8131cad22\nnode: vm\n' +
        'desired_state: Running\ncurrent_state: Running 5 seconds ago\nerror: \nports: \n\n',
    );
  });

  it('reports template errors the way docker does', () => {
    expect(ps(afterUpdateState(), { format: '{{.Nope}}' })).toEqual({
      stdout: '',
      stderr:
        'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type ' +
        '*task.taskContext\n',
      exitCode: 1,
    });
    expect(ps(afterUpdateState(), { format: '{{.ID' }).stderr).toBe(
      'template parsing error: template: :1: unclosed action\n',
    );
  });

  it('shows a node that no longer exists by its ID and an unassigned task with an empty node', () => {
    const state = makeState(
      100,
      [makeService(SPEC_V1, undefined, undefined)],
      [
        makeTask({
          id: 'ccccccccccccccccccccccccc',
          slot: 1,
          image: IMAGE_V1,
          createdS: 1,
          desired: 'running',
          state: 'pending',
          stateS: 97,
          nodeId: '',
        }),
        makeTask({
          id: 'ddddddddddddddddddddddddd',
          slot: 2,
          image: IMAGE_V1,
          createdS: 1,
          desired: 'running',
          state: 'running',
          stateS: 40,
          nodeId: 'gone0000000000000000000000',
        }),
      ],
      [makeNode()],
    );
    expect(ps(state, { format: '{{.Node}}|{{.CurrentState}}' }).stdout).toBe(
      '|Pending 3 seconds ago\ngone0000000000000000000000|Running about a minute ago\n',
    );
  });
});
