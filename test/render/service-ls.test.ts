import { describe, expect, it } from 'vitest';
import { renderServiceLs, serviceStatus } from '../../src/render/service-ls.js';
import {
  afterRollbackState,
  afterUpdateState,
  beforeUpdateState,
  golden,
  IMAGE_V1,
  makeNode,
  makeService,
  makeState,
  makeTask,
  SPEC_V1,
} from './fixtures.js';

describe('docker service ls', () => {
  it('reproduces service-ls.txt and service-ls-after.txt byte for byte', () => {
    expect(renderServiceLs(beforeUpdateState())).toEqual({ stdout: golden('service-ls.txt'), stderr: '', exitCode: 0 });
    expect(renderServiceLs(afterRollbackState()).stdout).toBe(golden('service-ls-after.txt'));
  });

  it('counts running tasks of the service against the replica count', () => {
    const state = afterUpdateState();
    state.tasks[2].Status.State = 'starting';
    expect(renderServiceLs(state, { format: '{{.Replicas}}' }).stdout).toBe('1/2\n');
  });

  it('global services desire one task per task with desired state running', () => {
    const spec = { ...SPEC_V1, Name: 'agent', Mode: { Global: {} } };
    const service = makeService(spec, undefined, undefined, { ID: 'glob0000000000000000000000' });
    const tasks = ['n1', 'n2', 'n3'].map((node, i) =>
      makeTask({
        id: `t${i}000000000000000000000000`,
        slot: 0,
        image: IMAGE_V1,
        spec,
        createdS: 1,
        desired: i === 2 ? 'shutdown' : 'running',
        state: i === 0 ? 'running' : 'preparing',
        stateS: 2,
        nodeId: node,
        serviceId: service.ID,
      }),
    );
    const state = makeState(10, [service], tasks, [makeNode()]);
    expect(serviceStatus(state, service)).toEqual({ RunningTasks: 1, DesiredTasks: 2 });
    expect(renderServiceLs(state, { format: '{{.Name}} {{.Mode}} {{.Replicas}}' }).stdout).toBe('agent global 1/2\n');
  });

  it('sorts by name naturally, -q prints 12-character IDs, filters by name prefix', () => {
    const web10 = makeService({ ...SPEC_V1, Name: 'web10' }, undefined, undefined, { ID: 'w10aaaaaaaaaaaaaaaaaaaaaa' });
    const web2 = makeService({ ...SPEC_V1, Name: 'web2' }, undefined, undefined, { ID: 'w2bbbbbbbbbbbbbbbbbbbbbbb' });
    const state = makeState(10, [web10, web2], []);
    expect(renderServiceLs(state, { quiet: true }).stdout).toBe('w2bbbbbbbbbb\nw10aaaaaaaaa\n');
    expect(renderServiceLs(state, { format: '{{.Name}}', filters: ['name=web1'] }).stdout).toBe('web10\n');
    expect(renderServiceLs(state, { filters: ['name'] })).toEqual({
      stdout: '',
      stderr: 'invalid argument "name" for "-f, --filter" flag: bad format of filter (expected name=value)\n',
      exitCode: 125,
    });
  });

  it('shows `(max N per node)` and familiar image names', () => {
    const spec = {
      ...SPEC_V1,
      TaskTemplate: {
        ...SPEC_V1.TaskTemplate,
        ContainerSpec: { Image: `docker.io/library/nginx:1.27@sha256:${'b'.repeat(64)}` },
        Placement: { MaxReplicas: 1 },
      },
    };
    const state = makeState(10, [makeService(spec, undefined, undefined)], []);
    expect(renderServiceLs(state).stdout).toBe(
      'ID             NAME        MODE         REPLICAS               IMAGE        PORTS\n' +
        'sh5qp5myymoj   ceo_probe   replicated   0/2 (max 1 per node)   nginx:1.27   \n',
    );
  });

  it('prints only the header for no services', () => {
    expect(renderServiceLs(makeState(0, [], [])).stdout).toBe(
      'ID        NAME      MODE      REPLICAS   IMAGE     PORTS\n',
    );
  });
});
