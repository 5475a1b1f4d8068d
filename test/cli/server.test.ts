import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function startServer(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['-r', './test/support/ts-register.js', 'src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', MAIL_WORKER: 'off', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitFor(check: () => boolean, ms = 60000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the server process', () => {
  it('stops with exit code 1 and one line naming PORT when PORT is bad', async () => {
    const server = startServer({ PORT: 'abc' });
    expect(await server.exited).toBe(1);
    const { stderr } = server.output();
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^Invalid configuration: PORT must be/);
  });

  it('stops with exit code 1 naming DATABASE_URL when it is malformed', async () => {
    const server = startServer({ DATABASE_URL: 'mysql://localhost/pds' });
    expect(await server.exited).toBe(1);
    expect(server.output().stderr).toContain('DATABASE_URL');
  });

  it('creates the database and the first admin with a generated password printed once, then serves', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-server-'));
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const env = { PORT: port, DATABASE_URL: path.join(dir, 'app.sqlite') };
    const first = startServer(env);
    try {
      await waitFor(() => first.output().stdout.includes('is running'));
      expect(first.output().stdout).toMatch(/First admin created: admin@localhost\nPassword \(shown once\): \S{16,}/);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect(fs.existsSync(path.join(dir, 'app.sqlite'))).toBe(true);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    const second = startServer(env);
    try {
      await waitFor(() => second.output().stdout.includes('is running'));
      expect(second.output().stdout).not.toContain('First admin');
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SIGTERM', () => {
  it('stops a loaded server with keep-alive connections and a stalled upload within five seconds, with exit code 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-sigterm-'));
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const server = startServer({ PORT: port, DATABASE_URL: path.join(dir, 'app.sqlite') });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    let running = true;
    let answered = 0;
    let stalled: net.Socket | undefined;
    const get = (urlPath: string) =>
      new Promise<void>((resolve) => {
        const req = http.get({ host: '127.0.0.1', port: Number(port), path: urlPath, agent }, (res) => {
          res.resume();
          res.on('end', () => (answered++, resolve()));
        });
        req.on('error', () => resolve());
      });
    // Eight clients asking again and again on their keep-alive connections.
    const client = async () => {
      while (running) await get(answered % 2 ? '/healthz' : '/login');
    };
    try {
      await waitFor(() => server.output().stdout.includes('is running'), 90_000);
      const clients = Array.from({ length: 8 }, client);
      await waitFor(() => answered >= 50, 30_000);
      // And one upload that never finishes: an in-flight request the server must abandon.
      stalled = net.connect(Number(port), '127.0.0.1');
      stalled.on('error', () => undefined);
      stalled.write('POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=');
      await new Promise((r) => setTimeout(r, 200));
      const signalled = Date.now();
      server.child.kill('SIGTERM');
      const code = await server.exited;
      const tookMs = Date.now() - signalled;
      running = false;
      await Promise.all(clients);
      expect(code).toBe(0);
      expect(tookMs).toBeLessThan(5000);
    } finally {
      running = false;
      agent.destroy();
      stalled?.destroy();
      server.child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});

describe('survey templates at start-up', () => {
  it('stop the app naming the file, the path inside it and what is wrong', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-surveys-'));
    for (const file of ['annual-pds.json', 'annual-satisfaction.json']) {
      fs.copyFileSync(path.join(ROOT, 'surveys', file), path.join(dir, file));
    }
    const pds = JSON.parse(fs.readFileSync(path.join(ROOT, 'surveys/pds.json'), 'utf8'));
    delete pds.sections[0].title.sv;
    fs.writeFileSync(path.join(dir, 'pds.json'), JSON.stringify(pds));
    const server = startServer({ SURVEYS_DIR: dir, DATABASE_URL: ':memory:', PORT: '0' });
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 60000);
    expect(await server.exited).toBe(1);
    clearTimeout(timer);
    expect(server.output().stderr).toMatch(/pds\.json: sections\[0\]\.title\.sv: Required/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
