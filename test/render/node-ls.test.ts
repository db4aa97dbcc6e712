import { describe, expect, it } from 'vitest';
import { renderNodeInspect, renderNodeLs } from '../../src/render/node-ls.js';
import { makeNode, makeState } from './fixtures.js';

const MANAGER = makeNode({ ID: 'mgr1aaaaaaaaaaaaaaaaaaaaa', hostname: 'node-1' });
const WORKER10 = makeNode({
  ID: 'wrk10bbbbbbbbbbbbbbbbbbbb',
  hostname: 'node-10',
  ManagerStatus: undefined,
  Spec: { Labels: { zone: 'b' }, Role: 'worker', Availability: 'drain' },
  Status: { State: 'down', Addr: '10.0.0.10', Message: 'heartbeat failure' },
});
const MANAGER2 = makeNode({
  ID: 'mgr2ccccccccccccccccccccc',
  hostname: 'node-2',
  ManagerStatus: { Leader: false, Reachability: 'reachable', Addr: '10.0.0.2:2377' },
  Spec: { Labels: {}, Role: 'manager', Availability: 'pause' },
});
const state = () => makeState(60, [], [], [WORKER10, MANAGER, MANAGER2]);

describe('docker node ls', () => {
  it('lists nodes by hostname (natural order) and marks the node the CLI talks to', () => {
    expect(renderNodeLs(state())).toEqual({
      stdout:
        'ID                            HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION\n' +
        'mgr1aaaaaaaaaaaaaaaaaaaaa *   node-1     Ready     Active         Leader           20.10.24\n' +
        'mgr2ccccccccccccccccccccc     node-2     Ready     Pause          Reachable        20.10.24\n' +
        'wrk10bbbbbbbbbbbbbbbbbbbb     node-10    Down      Drain                           20.10.24\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('-q, --format, filters and an explicit self node', () => {
    expect(renderNodeLs(state(), { quiet: true }).stdout).toBe(
      'mgr1aaaaaaaaaaaaaaaaaaaaa\nmgr2ccccccccccccccccccccc\nwrk10bbbbbbbbbbbbbbbbbbbb\n',
    );
    expect(renderNodeLs(state(), { format: '{{.Hostname}} {{.Self}}', selfNodeId: MANAGER2.ID }).stdout).toBe(
      'node-1 false\nnode-2 true\nnode-10 false\n',
    );
    expect(renderNodeLs(state(), { format: '{{.Hostname}}', filters: ['role=worker'] }).stdout).toBe('node-10\n');
    expect(renderNodeLs(state(), { format: '{{.Hostname}}', filters: ['label=zone=b'] }).stdout).toBe('node-10\n');
    expect(renderNodeLs(state(), { format: '{{json .}}', filters: ['name=node-10'] }).stdout).toBe(
      '{"Availability":"Drain","EngineVersion":"20.10.24","Hostname":"node-10","ID":"wrk10bbbbbbbbbbbbbbbbbbbb",' +
        '"ManagerStatus":"","Self":false,"Status":"Down","TLSStatus":"Unknown"}\n',
    );
  });
});

describe('docker node inspect', () => {
  it("--pretty follows docker's node template", () => {
    const node = makeNode({ ...WORKER10, CreatedAt: '2026-01-01T00:00:00.25Z' });
    expect(renderNodeInspect(makeState(60, [], [], [MANAGER, node]), ['node-10'], { pretty: true }).stdout).toBe(
      [
        'ID:\t\t\twrk10bbbbbbbbbbbbbbbbbbbb',
        'Labels:',
        ' - zone=b',
        'Hostname:              \tnode-10',
        'Joined at:             \t2026-01-01 00:00:00.25 +0000 utc',
        'Status:',
        ' State:\t\t\tDown',
        ' Message:              \tHeartbeat failure',
        ' Availability:         \tDrain',
        ' Address:\t\t10.0.0.10',
        'Platform:',
        ' Operating System:\tlinux',
        ' Architecture:\t\tx86_64',
        'Resources:',
        ' CPUs:\t\t\t0',
        ' Memory:\t\t',
        'Engine Version:\t\t20.10.24',
        '',
      ].join('\n'),
    );
  });

  it('--pretty shows the manager block; `self` is the leader', () => {
    const out = renderNodeInspect(state(), ['self'], { pretty: true }).stdout;
    expect(out).toContain(
      'Manager Status:\n Address:\t\t192.168.56.10:2377\n Raft Status:\t\tReachable\n Leader:\t\tYes\nPlatform:',
    );
  });

  it('prints JSON, templates and the not-found error', () => {
    const json = renderNodeInspect(state(), ['node-2']).stdout;
    expect(json).toBe(`[
    {
        "ID": "mgr2ccccccccccccccccccccc",
        "Version": {
            "Index": 9
        },
        "CreatedAt": "2026-01-01T00:00:00Z",
        "UpdatedAt": "2026-01-01T00:00:00Z",
        "Spec": {
            "Labels": {},
            "Role": "manager",
            "Availability": "pause"
        },
        "Description": {
            "Hostname": "node-2",
            "Platform": {
                "Architecture": "x86_64",
                "OS": "linux"
            },
            "Resources": {},
            "Engine": {
                "EngineVersion": "20.10.24"
            },
            "TLSInfo": {}
        },
        "Status": {
            "State": "ready",
            "Addr": "192.168.56.10"
        },
        "ManagerStatus": {
            "Reachability": "reachable",
            "Addr": "10.0.0.2:2377"
        }
    }
]
`);
    expect(
      renderNodeInspect(state(), ['mgr1', 'wrk'], { format: '{{.Description.Hostname}} {{.Spec.Role}}' }).stdout,
    ).toBe('node-1 manager\nnode-10 worker\n');
    expect(renderNodeInspect(state(), ['ghost'])).toEqual({
      stdout: '[]\n',
      stderr: 'Error: No such node: ghost\n',
      exitCode: 1,
    });
    expect(renderNodeInspect(state(), ['mgr'], { format: '{{.ID}}' })).toEqual({
      stdout: '\n',
      stderr: 'Error response from daemon: node mgr is ambiguous (2 matches found)\n',
      exitCode: 1,
    });
  });
});
