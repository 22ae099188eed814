import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const script = path.join(root, 'scripts/ensure-node.mjs');
/** Prints the version, and the first PATH entry, of the `node` that a script's child processes find. */
const probe = ['node', '-p', 'process.version + " " + process.env.PATH.split(require("path").delimiter)[0]'];

function run(node: string, env: Record<string, string | undefined>) {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const k of ['RDPLAN_NODE_BOOTSTRAPPED', 'RDPLAN_NODE_DIR']) if (!(k in env)) delete childEnv[k];
  return spawnSync(node, [script, ...probe], { cwd: root, env: childEnv, encoding: 'utf8', timeout: 120_000 });
}

/** The machine's own Node when it is older than the project needs (the Debian one here is 20). */
const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => {
  if (!fs.existsSync(p)) return false;
  const [major, minor] = spawnSync(p, ['--version'], { encoding: 'utf8' }).stdout.replace(/^v/, '').split('.').map(Number);
  return major! < 22 || (major === 22 && minor! < 12);
});

// The Node 24 install in .node/ (gitignored) is the cache: the first run on a machine downloads it, later runs re-use it.
describe('Node from the npm registry when the machine has an older one', () => {
  it('runs the script as it is on a recent Node, without a word', () => {
    const r = run(process.execPath, {});
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('older than');
    expect(r.stdout.trim().split(' ')[0]).toBe(process.version);
  });

  it('on a Node older than 22.12, installs Node 24 into .node/, says so in one line, and runs the script on it', () => {
    const r = run(process.execPath, { RDPLAN_NODE_VERSION: 'v20.19.0' });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^» Node v20\.19\.0 is older than 22\.12: using Node v24\.\d+\.\d+ from the npm registry \(\.node\/\)$/);
    const [version, firstPath] = lines[1]!.split(' ');
    expect(version).toMatch(/^v24\./);
    // child processes (npm ci, npx, vitest, the server) find Node 24 first on PATH
    expect(firstPath).toBe(path.join(root, '.node/node_modules', `node-${process.platform}-${process.arch}`, 'bin'));
  });

  it('re-uses the Node it installed: no npm needed the second time', () => {
    run(process.execPath, { RDPLAN_NODE_VERSION: 'v20.19.0' });
    const r = run(process.execPath, { RDPLAN_NODE_VERSION: 'v18.20.0', PATH: '/nonexistent' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^» Node v18\.20\.0 is older than 22\.12: using Node v24\./);
    expect(r.stdout).toMatch(/\nv24\.\d+\.\d+ /);
  });

  it.skipIf(!oldNode)('works for real on the machine’s older Node', () => {
    const r = run(oldNode!, {});
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^» Node v(1\d|2[01]|22\.(\d|1[01]))\.\S+ is older than 22\.12: using Node v24\./);
    expect(r.stdout).toMatch(/\nv24\.\d+\.\d+ /);
  });
});
