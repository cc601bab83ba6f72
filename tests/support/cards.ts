import * as AC from 'adaptivecards';

/**
 * Parses a card with the Adaptive Cards SDK and returns every parse and validation
 * problem it reports (empty = valid for the SDK).
 */
export function cardProblems(card: unknown): string[] {
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card as AC.PropertyBag, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) problems.push(e.message);
  // Teams' people picker is a ChoiceSet whose choices Teams fetches (`choices.data`), sent
  // with `choices: []` as Teams documents it; the SDK wants a static choice all the same.
  // Forgiven once per such picker, and for nothing else.
  let pickers = emptyPeoplePickers(card);
  return problems.filter((p) => !(p === NO_CHOICE && pickers-- > 0));
}

const NO_CHOICE = 'An Input.ChoiceSet must have at least one choice defined.';

function emptyPeoplePickers(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, v) => n + emptyPeoplePickers(v), 0);
  if (typeof node !== 'object' || node === null) return 0;
  const o = node as Record<string, unknown>;
  const query = o['choices.data'] as { type?: unknown; dataset?: unknown } | undefined;
  const self =
    o.type === 'Input.ChoiceSet' &&
    Array.isArray(o.choices) &&
    o.choices.length === 0 &&
    query?.type === 'Data.Query' &&
    typeof query.dataset === 'string' &&
    query.dataset.startsWith('graph.microsoft.com/users')
      ? 1
      : 0;
  return self + Object.values(o).reduce((n: number, v) => n + emptyPeoplePickers(v), 0);
}

/** The adaptive card attachments of a posted activity. */
export function cardsOf(activity: { attachments?: unknown[] }): Record<string, unknown>[] {
  return (activity.attachments ?? [])
    .filter(
      (a) =>
        (a as { contentType?: string }).contentType === 'application/vnd.microsoft.card.adaptive',
    )
    .map((a) => (a as { content: Record<string, unknown> }).content);
}
