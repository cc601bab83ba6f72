import type { Language } from '../../shared/i18n';
import { t as text } from '../../shared/i18n';
import { ALICE, channel } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { cardsOf } from '../support/cards';

/** What a lead types in each language, from starting a war room to choosing its card language. */
const SCRIPTS: Record<
  Language,
  {
    locale: string;
    start: string;
    incident: string;
    help: string;
    language: string;
    next: Language;
  }
> = {
  en: {
    locale: 'en-GB',
    start: 'start',
    incident: 'incident',
    help: 'help',
    language: 'language fr',
    next: 'fr',
  },
  da: {
    locale: 'da-DK',
    start: 'start',
    incident: 'hændelse',
    help: 'hjælp',
    language: 'sprog nl',
    next: 'nl',
  },
  nl: {
    locale: 'nl-BE',
    start: 'start',
    incident: 'incident',
    help: 'hulp',
    language: 'taal da',
    next: 'da',
  },
  fr: {
    locale: 'fr-BE',
    start: 'démarrer',
    incident: 'incident',
    help: 'aide',
    language: 'langue en',
    next: 'en',
  },
};

/**
 * Each language's commands through the real bot endpoint, typed by someone whose Teams
 * locale is that language: each is understood, replies are in it, and so is English.
 */
describe('commands in every language, through /api/messages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });

  test.each(Object.entries(SCRIPTS) as [Language, (typeof SCRIPTS)[Language]][])(
    '%s',
    async (language, s) => {
      const c = channel({
        serviceUrl: t.connector.url,
        tenantId: t.tenantId,
        locale: s.locale,
        from: ALICE,
      });
      const say = async (words: string) => {
        const before = t.connector.calls.length;
        expect((await t.post(c.message(words))).status).toBe(200);
        await t.connector.waitForCalls(before + 1);
        return t.connector.calls.at(-1)?.activity ?? {};
      };
      const started = await say(`${s.start} Cutover ${language}`);
      expect(started.text).toBe(
        text(language, 'warroom.started', { title: `Cutover ${language}` }),
      );

      // The war room took the starter's language: its incident card speaks it.
      const posted = await say(`${s.incident} Licences not assigned sev2`);
      const card = JSON.stringify(cardsOf(posted));
      expect(card).toContain(text(language, 'severity.sev2'));
      expect(card).toContain(text(language, 'status.open'));

      const help = await say(s.help);
      expect(JSON.stringify(cardsOf(help))).toContain(text(language, 'help.title'));
      // English is always understood too.
      const helpEn = await say('help');
      expect(JSON.stringify(cardsOf(helpEn))).toContain(text(language, 'help.title'));

      // The lead changes the channel cards' language; the next card follows it.
      const changed = await say(s.language);
      expect(changed.text).toBe(text(s.next, 'warroom.languageSet'));
      const next = await say(`${s.incident} Calendar sharing lost sev3`);
      expect(JSON.stringify(cardsOf(next))).toContain(text(s.next, 'severity.sev3'));
    },
  );
});
