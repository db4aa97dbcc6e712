// Vite's `?raw` imports (a file's text) as TypeScript sees them.
declare module '*?raw' {
  const text: string;
  export default text;
}

// `?scenario` imports (vite.config.ts): a scenario file's text and its scenario, loaded when the page is built.
declare module '*.yaml?scenario' {
  const file: { text: string; scenario: import('../src/browser.js').Scenario };
  export default file;
}
