// The image builder's PID 1 scripts, Dockerfiles, tar contexts and the static-busybox check.
import { describe, expect, it } from 'vitest';
import {
  imageContext,
  imageDockerfile,
  imageScript,
  isStaticElf,
  missingImageId,
} from '../../src/real-swarm/images.js';
import { createTar } from '../../src/real-swarm/tar.js';

/**
 * Reads back the entries of a ustar archive: name, type, size, link target, content, and whether the checksum holds.
 */
function readTar(
  tar: Buffer,
): { name: string; type: string; size: number; link: string; data: Buffer; checksumOk: boolean }[] {
  const entries = [];
  let offset = 0;
  while (offset + 512 <= tar.length && tar[offset] !== 0) {
    const header = tar.subarray(offset, offset + 512);
    const text = (from: number, length: number) =>
      header
        .subarray(from, from + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = parseInt(text(124, 12), 8);
    const stored = parseInt(text(148, 8), 8);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
    entries.push({
      name: text(0, 100),
      type: text(156, 1),
      size,
      link: text(157, 100),
      data: tar.subarray(offset + 512, offset + 512 + size),
      checksumOk: sum === stored,
    });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

describe('imageScript', () => {
  it('a default image traps TERM and sleeps in a loop it can leave at once', () => {
    expect(imageScript({})).toBe("#!/bin/sh\ntrap 'exit 0' TERM\nwhile true; do sleep 1 & wait $!; done\n");
  });

  it('ignores_sigterm leaves PID 1 without a handler; start, logs and exit follow in order', () => {
    expect(
      imageScript({ ignoresSigterm: true, startMs: 1500, logs: ["it's v2"], exitCode: 3, exitAfterMs: 8000 }),
    ).toBe(
      [
        '#!/bin/sh',
        'sleep 1.5 & wait $!',
        "echo 'it'\\''s v2'",
        'sleep 8 & wait $!',
        'exit 3',
        'while true; do sleep 1 & wait $!; done',
        '',
      ].join('\n'),
    );
  });

  it('a healthcheck behaviour creates /ready after healthy_after, never for "never"', () => {
    expect(imageScript({ healthcheck: { intervalMs: 1000, retries: 30, healthyAfterMs: 4000 } })).toContain(
      '(sleep 4; touch /ready) &\n',
    );
    expect(imageScript({ healthcheck: { intervalMs: 1000, retries: 2, healthyAfterMs: 'never' } })).not.toContain(
      '/ready',
    );
  });

  it('a flaky image exits only in its share of containers', () => {
    expect(imageScript({ exitCode: 1, exitAfterMs: 2000, failFraction: 0.25 })).toContain(
      'if [ $((RANDOM % 1000)) -lt 250 ]; then sleep 2 & wait $!; exit 1; fi\n',
    );
  });
});

describe('imageDockerfile', () => {
  it('FROM scratch, swarmlab labels (first: no layer shared with another run), the rootfs, the script as CMD', () => {
    expect(imageDockerfile('sandbox/app:v1', {}, 'run-1')).toBe(
      [
        'FROM scratch',
        'LABEL swarmlab.owned="true" swarmlab.run="run-1" swarmlab.image="sandbox/app:v1"',
        'COPY rootfs/ /',
        'CMD ["/bin/sh", "/app.sh"]',
        '',
      ].join('\n'),
    );
  });

  it('a HEALTHCHECK testing the /ready flag, with the declared interval, timeout, retries and start period', () => {
    const text = imageDockerfile(
      'app:slow',
      { healthcheck: { intervalMs: 1000, retries: 30, startPeriodMs: 2000, healthyAfterMs: 4000 } },
      'r',
    );
    expect(text).toContain(
      'HEALTHCHECK --interval=1000ms --timeout=1000ms --retries=30 --start-period=2000ms CMD ["/bin/test", "-f", ' +
        '"/ready"]\n',
    );
  });
});

describe('imageContext (tar)', () => {
  it('holds the Dockerfile, busybox, its applet links and the script, with valid checksums', () => {
    const busybox = Buffer.from('not really busybox');
    const entries = readTar(imageContext('app:v1', {}, 'r', busybox));
    expect(entries.map((e) => `${e.type} ${e.name}${e.link ? ` -> ${e.link}` : ''}`)).toEqual([
      '0 Dockerfile',
      '0 rootfs/bin/busybox',
      '2 rootfs/bin/sh -> busybox',
      '2 rootfs/bin/sleep -> busybox',
      '2 rootfs/bin/touch -> busybox',
      '2 rootfs/bin/test -> busybox',
      '2 rootfs/bin/false -> busybox',
      '2 rootfs/bin/true -> busybox',
      '2 rootfs/bin/echo -> busybox',
      '0 rootfs/app.sh',
    ]);
    expect(entries.every((e) => e.checksumOk)).toBe(true);
    expect(entries[1].data.toString()).toBe('not really busybox');
    expect(entries[9].data.toString()).toBe(imageScript({}));
  });

  it('pads every file to 512-byte blocks and ends with two zero blocks', () => {
    const tar = createTar([{ kind: 'file', path: 'a', data: Buffer.from('x'.repeat(513)), mode: 0o644 }]);
    expect(tar.length).toBe(512 + 1024 + 1024);
    expect(tar.subarray(1536).every((b) => b === 0)).toBe(true);
  });
});

describe('missingImageId and isStaticElf', () => {
  it('pull: fail references an image ID per name that no daemon has', () => {
    expect(missingImageId('nginx:missing')).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(missingImageId('nginx:missing')).not.toBe(missingImageId('nginx:other'));
  });

  it('tells a static ELF (no PT_INTERP) from a dynamic one and from a non-ELF', () => {
    const elf = (types: number[]) => {
      const data = Buffer.alloc(64 + types.length * 56);
      data.writeUInt32BE(0x7f454c46, 0);
      data[4] = 2;
      data.writeBigUInt64LE(64n, 0x20);
      data.writeUInt16LE(56, 0x36);
      data.writeUInt16LE(types.length, 0x38);
      types.forEach((type, i) => {
        data.writeUInt32LE(type, 64 + i * 56);
      });
      return data;
    };
    expect(isStaticElf(elf([1, 1]))).toBe(true);
    expect(isStaticElf(elf([6, 3, 1]))).toBe(false);
    expect(isStaticElf(Buffer.from('#!/bin/sh\n'.padEnd(64)))).toBe(false);
  });
});
