// The layers swarmlab keeps (docs/architecture.md): commands/scenarios → engine → trace → views; no cycles.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Modules form layers, never circles.', from: {}, to: { circular: true } },
    {
      name: 'engine-stands-alone',
      severity: 'error',
      comment: 'The engine reads only the shared types, defaults, messages and durations: no commands, scenarios, views, backends, CLI or web.',
      from: { path: '^src/engine/' },
      to: { path: '^(src/(commands|scenario|compose|render|trace|lab|cli|real-swarm)/|web/)' },
    },
    {
      name: 'views-read-traces',
      severity: 'error',
      comment: 'Renderers, trace folds and the page read Engine API shapes and traces, never engine records or internals.',
      from: { path: '^(src/render|src/trace|web/components|web/controllers|web/lessons|web/i18n)/' },
      to: { path: '^src/engine/' },
    },
    {
      name: 'library-has-no-cli',
      severity: 'error',
      comment: 'Only the CLI imports the CLI.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'web-through-browser-entry',
      severity: 'error',
      comment:
        'The page imports the library only through its entries (types included): src/browser.ts, and src/browser-on-demand.ts for what it fetches when first used.',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/browser(-on-demand)?[.]ts$' },
    },
    { name: 'src-has-no-web', severity: 'error', comment: 'The library never imports the page.', from: { path: '^src/' }, to: { path: '^web/' } },
    {
      name: 'sandbox-without-real-swarm',
      severity: 'error',
      comment: 'The simulator side (engine, commands, scenarios, lab, trace, render) runs without Docker.',
      from: { path: '^src/(engine|commands|scenario|compose|lab|trace|render)/' },
      to: { path: '^src/real-swarm/' },
    },
    { name: 'not-to-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    parser: 'swc',
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
