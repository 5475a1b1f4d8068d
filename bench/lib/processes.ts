// Child processes for the benchmark: the app (dist/src/server.js, the CLI), the baselines and the
// load generator each run in their own process. With `taskset` and at least two cores, servers
// and baselines run on core 0 and everything that makes load (this process included) on core 1,
// so the side under test never competes with its own load generator.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

import { ROOT_DIR } from '../../src/shared/install-dir';

/** The project folder (the bench runs from dist/bench/). */
export const ROOT = ROOT_DIR;
/** Compiled bench scripts live next to this file's folder in dist/bench/. */
export const BENCH_DIST = path.resolve(__dirname, '..');
export const SERVER_JS = path.join(ROOT, 'dist', 'src', 'server.js');
export const CLI_JS = path.join(ROOT, 'dist', 'src', 'cli.js');

export type Role = 'server' | 'load';

function detectTaskset(): boolean {
  if (os.cpus().length < 2) return false;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const PINNED = detectTaskset();
const CORE: Record<Role, string> = { server: '0', load: '1' };

/** Pins this process (all its threads) to the load core. */
export function pinSelfToLoadCore(): void {
  if (PINNED) execFileSync('taskset', ['-a', '-p', '-c', CORE.load, String(process.pid)], { stdio: 'ignore' });
}

export function placement(): string {
  return PINNED
    ? 'servers and baselines pinned to core 0, load generators and this process to core 1 (taskset)'
    : `not pinned (${os.cpus().length} core(s)${os.cpus().length >= 2 ? ', no taskset' : ''}): numbers are less stable`;
}

/** The secret every app process of a run shares, so links made by one process open in another. */
export const BENCH_SECRET = 'bench-session-secret-bench-session-secret-0123';

/** The environment of every app process: production mode, quiet, no background worker. */
export function appEnv(dbFile: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    MAIL_WORKER: 'off',
    SESSION_SECRET: BENCH_SECRET,
    DATABASE_URL: dbFile,
    ...extra,
  };
}

export interface Child {
  child: ChildProcess;
  /** Everything the process wrote so far. */
  output(): string;
  /** Resolves with the exit code (or the signal). */
  exited: Promise<number | string>;
  /** SIGTERM (SIGKILL after 10 s) to the process, or to its group when started detached. */
  stop(): Promise<void>;
}

/** Starts `command args` on the given core (through taskset when available). */
export function startProcess(
  command: string,
  args: string[],
  options: { role: Role; env?: NodeJS.ProcessEnv; cwd?: string; ipc?: boolean; detached?: boolean },
): Child {
  const [cmd, argv] = PINNED ? ['taskset', ['-c', CORE[options.role], command, ...args]] : [command, args];
  const child = spawn(cmd, argv, {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  let exitedYet = false;
  void exited.then(() => (exitedYet = true));
  const signal = (name: NodeJS.Signals) => {
    try {
      if (options.detached && child.pid) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // already gone
    }
  };
  return {
    child,
    output: () => output,
    exited,
    async stop() {
      if (exitedYet) return;
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Starts a compiled node script (a path inside dist/) on the given core. */
export function startNode(script: string, args: string[], options: { role: Role; env?: NodeJS.ProcessEnv; ipc?: boolean }): Child {
  return startProcess(process.execPath, [script, ...args], options);
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `url` until it answers 200; fails when the process exits first or after `ms`. */
export async function waitForHttp(url: string, proc: Child, ms = 120_000, everyMs = 25): Promise<void> {
  const until = Date.now() + ms;
  let exited: number | string | undefined;
  void proc.exited.then((code) => (exited = code));
  for (;;) {
    if (exited !== undefined) throw new Error(`process exited (${exited}) before ${url} answered:\n${proc.output()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${ms} ms:\n${proc.output()}`);
    await sleep(everyMs);
  }
}

/** Resolves once the process prints `line` on its own line (stdout or stderr). */
export async function waitForLine(proc: Child, line: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  let exited: number | string | undefined;
  void proc.exited.then((code) => (exited = code));
  while (!proc.output().split('\n').includes(line)) {
    if (exited !== undefined) throw new Error(`process exited (${exited}) before printing ${line}:\n${proc.output()}`);
    if (Date.now() > until) throw new Error(`no "${line}" within ${ms} ms:\n${proc.output()}`);
    await sleep(20);
  }
}

export interface Server extends Child {
  url: string;
}

/** BENCH_APP_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"): node flags for the app under test (server and worker). */
export function appNodeArgs(): string[] {
  return (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

/** The app as `npm start` runs it (dist/src/server.js), on core 0, ready when /healthz answers. */
export async function startApp(dbFile: string, extraEnv: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const proc = startProcess(process.execPath, [...appNodeArgs(), SERVER_JS], { role: 'server', env: appEnv(dbFile, { PORT: String(port), ...extraEnv }) });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, proc);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { ...proc, url };
}

/** A baseline server script from dist/bench/baselines/, on core 0, ready when it prints READY. */
export async function startBaseline(name: string, env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const proc = startNode(path.join(BENCH_DIST, 'baselines', `${name}.js`), [], {
    role: 'server',
    env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: String(port), ...env },
  });
  try {
    await waitForLine(proc, 'READY');
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { ...proc, url: `http://127.0.0.1:${port}` };
}

/** Runs a one-shot baseline script on core 0 and returns the JSON it prints last. */
export async function runBaselineJob<T>(name: string, args: string[], env: Record<string, string> = {}): Promise<T> {
  const proc = startNode(path.join(BENCH_DIST, 'baselines', `${name}.js`), args, { role: 'server', env: { PATH: process.env.PATH, ...env } });
  const code = await proc.exited;
  const lines = proc.output().trim().split('\n');
  if (code !== 0) throw new Error(`baseline ${name} failed (${code}):\n${proc.output()}`);
  return JSON.parse(lines[lines.length - 1]!) as T;
}

/** `pds-loop <args>` (dist/src/cli.js) against a database file; returns its output, throws on failure. */
export async function runCli(dbFile: string, args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  const proc = startNode(CLI_JS, args, { role: 'server', env: appEnv(dbFile, extraEnv) });
  const code = await proc.exited;
  if (code !== 0) throw new Error(`pds-loop ${args.join(' ')} failed (${code}):\n${proc.output()}`);
  return proc.output();
}

/** Copies a SQLite file no process has open, after folding its WAL into it. */
export function copyDatabase(from: string, to: string): void {
  const db = new Database(from);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  for (const suffix of ['-wal', '-shm']) fs.rmSync(to + suffix, { force: true });
  fs.copyFileSync(from, to);
}

export function makeTempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `pds-bench-${name}-`));
}

/** A script that answers one IPC message at a time; its first message says it is ready. */
export class IpcChild<Reply, Ready = unknown> {
  private pending: ((reply: Reply) => void) | undefined;

  private constructor(
    private readonly proc: Child,
    /** What the script sent when it was ready. */
    readonly ready: Ready,
  ) {}

  /** Starts dist/bench/<script>.js (e.g. 'baselines/ranking-query'). */
  static async start<Reply, Ready = unknown>(script: string, env: Record<string, string>, role: Role = 'server'): Promise<IpcChild<Reply, Ready>> {
    const proc = startNode(path.join(BENCH_DIST, `${script}.js`), [], { role, ipc: true, env: { PATH: process.env.PATH, ...env } });
    const ready = await new Promise<Ready>((resolve, reject) => {
      proc.child.once('message', (message: Ready) => resolve(message));
      void proc.exited.then((code) => reject(new Error(`${script} exited (${code}):\n${proc.output()}`)));
    });
    const child = new IpcChild<Reply, Ready>(proc, ready);
    proc.child.on('message', (reply: Reply) => {
      const done = child.pending;
      child.pending = undefined;
      done?.(reply);
    });
    return child;
  }

  ask(message: unknown = {}): Promise<Reply> {
    return new Promise((resolve) => {
      this.pending = resolve;
      this.proc.child.send(message as object);
    });
  }

  stop(): Promise<void> {
    return this.proc.stop();
  }
}
