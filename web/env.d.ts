// Vite's `?raw` imports (a file's text) as TypeScript sees them.
declare module '*?raw' {
  const text: string;
  export default text;
}
