import { createApp } from './app';
import { ConfigError, parseConfig } from './config';
import { createLogger } from './logger';
import { installSafetyNet } from './safetyNet';

/** Process entry: parse config (refuse to start on bad config), build the app, listen. */
async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`War Room refuses to start.\n${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  installSafetyNet(logger);
  const app = await createApp(config, { logger });
  if (config.bot.openIdMetadataUrl) {
    app.logger.warn('bot tokens are validated against BOT_OPENID_METADATA_URL, not Microsoft', {
      url: config.bot.openIdMetadataUrl,
    });
  }
  const url = await app.listen();
  const mode = config.localDev
    ? 'LOCAL DEVELOPMENT mode (no bot authentication, development identity)'
    : 'production mode';
  process.stdout.write(
    [
      `War Room is running in ${mode}`,
      `  store:        ${app.storage.kind === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL'}`,
      `  bot endpoint: ${url}/api/messages`,
      // No index at /api/v1/ itself: name a route that answers (README lists them all).
      `  JSON API:     ${url}/api/v1/war-rooms`,
      `  tab:          ${url}/tab/`,
      `  health:       ${url}/healthz`,
      '',
    ].join('\n'),
  );
  const stop = async (signal: string) => {
    app.logger.info('stopping', { signal });
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `War Room failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
