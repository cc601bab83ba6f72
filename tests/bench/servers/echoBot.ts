/**
 * The comparison for the bot endpoint: a minimal botbuilder echo bot on the same restify,
 * authentication off as in War Room's local development mode. It answers a message with
 * one reply through the Bot Connector, and an `Action.Execute` invoke with a small card.
 * With BENCH_BARE=1 it is a bare restify endpoint instead (no botbuilder at all).
 * Prints the line tests/support/serverProcess.ts waits for.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';
import restify from 'restify';

const CARD = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Echo' }],
};

async function echo(context: TurnContext): Promise<void> {
  const { activity } = context;
  if (activity.type === 'message') {
    await context.sendActivity(`echo: ${activity.text ?? ''}`);
  } else if (activity.type === 'invoke') {
    await context.sendActivity({
      type: 'invokeResponse',
      value: {
        status: 200,
        body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: CARD },
      },
    });
  }
}

const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
if (process.env.BENCH_BARE === '1') {
  server.post('/api/messages', (_req, res, next) => {
    res.send(200, {});
    next();
  });
} else {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, echo);
  });
}
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`bot endpoint: http://127.0.0.1:${address.port}/api/messages`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
