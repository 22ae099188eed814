// Brings Node 24 from the npm registry when this machine's Node is older than the project needs
// (package.json engines: >= 22.12), then runs the same script again on it. Built-ins only, and runs on
// Node 18 and 20, so `npm start`, `npm test` and `.ci/run` work on a machine with an older Node.
//
// The binary package `node-<platform>-<arch>@24` (just bin/node) is installed with the machine's npm
// into .node/ (gitignored) and re-used on later runs. The re-executed script gets PATH prefixed by its
// bin folder, so `npm ci`, `npx`, vitest and the server all run on Node 24.
//
// As a command: `node scripts/ensure-node.mjs <command> [args…]` runs the command on a suitable Node.
// RDPLAN_NODE_VERSION pretends the running version (tests); RDPLAN_NODE_DIR moves the install folder.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MINIMUM = [22, 12];
export const MAJOR = 24;

/** True when `version` (v22.12.0 or 22.12.0) is at least the minimum. */
export function isRecentEnough(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}

function binaryPackage() {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  return `node-${platform}-${process.arch}`;
}

/** Where the registry's Node goes: its folder, package, and the bin folder that holds `node`. */
export function localNode(env = process.env) {
  const dir = path.resolve(env.RDPLAN_NODE_DIR ?? path.join(root, '.node'));
  const pkg = binaryPackage();
  const binDir = process.platform === 'win32' ? path.join(dir, 'node_modules', pkg) : path.join(dir, 'node_modules', pkg, 'bin');
  return { dir, pkg, binDir, node: path.join(binDir, process.platform === 'win32' ? 'node.exe' : 'node') };
}

function versionOf(node) {
  if (!fs.existsSync(node)) return null;
  const r = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Installs (or re-uses) the registry's Node 24 and returns its path and version. */
export function installLocalNode(env = process.env) {
  const local = localNode(env);
  let version = versionOf(local.node);
  if (!version || !isRecentEnough(version)) {
    fs.mkdirSync(local.dir, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const args = ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', local.dir, `${local.pkg}@${MAJOR}`];
    const r = spawnSync(npm, args, { stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
    version = r.status === 0 ? versionOf(local.node) : null;
    if (!version) {
      console.error(
        `» could not install Node ${MAJOR} from the npm registry (npm ${args.join(' ')}); install Node >= ${MINIMUM.join('.')}`,
      );
      process.exit(1);
    }
  }
  return { ...local, version };
}

/**
 * Returns at once when the running Node is recent enough. Otherwise brings Node 24, says so in one line,
 * runs this process's script again on it (PATH prefixed) and exits with its status — never resolves.
 */
export async function ensureNode(env = process.env) {
  const running = env.RDPLAN_NODE_VERSION || process.version;
  if (isRecentEnough(running)) return;
  if (env.RDPLAN_NODE_BOOTSTRAPPED) {
    console.error(`» Node ${running} is still older than ${MINIMUM.join('.')} after bootstrapping; install Node ${MAJOR}`);
    process.exit(1);
  }
  const local = installLocalNode(env);
  console.log(
    `» Node ${running} is older than ${MINIMUM.join('.')}: using Node ${local.version} from the npm registry (${path.relative(root, local.dir) || local.dir}/)`,
  );
  const childEnv = { ...env, PATH: `${local.binDir}${path.delimiter}${env.PATH ?? ''}`, RDPLAN_NODE_BOOTSTRAPPED: '1' };
  delete childEnv.RDPLAN_NODE_VERSION;
  const child = spawn(local.node, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: childEnv });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return new Promise(() => {});
}

// Used as a command: run the given command on a suitable Node.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await ensureNode();
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd) {
    const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: process.cwd() });
    process.exit(r.status ?? 1);
  }
}
