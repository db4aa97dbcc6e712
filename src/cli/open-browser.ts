// Opens a URL in the user's browser: $BROWSER (`none`: do not), else the system's opener (xdg-open, open, the Windows
// URL handler).
import { spawn } from 'node:child_process';

/** The command that opens `url`, or null when BROWSER=none. `%s` in $BROWSER stands for the URL, else it comes last. */
export function browserCommand(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): [string, ...string[]] | null {
  const chosen = env.BROWSER?.split(':')[0]?.trim();
  if (chosen === 'none') return null;
  if (chosen) {
    const words = chosen.split(/\s+/);
    const args = words.slice(1);
    return [
      words[0],
      ...(args.some((word) => word.includes('%s')) ? args.map((w) => w.replace('%s', url)) : [...args, url]),
    ];
  }
  if (platform === 'darwin') return ['open', url];
  if (platform === 'win32') return ['rundll32', 'url.dll,FileProtocolHandler', url];
  return ['xdg-open', url];
}

/** Starts the browser on `url`, detached; `failed` hears why when it cannot start. */
export function openBrowser(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
  failed: (why: string) => void,
): void {
  const command = browserCommand(url, env);
  if (command === null) return;
  const [program, ...args] = command;
  try {
    const child = spawn(program, args, { detached: true, stdio: 'ignore' });
    child.on('error', (err) => failed(`${program}: ${err.message}`));
    child.unref();
  } catch (err) {
    failed(`${program}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
