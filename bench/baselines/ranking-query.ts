// Baseline for the ranked problems: one hand-written GROUP BY (better-sqlite3, prepared once)
// over the same file, timed here each time the bench asks (IPC "run").
import Database from 'better-sqlite3';

const K = Number(process.env.MAX_ITEMS ?? 5);
const db = new Database(process.env.DB_FILE!, { readonly: true });
const statement = db.prepare(`
select category_id, count(*) as respondents, count(distinct customer_id) as accounts,
       sum(${K} + 1 - best_rank) as points, avg(best_rank) as mean_rank
from (
  select pm.category_id, pm.response_id, r.customer_id, min(pm.rank) as best_rank
  from problem_mention pm join response r on r.id = pm.response_id
  where pm.campaign_id = ? and pm.question_id = ? and pm.category_id is not null and r.status = 'submitted'
  group by pm.category_id, pm.response_id, r.customer_id
) best
group by category_id
order by points desc`);

process.on('message', () => {
  const started = process.hrtime.bigint();
  const rows = statement.all(Number(process.env.CAMPAIGN_ID), process.env.QUESTION_ID ?? 'problems') as { category_id: number; respondents: number; points: number }[];
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.send!({ ms, rows });
});
process.send!({ ready: true });
