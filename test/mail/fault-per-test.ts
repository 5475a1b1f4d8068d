import type { Db } from '../../src/db/database';
import type { MailWorker } from '../../src/jobs/mail-worker';
import { createTestDb } from '../support/test-db';
import { startFaultSmtpServer, type FaultContext, type Fault, type FaultSmtpServer } from './fault-smtp-server';
import { workerFor, type TestWorkerOptions } from './helpers';

export interface FaultWorld {
  db: Db;
  /** Starts a fault SMTP server that answers as `decide` says, and a mail worker sending to it. */
  start(decide: (ctx: FaultContext) => Fault | undefined, worker?: TestWorkerOptions): Promise<{ server: FaultSmtpServer; worker: MailWorker }>;
}

/** Before each test a fresh database; after it the worker's transport, the fault server and the database closed. */
export function eachTestGetsFaultServer(assign: (world: FaultWorld) => void): void {
  let db: Db | undefined;
  let server: FaultSmtpServer | undefined;
  let closeTransport: (() => void) | undefined;
  beforeEach(async () => {
    const fresh = (db = await createTestDb());
    assign({
      db: fresh,
      async start(decide, options) {
        server = await startFaultSmtpServer(decide);
        const w = workerFor(fresh, server.url, options);
        closeTransport = () => w.transport.close();
        return { server, worker: w.worker };
      },
    });
  });
  afterEach(async () => {
    closeTransport?.();
    await server?.close();
    await db?.destroy();
    db = server = closeTransport = undefined;
  });
}
