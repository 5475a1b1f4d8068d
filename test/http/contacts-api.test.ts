import request from 'supertest';
import type { Db } from '../../src/db/database';
import { createApiKey, revokeApiKey } from '../../src/api/api-key.service';
import { systemActor } from '../../src/auth/user';
import { createTestApp } from '../support/test-app';
import { createUser } from '../support/factories';
import { eachTestGets } from '../support/per-test';

describe('POST /api/v1/contacts', () => {
  let db: Db;
  eachTestGets({}, (w) => ({ db } = w));

  async function keyFor(role: 'admin' | 'manager' | 'member' | 'kam') {
    const user = await createUser(db, { role });
    return (await createApiKey(db, systemActor('test'), { name: `${role} key`, userId: user.id }, new Date())).key;
  }

  it('imports JSON rows and reports bad ones by their position from 1', async () => {
    const key = await keyFor('manager');
    const res = await request(createTestApp(db))
      .post('/api/v1/contacts')
      .set('Authorization', `Bearer ${key}`)
      .send({
        contacts: [
          { customer: 'Acme AB', customer_ref: 'C-1', email: 'anna@acme.example', name: 'Anna', language: 'sv' },
          { customer: 'Acme AB', email: 'broken' },
          { customer: 'Acme AB', customer_ref: 'C-1', email: 'ali@acme.example', language: 'xx' },
        ],
      })
      .expect(200);
    expect(res.body).toMatchObject({
      created: 1,
      updated: 0,
      errors: [
        { line: 2, message: 'invalid email "broken"' },
        { line: 3, message: expect.stringContaining('unknown language "xx"') },
      ],
    });
    expect(await db.selectFrom('contact').select(['email', 'language']).execute()).toEqual([{ email: 'anna@acme.example', language: 'sv' }]);

    const bare = await request(createTestApp(db))
      .post('/api/v1/contacts')
      .set('Authorization', `Bearer ${key}`)
      .send([{ customer: 'Acme AB', customer_ref: 'C-1', email: 'ANNA@acme.example', name: 'Anna Andersson' }])
      .expect(200);
    expect(bare.body).toMatchObject({ created: 0, updated: 1, errors: [] });
  });

  it('imports text/csv with the same rules and CSV line numbers, and changes nothing the second time', async () => {
    const key = await keyFor('admin');
    const csv = 'customer;email;language\nAcme AB;anna@acme.example;sv\nAcme AB;;sv\nBeta;bo@beta.example;da\n';
    const send = () => request(createTestApp(db)).post('/api/v1/contacts').set('Authorization', `Bearer ${key}`).set('Content-Type', 'text/csv').send(csv);
    const first = await send().expect(200);
    expect(first.body).toEqual({ created: 2, updated: 0, unchanged: 0, customersCreated: 2, customersUpdated: 0, errors: [{ line: 3, message: 'missing email' }] });
    const second = await send().expect(200);
    expect(second.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await db.selectFrom('contact').selectAll().execute()).toHaveLength(2);
  });

  it('refuses a windows-1252 CSV declared as UTF-8 naming the encoding, and stores it right when the charset is declared or left out', async () => {
    const key = await keyFor('admin');
    const app = createTestApp(db);
    const csv = Buffer.from('customer;email;name\nÅkesson AB;ake@akesson.example;Åke Öström\nMüller GmbH;jurgen@mueller.example;Jürgen Müller\n', 'latin1');
    const post = (contentType: string) =>
      request(app).post('/api/v1/contacts').set('Authorization', `Bearer ${key}`).set('Content-Type', contentType).send(csv);

    const refused = await post('text/csv; charset=utf-8').expect(400);
    expect(refused.body.error.message).toContain('not valid UTF-8');
    expect(refused.body.error.message).toContain('windows-1252');
    expect(await db.selectFrom('contact').selectAll().execute()).toHaveLength(0);
    await post('text/csv; charset=koi8-r').expect(400);

    for (const contentType of ['text/csv; charset=windows-1252', 'text/csv']) {
      await post(contentType).expect(200);
      const names = await db.selectFrom('contact').select('name').orderBy('email').execute();
      expect(names.map((n) => n.name)).toEqual(['Åke Öström', 'Jürgen Müller']);
      const customers = await db.selectFrom('customer').select('name').execute();
      expect(customers.map((c) => c.name).sort()).toEqual(['Müller GmbH', 'Åkesson AB']);
      expect(JSON.stringify(names) + JSON.stringify(customers)).not.toContain('\uFFFD');
      await db.deleteFrom('contact').execute();
      await db.deleteFrom('customer').execute();
    }
  });

  it('answers 400 to a body that is neither contacts JSON nor a contacts CSV', async () => {
    const key = await keyFor('manager');
    const app = createTestApp(db);
    await request(app).post('/api/v1/contacts').set('Authorization', `Bearer ${key}`).send({ people: [] }).expect(400);
    const csv = await request(app).post('/api/v1/contacts').set('Authorization', `Bearer ${key}`).set('Content-Type', 'text/csv').send('a,b\n1,2\n').expect(400);
    expect(csv.body.error.message).toContain('not a contacts CSV');
  });

  it('refuses a request without a key or with a revoked key with 401, and a member key with 403', async () => {
    const app = createTestApp(db);
    const body = { contacts: [{ customer: 'Acme', email: 'a@acme.example' }] };
    await request(app).post('/api/v1/contacts').send(body).expect(401);

    const admin = await createUser(db, { role: 'admin' });
    const created = await createApiKey(db, systemActor('test'), { name: 'old', userId: admin.id }, new Date());
    await revokeApiKey(db, { id: admin.id, email: admin.email, name: 'A', role: 'admin', teamIds: [] }, created.id, new Date());
    const revoked = await request(app).post('/api/v1/contacts').set('Authorization', `Bearer ${created.key}`).send(body);
    expect(revoked.status).toBe(401);

    const member = await request(app).post('/api/v1/contacts').set('Authorization', `Bearer ${await keyFor('member')}`).send(body);
    expect(member.status).toBe(403);
    expect(await db.selectFrom('contact').selectAll().execute()).toEqual([]);
  });
});
