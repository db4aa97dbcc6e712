// A minimal ustar writer: the build context swarmlab sends to POST /build (regular files and symlinks only).
export type TarEntry =
  | { kind: 'file'; path: string; data: Buffer; mode: number }
  | { kind: 'symlink'; path: string; target: string };

const BLOCK = 512;

/** The tar archive of `entries` (fixed mtime 0 and owner root, so the same context always gives the same bytes). */
export function createTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = entry.kind === 'file' ? entry.data : Buffer.alloc(0);
    parts.push(header(entry, data.length));
    if (data.length > 0) {
      parts.push(data);
      const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
      if (pad) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

function header(entry: TarEntry, size: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(entry.path) > 100) throw new Error(`tar: path too long: ${entry.path}`);
  block.write(entry.path, 0, 100, 'utf8');
  writeOctal(block, entry.kind === 'file' ? entry.mode : 0o777, 100, 8);
  writeOctal(block, 0, 108, 8); // uid
  writeOctal(block, 0, 116, 8); // gid
  writeOctal(block, size, 124, 12);
  writeOctal(block, 0, 136, 12); // mtime
  block.fill(0x20, 148, 156); // checksum field counts as spaces
  block.write(entry.kind === 'file' ? '0' : '2', 156, 1, 'ascii');
  if (entry.kind === 'symlink') block.write(entry.target, 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 8, 'binary');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'binary');
  return block;
}

function writeOctal(block: Buffer, value: number, offset: number, length: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}
