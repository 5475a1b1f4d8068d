import { runCli } from '../../src/cli';

/** Runs the CLI in this process with `env`; its exit code and what it wrote to out and err, each joined into one string. */
export async function runCliCapturing(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
