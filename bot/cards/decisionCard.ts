import { VERBS } from '../../shared/cards/actions';
import { decisionRef, VERDICTS, type Decision, type Verdict } from '../../shared/domain/decision';
import { t, type MessageKey } from '../../shared/i18n';
import { formatInstant } from '../../shared/time/format';
import { followUpActionForm } from './actionForm';
import { bringPeopleIn } from './bringPeopleIn';
import { clip, literal, noticeBlock } from './literal';
import type { AdaptiveCardJson } from './types';

export interface DecisionCardView {
  decision: Decision;
  timeZone: string;
  locale: string;
  /** 'approver': with the verdict buttons and a comment box (a named approver's own view). */
  view?: 'everyone' | 'approver';
  /** A sentence shown above the card, e.g. why a click did not apply. */
  notice?: string;
  /** User principal names of the approvers, for Call and Meet. */
  upns?: readonly string[];
}

/** The words of a verdict: Approve/Reject, or Go/No-go for a checkpoint. */
export const verdictKey = (kind: Decision['kind'], verdict: Verdict): MessageKey =>
  kind === 'goNoGo'
    ? verdict === 'approve'
      ? 'decision.verdict.go'
      : 'decision.verdict.noGo'
    : verdict === 'approve'
      ? 'decision.verdict.approve'
      : 'decision.verdict.reject';

/**
 * How much of a long request a card shows, so that 60 approvers with long names and long
 * comments stay under Teams' 40 KB. Everything is in the tab and the audit trail.
 */
export const ON_CARD = { name: 40, comment: 200, answers: 5, approvers: 20, choice: 32 } as const;

/**
 * A decision request. Everyone sees the question, who decides, by when, the rule and the
 * answers so far; while it is pending, the named approvers' clients refresh it
 * (`refresh.userIds`) into their own view with the verdict buttons and a comment box.
 * What people typed (question, names, comments) is shown literally.
 */
export function decisionCard({
  decision: d,
  timeZone,
  locale,
  view = 'everyone',
  notice,
  upns = [],
}: DecisionCardView): AdaptiveCardJson {
  const when = (iso: string) => formatInstant(iso, { timeZone, locale });
  const pending = d.status === 'pending';
  const ref = decisionRef(d.number);
  const links = pending ? bringPeopleIn(upns, `${ref}: ${d.question}`, locale) : [];
  // The latest answers (the deciding one among them); earlier ones are in the tab.
  const earlier = Math.max(0, d.responses.length - ON_CARD.answers);
  const answers = [
    ...(earlier > 0
      ? [literal([{ text: t(locale, 'decision.earlierAnswers', { count: earlier }) }])]
      : []),
    ...d.responses
      .slice(earlier)
      .map((r) =>
        literal([
          { text: clip(r.approver.name, ON_CARD.name), weight: 'Bolder' },
          { text: ` · ${t(locale, verdictKey(d.kind, r.verdict))} · ${when(r.at)}` },
          ...(r.comment
            ? [{ text: ` · “${clip(r.comment, ON_CARD.comment)}”`, italic: true }]
            : []),
          ...(r.recordedBy
            ? [
                { text: ` · ${t(locale, 'decision.recordedBy')} ` },
                { text: `${clip(r.recordedBy.name, ON_CARD.name)} (${r.recordedBy.how})` },
              ]
            : []),
        ]),
      ),
  ];
  const named = d.approvers.slice(0, ON_CARD.approvers).map((a) => clip(a.name, ON_CARD.name));
  const more = d.approvers.length - named.length;
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    ...(pending
      ? {
          refresh: {
            action: {
              type: 'Action.Execute',
              verb: VERBS.decisionRefresh,
              data: { decisionId: d.id },
            },
            userIds: d.approvers.map((a) => a.id),
          },
        }
      : {}),
    body: [
      ...noticeBlock(notice),
      literal([
        {
          text: `${ref} · ${t(locale, d.kind === 'goNoGo' ? 'decision.kind.goNoGo' : 'decision.kind.approval')} · `,
          weight: 'Bolder',
        },
        { text: d.question, weight: 'Bolder', size: 'Medium' },
      ]),
      literal([
        { text: `${t(locale, 'decision.whoDecides')} `, weight: 'Bolder' },
        {
          text:
            named.join(', ') +
            (more > 0 ? ` ${t(locale, 'decision.moreApprovers', { count: more })}` : ''),
        },
      ]),
      literal([
        { text: `${t(locale, 'decision.askedBy')} `, weight: 'Bolder' },
        { text: clip(d.requesterName, ON_CARD.name) },
      ]),
      {
        type: 'FactSet',
        // Our own words only: fact values render Markdown.
        facts: [
          { title: t(locale, 'card.status'), value: t(locale, `decision.status.${d.status}`) },
          { title: t(locale, 'decision.rule'), value: t(locale, `decision.rule.${d.rule}`) },
          ...(d.deadline
            ? [{ title: t(locale, 'decision.deadline'), value: when(d.deadline) }]
            : []),
          ...(d.decidedAt && !pending
            ? [{ title: t(locale, 'decision.decidedAt'), value: when(d.decidedAt) }]
            : []),
        ],
      },
      ...answers,
      ...(links.length > 0 ? [{ type: 'ActionSet', actions: links }] : []),
      ...(pending && view === 'approver'
        ? [
            {
              type: 'Input.Text',
              id: 'comment',
              isMultiline: true,
              maxLength: 1000,
              placeholder: t(locale, 'decision.commentPlaceholder'),
            },
          ]
        : []),
    ],
    actions:
      pending && view === 'approver'
        ? (['approve', 'reject'] as const).map((verdict) => ({
            type: 'Action.Execute',
            title: t(locale, verdictKey(d.kind, verdict)),
            verb: VERBS.decisionAnswer,
            data: { decisionId: d.id, verdict },
            ...(verdict === 'approve' ? { style: 'positive' } : { style: 'destructive' }),
          }))
        : [
            {
              type: 'Action.Execute',
              title: t(locale, 'decision.refresh'),
              verb: VERBS.decisionRefresh,
              data: { decisionId: d.id },
            },
            ...(pending ? pendingActions(d, locale) : []),
            followUpActionForm({ locale, followUpOf: { kind: 'decision', id: d.id, ref } }),
          ],
  };
}

/**
 * What the others can do with a pending request: withdraw it (whoever asked, or the lead)
 * and, for the lead, write down a verdict an approver gave outside Teams. The server
 * refuses anyone else; the buttons are on everyone's card because Teams refreshes only
 * the approvers' view.
 */
function pendingActions(d: Decision, locale: string) {
  return [
    {
      type: 'Action.Execute',
      title: t(locale, 'decision.button.withdraw'),
      verb: VERBS.decisionWithdraw,
      data: { decisionId: d.id },
    },
    {
      type: 'Action.ShowCard',
      title: t(locale, 'decision.button.record'),
      card: {
        type: 'AdaptiveCard',
        body: [
          literal([{ text: t(locale, 'decision.record.intro') }]),
          {
            type: 'Input.ChoiceSet',
            id: 'approver',
            label: t(locale, 'decision.record.who'),
            isRequired: true,
            errorMessage: t(locale, 'decision.record.who'),
            // Names are plain text in a choice title: shown as typed.
            // The value is the approver's place in the list (approvers are only ever added).
            choices: d.approvers.map((a, i) => ({
              title: clip(a.name, ON_CARD.choice),
              value: String(i),
            })),
            value: '0',
          },
          {
            type: 'Input.ChoiceSet',
            id: 'verdict',
            style: 'expanded',
            label: t(locale, 'decision.record.verdict'),
            isRequired: true,
            errorMessage: t(locale, 'decision.record.verdict'),
            value: 'approve',
            choices: VERDICTS.map((v) => ({ title: t(locale, verdictKey(d.kind, v)), value: v })),
          },
          {
            type: 'Input.Text',
            id: 'how',
            label: t(locale, 'decision.record.how'),
            isRequired: true,
            maxLength: 200,
            placeholder: t(locale, 'decision.record.howPlaceholder'),
            errorMessage: t(locale, 'decision.record.howRequired'),
          },
          {
            type: 'Input.Text',
            id: 'comment',
            isMultiline: true,
            maxLength: 1000,
            placeholder: t(locale, 'decision.commentPlaceholder'),
          },
        ],
        actions: [
          {
            type: 'Action.Execute',
            title: t(locale, 'decision.button.record'),
            verb: VERBS.decisionRecord,
            data: { decisionId: d.id },
          },
        ],
      },
    },
  ];
}
