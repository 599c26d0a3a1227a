// -o into special files: devices and FIFOs are written in place, links are followed, folders and sockets refused.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/write-file.js';
import { InputError } from '../../src/types.js';
import { cli } from '../cli/helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cc-out-'));

describe('writeFileAtomic on special targets', () => {
  it.skipIf(!existsSync('/dev/null'))('writes into /dev/null without replacing the device (CLI -o /dev/null)', () => {
    const r = cli(['check', 'samples/weak-vendor-msa.txt', '--fail-on', 'none', '-o', '/dev/null']);
    expect(r.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    writeFileAtomic('/dev/null', 'x');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('follows a link and writes its target; the link stays a link', () => {
    const d = tmp();
    mkdirSync(join(d, 'real'));
    symlinkSync(join(d, 'real', 'report.json'), join(d, 'link.json'));
    writeFileAtomic(join(d, 'link.json'), 'one');
    expect(lstatSync(join(d, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'real', 'report.json'), 'utf8')).toBe('one');
    writeFileAtomic(join(d, 'link.json'), 'two');
    expect(lstatSync(join(d, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'real', 'report.json'), 'utf8')).toBe('two');
  });

  it('writes a report given in pieces, keeping the mode of the file it replaces and no temp file', () => {
    const d = tmp();
    const f = join(d, 'report.json');
    writeFileAtomic(f, 'old');
    chmodSync(f, 0o640);
    writeFileAtomic(f, (function* () {
      yield '{"a": ';
      yield '"é ✓"';
      yield '}\n';
    })());
    expect(readFileSync(f, 'utf8')).toBe('{"a": "é ✓"}\n');
    expect(statSync(f).mode & 0o777).toBe(0o640);
    expect(readdirSync(d)).toEqual(['report.json']);
  });

  it('writes into a FIFO for its reader', async () => {
    const d = tmp();
    const fifo = join(d, 'pipe');
    const mk = spawn('mkfifo', [fifo]);
    await new Promise((r) => mk.on('close', r));
    if (!existsSync(fifo)) return; // no mkfifo here
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (b) => (got += String(b)));
    const done = new Promise((r) => reader.on('close', r));
    writeFileAtomic(fifo, 'through the pipe');
    await done;
    expect(got).toBe('through the pipe');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses a folder and a socket with one-line input errors', async () => {
    const d = tmp();
    expect(() => writeFileAtomic(d, 'x')).toThrow(InputError);
    expect(() => writeFileAtomic(d, 'x')).toThrow('output path is a folder');
    const sock = join(d, 's.sock');
    const server = createServer();
    await new Promise<void>((r) => server.listen(sock, r));
    try {
      expect(() => writeFileAtomic(sock, 'x')).toThrow('output path is a socket, not a file');
      expect(lstatSync(sock).isSocket()).toBe(true);
    } finally {
      server.close();
    }
    const r = cli(['check', 'samples/weak-vendor-msa.txt', '-o', d]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`clausecheck: ${d}: output path is a folder`);
  });
});
