import { spawnSync } from 'node:child_process';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI from source in a child process (as a user would run the built binary). */
export function cli(args: string[], opts: { cwd?: string } = {}): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: opts.cwd ?? process.cwd(),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.split('\n').filter((l) => !l.includes('nodedir')).join('\n') };
}
