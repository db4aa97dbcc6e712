import { describe, expect, it } from 'vitest';
import { GoDuration, GoNil, goStruct, MARSHAL_AS_MAP } from '../../src/render/gojson.js';
import { renderGoTemplate, TemplateError } from '../../src/render/gotemplate.js';

const task = goStruct('*task.taskContext', { ID: 'o1ug6isa0yrc', Name: 'ceo_probe.1', Error: '', Ports: '' });
task[MARSHAL_AS_MAP] = true;
const data = {
  Name: 'web',
  Replicas: 3,
  Ratio: 0.25,
  Labels: { b: '2', a: '1' },
  Args: ['-g', 'daemon off;'],
  Empty: [],
  Nested: { Deep: { Value: 'x' } },
  Monitor: new GoDuration(90_000_000_000),
  Nil: null,
  Ptr: new GoNil('*swarm.UpdateStatus'),
  Ok: true,
};
const render = (source: string, value: unknown = data, options = {}) => renderGoTemplate(source, value, options);
const error = (source: string, value: unknown = data): string => {
  try {
    render(source, value);
  } catch (e) {
    if (e instanceof TemplateError) return e.message;
    throw e;
  }
  return 'no error';
};

describe('Go templates: output', () => {
  it('prints fields, nested fields, numbers, bools, slices, maps and Go durations', () => {
    expect(
      render('{{.Name}} {{.Nested.Deep.Value}} {{.Replicas}} {{.Ratio}} {{.Ok}} {{.Args}} {{.Labels}} {{.Monitor}}'),
    ).toBe('web x 3 0.25 true [-g daemon off;] map[a:1 b:2] 1m30s');
  });

  it('prints <no value> for missing map keys and nil, <nil> for a nil pointer', () => {
    expect(render('{{.Missing}}|{{.Nil}}|{{.Ptr}}|{{.Missing.Deeper}}')).toBe('<no value>|<no value>|<nil>|<no value>');
  });

  it('trims whitespace around {{- and -}} and skips comments', () => {
    expect(render('a  {{- .Name -}}  b {{/* note */}}c\n{{- /* trimmed */ -}}\nd')).toBe('awebb cd');
  });

  it('if / else if / else, with, range with variables and range else', () => {
    expect(render('{{if .Empty}}E{{else if .Ok}}O{{else}}N{{end}}')).toBe('O');
    expect(render('{{with .Nested.Deep}}{{.Value}}{{end}}{{with .Empty}}no{{else}}none{{end}}')).toBe('xnone');
    expect(render('{{range $i, $a := .Args}}{{$i}}={{$a}};{{end}}')).toBe('0=-g;1=daemon off;;');
    expect(render('{{range $k, $v := .Labels}}{{$k}}{{$v}}{{end}}|{{range .Empty}}x{{else}}empty{{end}}')).toBe(
      'a1b2|empty',
    );
    expect(render('{{range .Args}}{{$.Name}}:{{.}} {{end}}')).toBe('web:-g web:daemon off; ');
    expect(render('{{$n := .Name}}{{$n}}{{$n = "z"}}{{$n}}')).toBe('webz');
  });

  it('docker functions: upper lower title truncate pad join split json', () => {
    expect(
      render(
        '{{upper .Name}} {{lower "ABC"}} {{title "hello wide-world"}} {{truncate "abcdef" 3}} {{truncate "ab" 3}}',
      ),
    ).toBe('WEB abc Hello Wide-World abc ab');
    expect(render('[{{pad .Name 2 1}}][{{pad "" 2 1}}] {{join .Args ","}} {{index (split "a:b" ":") 1}}')).toBe(
      '[  web ][] -g,daemon off; b',
    );
    expect(render('{{json .Labels}} {{json .Name}} {{json .Monitor}} {{json "<a&b>"}}')).toBe(
      '{"a":"1","b":"2"} "web" 90000000000 "<a&b>"',
    );
    expect(render('{{json .}}', task)).toBe('{"Error":"","ID":"o1ug6isa0yrc","Name":"ceo_probe.1","Ports":""}');
  });

  it('builtins: pipelines, printf, len, index, eq/ne/lt/gt, and/or/not', () => {
    expect(render('{{.Name | upper | printf "%s-%d" }}', { Name: 'a' })).toBe('A-%!d(MISSING)');
    expect(
      render('{{printf "%s=%d %v" .Name .Replicas .Ok}} {{len .Args}} {{index .Labels "a"}} {{index .Args 1}}'),
    ).toBe('web=3 true 2 1 daemon off;');
    expect(
      render(
        '{{if eq .Name "x" "web"}}eq{{end}} {{if ne .Replicas 2}}ne{{end}} {{if lt .Replicas 5}}lt{{end}} {{if gt ' +
          '.Ratio 0.5}}gt{{end}}',
      ),
    ).toBe('eq ne lt ');
    expect(render('{{and .Ok .Name}} {{or .Empty .Replicas}} {{not .Ok}}')).toBe('web 3 false');
  });

  it('header mode keeps header text for json/upper/truncate but pads it', () => {
    expect(
      render('{{upper .ID}}\t{{truncate .Name 2}}\t{{pad .Name 1 1}}', { ID: 'ID', Name: 'NAME' }, { funcs: 'header' }),
    ).toBe('ID\tNAME\t NAME ');
  });
});

describe("Go templates: errors with Go's text", () => {
  it('parse errors', () => {
    expect(error('{{.Name')).toBe('template: :1: unclosed action');
    expect(error('{{foo .Name}}')).toBe('template: :1: function "foo" not defined');
    expect(error('{{end}}')).toBe('template: :1: unexpected {{end}}');
    expect(error('{{else}}')).toBe('template: :1: unexpected {{else}}');
    expect(error('x\n{{if .Ok}}y')).toBe('template: :2: unexpected EOF');
    expect(error('{{}}')).toBe('template: :1: missing value for command');
    expect(error('{{$x}}')).toBe('template: :1: undefined variable "$x"');
    expect(error('{{"abc}}')).toBe('template: :1: unterminated quoted string');
  });

  it('define, template and block: Go has them, this subset does not, and says so in its own words', () => {
    expect(error('{{define "x"}}a{{end}}')).toBe(
      "template: :1: {{define}} is not in swarmlab's subset of Go templates",
    );
    expect(error('{{template "x"}}')).toBe("template: :1: {{template}} is not in swarmlab's subset of Go templates");
    expect(error('{{block "x" .}}a{{end}}')).toBe(
      "template: :1: {{block}} is not in swarmlab's subset of Go templates",
    );
  });

  it('execution errors name the line, column and node', () => {
    expect(error('{{.Nope}}', task)).toBe(
      'template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *task.taskContext',
    );
    expect(error('ab\ncd {{.ID.Sub}}', task)).toBe(
      'template: :2:8: executing "" at <.ID.Sub>: can\'t evaluate field Sub in type string',
    );
    expect(error('{{truncate .Name}}')).toBe(
      'template: :1:2: executing "" at <truncate>: wrong number of args for truncate: want 2 got 1',
    );
    expect(error('{{upper .Replicas}}')).toBe(
      'template: :1:8: executing "" at <.Replicas>: wrong type for value; expected string; got int',
    );
    expect(error('{{.Ptr.State}}')).toBe(
      'template: :1:6: executing "" at <.Ptr.State>: nil pointer evaluating *swarm.UpdateStatus.State',
    );
    expect(error('{{index .Args 5}}')).toBe(
      'template: :1:2: executing "" at <index>: error calling index: index out of range: 5',
    );
  });

  it('missingkey=error reports the missing map key', () => {
    expect(() => render('{{.Missing}}', data, { missingKey: 'error' })).toThrow('map has no entry for key "Missing"');
  });

  it('keeps the output written before an execution error', () => {
    try {
      render('ok {{.Name}} {{.Nope}}', task);
    } catch (e) {
      expect((e as TemplateError).partialOutput).toBe('ok ceo_probe.1 ');
    }
    expect.assertions(1);
  });
});
