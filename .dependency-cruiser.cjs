/**
 * The dependency directions of src/ (README, "Architecture"). `npm run lint:deps` checks them and
 * CI fails on any violation.
 *
 *   entry points (server.ts, cli.ts, app.ts, jobs/)  →  features  →  shared/, db/, config.ts
 *   in a feature: routes/api → services → policies, domain rules, repositories → db/
 */

// A feature module's role is its file name suffix; a feature file without one is a domain module.
// src/jobs and src/demo drive the features (like the entry points) and are not features themselves.
const FEATURE_FILE = '^src/(?!jobs/|demo/|db/|shared/)[^/]+/';
// Files whose job is I/O at the edge (HTTP middleware, the session store, the upload parser, the
// mail transport and worker, reading template files, the PDF renderer driving Chromium): they are
// adapters, not domain rules.
const ADAPTERS = [
  '^src/auth/session-store[.]ts$',
  '^src/api/api-auth[.]ts$',
  '^src/customers/multipart[.]ts$',
  '^src/mail/(transport|worker)[.]ts$',
  '^src/surveys/template-loader[.]ts$',
  '^src/reports/report-pdf[.]ts$',
];
// What does I/O: the database and its queries, HTTP, mail, files, child processes.
const IO = [
  '^src/db/',
  '[.](repository|service|routes|api)[.]ts$',
  '(^|/)node_modules/(express|express-session|kysely|better-sqlite3|pg|nodemailer|busboy|pino|pino-http|csrf-sync|helmet)/',
  '^(fs|node:fs|fs/promises|node:fs/promises|child_process|node:child_process|net|node:net|http|node:http)$',
];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules import each other in a circle. Move the shared part down, or invert one side with a hook.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-circular',
      severity: 'error',
      comment:
        'Two folders depend on each other, through any of their modules. One feature must sit above the other ' +
        '(or both call a third); a feature that must react to another registers a hook, as SubmissionHook does.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-depends-on-no-feature',
      severity: 'error',
      comment: 'src/shared holds helpers every feature may use; it imports nothing else from src/.',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'features-do-not-import-entry-points',
      severity: 'error',
      comment:
        'The worker, the scheduler (src/jobs), the app (app.ts) and the processes (server.ts, cli.ts) sit above the ' +
        'features and drive them; no feature imports them. demo/demo.ts is itself a process entry point (npm run demo).',
      from: { path: '^src/(?!jobs/)[^/]+/', pathNot: '^src/demo/demo[.]ts$' },
      to: { path: '^src/(jobs/|app[.]ts$|server[.]ts$|cli[.]ts$)' },
    },
    {
      name: 'repositories-import-no-services-or-routes',
      severity: 'error',
      comment: 'A repository only builds queries and maps rows; use cases and HTTP sit above it.',
      from: { path: '[.]repository[.]ts$' },
      to: { path: '([.](service|routes|api)[.]ts$|(^|/)node_modules/express/)' },
    },
    {
      name: 'domain-modules-do-no-io',
      severity: 'error',
      comment:
        'A domain module (a feature file without a role suffix, e.g. ticket.ts) holds types and pure rules: it ' +
        'imports no database, repository, service, HTTP or mail module. Put the I/O in a service or repository.',
      from: { path: `${FEATURE_FILE}[^/.]+[.]ts$`, pathNot: ADAPTERS },
      to: { path: IO, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
