import { ACTION_INPUTS, VERBS } from '../../shared/cards/actions';
import { actionRef, type Action, type ActionStatus } from '../../shared/domain/action';
import { t, type MessageKey } from '../../shared/i18n';
import { formatInstant } from '../../shared/time/format';
import { clip, literal } from './literal';
import { peoplePicker } from './peoplePicker';
import type { AdaptiveCardJson } from './types';

export interface ActionCardView {
  action: Action;
  timeZone: string;
  locale: string;
  notice?: string;
}

const BUTTON: Record<ActionStatus, MessageKey> = {
  done: 'action.button.done',
  cancelled: 'action.button.cancel',
  open: 'action.button.reopen',
};
const NEXT: Record<ActionStatus, ActionStatus[]> = {
  open: ['done', 'cancelled'],
  done: ['open'],
  cancelled: ['open'],
};

/** One action: what, who, by when, its state, and the buttons that move it. */
export function actionCard({
  action: a,
  timeZone,
  locale,
  notice,
}: ActionCardView): AdaptiveCardJson {
  const when = (iso: string) => formatInstant(iso, { timeZone, locale });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      ...(notice
        ? [{ type: 'Container', style: 'emphasis', items: [literal([{ text: notice }])] }]
        : []),
      literal([
        { text: `${actionRef(a.number)} · `, weight: 'Bolder' },
        { text: a.title, weight: 'Bolder', size: 'Medium' },
      ]),
      ...(a.followUpOf
        ? [literal([{ text: t(locale, 'action.followUpOf', { ref: a.followUpOf.ref }) }])]
        : []),
      literal([
        { text: `${t(locale, 'action.owner')} `, weight: 'Bolder' },
        { text: a.owner.name },
      ]),
      {
        type: 'FactSet',
        facts: [
          { title: t(locale, 'card.status'), value: t(locale, `action.status.${a.status}`) },
          ...(a.due ? [{ title: t(locale, 'action.due'), value: when(a.due) }] : []),
        ],
      },
    ],
    actions: [
      ...NEXT[a.status].map((status) => ({
        type: 'Action.Execute',
        title: t(locale, BUTTON[status]),
        verb: VERBS.actionSetStatus,
        data: { actionId: a.id, status, version: a.version },
      })),
      ...(a.status === 'open' ? [reassign(a, locale)] : []),
    ],
  };
}

/** "Reassign": a people picker that opens under the card, and the button that submits it. */
function reassign(a: Action, locale: string) {
  return {
    type: 'Action.ShowCard',
    title: t(locale, 'action.button.reassign'),
    card: {
      type: 'AdaptiveCard',
      body: [
        peoplePicker({
          id: ACTION_INPUTS.newOwner,
          label: t(locale, 'action.reassign.pick'),
          placeholder: t(locale, 'action.form.ownerPlaceholder'),
          errorMessage: t(locale, 'action.form.ownerMissing'),
          current: a.owner,
        }),
      ],
      actions: [
        {
          type: 'Action.Execute',
          title: t(locale, 'action.reassign.confirm'),
          verb: VERBS.actionReassign,
          data: { actionId: a.id, version: a.version },
        },
      ],
    },
  };
}

/** The open actions of a war room (the reader's first), each with its Done button. */
export function actionListCard(
  actions: Action[],
  timeZone: string,
  locale: string,
): AdaptiveCardJson {
  const when = (iso: string) => formatInstant(iso, { timeZone, locale });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      literal([
        {
          text: t(locale, 'action.listTitle', { count: actions.length }),
          weight: 'Bolder',
          size: 'Medium',
        },
      ]),
      ...(actions.length === 0 ? [literal([{ text: t(locale, 'action.none') }])] : []),
      ...actions.slice(0, LIST_ON_CARD).flatMap((a) => [
        literal([
          { text: `${actionRef(a.number)} · `, weight: 'Bolder' },
          { text: clip(a.title, 120) },
          { text: ` · ${clip(a.owner.name, 48)}` },
          ...(a.due ? [{ text: ` · ${t(locale, 'action.due')} ${when(a.due)}` }] : []),
        ]),
        {
          type: 'ActionSet',
          actions: [
            {
              type: 'Action.Execute',
              title: t(locale, 'action.button.done'),
              verb: VERBS.actionSetStatus,
              data: { actionId: a.id, status: 'done', version: a.version },
            },
          ],
        },
      ]),
      ...(actions.length > LIST_ON_CARD
        ? [
            literal([
              { text: t(locale, 'action.moreInTab', { count: actions.length - LIST_ON_CARD }) },
            ]),
          ]
        : []),
    ],
  };
}

/** Actions the list card shows (the reader's first); the others are counted, in the tab. */
export const LIST_ON_CARD = 20;
