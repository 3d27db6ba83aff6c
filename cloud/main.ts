import { loadDotEnv, readConfig, LOCAL_DEFAULTS } from './config';
import { createHost } from './host/createHost';
import { runDueSplits, startJobs } from './jobs/scheduler';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './seed/demo';
import { DEMO_GROUP_MEMBERS, DEMO_GROUP_NAME, seedDemoGroup } from './seed/demoGroup';
import { openStore } from './store/open';
import { systemClock } from './clock';
import { createLogger, processLog, setProcessLogger } from './observability/logger';

/**
 * The host process: settings → store (migrated) → demo seed → HTTP → scheduled jobs.
 * SIGTERM/SIGINT stop taking new calls, finish in-flight ones, then close the database.
 */
async function main(): Promise<void> {
  loadDotEnv();
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig();
  } catch (error) {
    // A setting problem is the operator's to fix: say which, without a stack trace.
    console.error(`The host cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  // One JSON logger for the process: the host, the jobs and start-up log through it. The banner
  // below stays plain text on stdout, for the person who started the host.
  setProcessLogger(createLogger({ level: config.logLevel }));
  const startedAt = Date.now();
  const store = await openStore(config);
  const demoUsersSeeded = config.demo && (await seedDemo(store, systemClock, config.tzCampaign));
  const host = await createHost(config, store);
  if (demoUsersSeeded) {
    // A fresh demo database also gets a ready group (tests seed users alone and build their own).
    // The demo campaign began a week ago: its past split slots are caught up first, while every
    // pool is empty, so the group's first packet waits for tonight's split.
    await runDueSplits(host.deps);
    await seedDemoGroup(host.deps);
  }
  await host.app.listen({ host: config.host, port: config.port });
  const jobs = startJobs(host.deps);

  const address = host.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  printBanner(url, config, Date.now() - startedAt);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    processLog().warn({ signal }, 'stopping: finishing in-flight calls, then closing the database');
    const force = setTimeout(() => {
      processLog().error({ graceSeconds: config.shutdownGraceSeconds }, 'shutdown grace period passed; exiting');
      process.exit(1);
    }, config.shutdownGraceSeconds * 1000);
    force.unref();
    await jobs.stop();
    await host.app.close();
    await store.close();
    processLog().warn('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function printBanner(url: string, config: ReturnType<typeof readConfig>, startupMs: number): void {
  const engine = config.databaseUrl ? `PostgreSQL server (${redact(config.databaseUrl)})` : `embedded PGlite in ${config.dataDir}/`;
  const lines = [
    '',
    `小黑群 host ready in ${startupMs} ms at ${url}`,
    `  H5 app:        ${url}/`,
    `  API:           ${url}/1.1/  (APP_ID=${config.appId} APP_KEY=${config.appKey})`,
    // Secrets are never printed, not even the public local defaults: a banner ends up in logs.
    `  Master key:    ${config.masterKey === LOCAL_DEFAULTS.MASTER_KEY ? '(local default — set MASTER_KEY)' : '(set)'}`,
    `  Hook secret:   ${config.hookSecret === LOCAL_DEFAULTS.HOOK_SECRET ? '(local default — set HOOK_SECRET)' : '(set)'}`,
    `  Database:      ${engine}`,
    `  Demo mode:     ${config.demo ? 'on (demo data, simulated checkout)' : 'off'}`,
    `  Mode:          ${config.production ? 'production' : 'development (set NODE_ENV=production to enforce real secrets)'}`,
    `  Health:        ${url}/healthz  ${url}/readyz`,
    `  Time zone:     campaign times in ${config.tzCampaign}`,
    `  Payments:      ${
      config.payments.enabled.length === 0
        ? 'none (set PAYMENTS=wechatpay,alipay; money-taking calls answer 119)'
        : config.payments.enabled.join(', ')
    }; notify URLs ${config.payments.publicUrl}/hooks/{wechatpay,alipay}; unpaid holds ${config.payments.timeoutMinutes} min`,
  ];
  if (config.demo) {
    lines.push(`  Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) {
      lines.push(
        `    ${u.username.padEnd(8)} ${u.gender.padEnd(7)} taoqi ${String(u.taoqi).padStart(3)}${u.roles ? `  roles: ${u.roles.join(',')}` : ''}`,
      );
    }
    lines.push(`  Demo group:    ${DEMO_GROUP_NAME} (${DEMO_GROUP_MEMBERS.join(', ')}): active, with items to share and to buy`);
  }
  console.log(lines.join('\n') + '\n');
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

main().catch((error) => {
  processLog().fatal({ err: error }, 'the host could not start');
  process.exit(1);
});
