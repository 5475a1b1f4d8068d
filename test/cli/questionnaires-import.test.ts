import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCliCapturing } from '../support/run-cli';
import { SURVEYS_DIR } from '../../src/paths';
import { tempDatabaseFile } from '../support/test-db';

const run = runCliCapturing;

describe('pds-loop questionnaires:import', () => {
  it('imports a folder, then reports a bad file by file and field and exits with 1', async () => {
    const { file, cleanup } = tempDatabaseFile('pds-cli-q-');
    const env = { DATABASE_URL: file, LOG_LEVEL: 'silent', SURVEYS_DIR };
    const first = await run(['questionnaires:import'], env);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toMatch(/surveys\/annual-pds\.json: annual-pds imported/);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-q-'));
    const bad = JSON.parse(fs.readFileSync(path.join(SURVEYS_DIR, 'pds.json'), 'utf8'));
    bad.version = 2;
    delete bad.sections[0].questions[0].text.da;
    fs.writeFileSync(path.join(dir, 'pds.json'), JSON.stringify(bad));
    const second = await run(['questionnaires:import', '--from', path.join(dir, 'pds.json')], env);
    expect(second.code).toBe(1);
    expect(second.out).toMatch(/pds\.json: sections\[0\]\.questions\[0\]\.text\.da: Required/);
    expect(second.err).toMatch(/1 file\(s\) not imported/);
    fs.rmSync(dir, { recursive: true, force: true });
    cleanup();
  });
});
