import { assertActionMove } from '../../shared/domain/action';
import { DomainError } from '../../shared/domain/errors';
import { assertTransition } from '../../shared/domain/incident';
import { LANGUAGES, messageFor, t, type MessageKey } from '../../shared/i18n';

const refusal = (fn: () => void): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('nothing was refused');
};

/**
 * A refused move names the statuses in the reader's words: no Danish sentence says
 * "investigating" or "done" (the stored codes).
 */
describe.each(LANGUAGES)('status words in refusals, in %s', (language) => {
  test('an incident that cannot move', () => {
    const text = messageFor(
      language,
      refusal(() => assertTransition('resolved', 'mitigated')),
    );
    expect(text).toContain(t(language, 'status.mitigated'));
    expect(text).toContain(t(language, 'status.resolved'));
    if (language !== 'en') expect(text).not.toMatch(/\b(mitigated|resolved)\b/);
  });

  test('an action that cannot move', () => {
    const text = messageFor(
      language,
      refusal(() => assertActionMove('done', 'cancelled')),
    );
    for (const key of ['action.status.done', 'action.status.cancelled'] as MessageKey[]) {
      expect(text).toContain(t(language, key));
    }
    if (language !== 'en') expect(text).not.toMatch(/\b(done|cancelled)\b/);
  });
});
