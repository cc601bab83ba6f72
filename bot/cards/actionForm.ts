import { ACTION_INPUTS, VERBS } from '../../shared/cards/actions';
import type { FollowUpOf } from '../../shared/domain/action';
import { t } from '../../shared/i18n';
import { literal } from './literal';
import { peoplePicker } from './peoplePicker';
import type { AdaptiveCardJson } from './types';

export interface ActionFormView {
  locale: string;
  /** The incident or decision the new action follows up. */
  followUpOf?: FollowUpOf;
  /** What was typed before (the form shown again with `notice`). */
  values?: { title?: string; due?: string };
  /** Why the last submission did not create the action. */
  notice?: string;
}

/** The inputs and the submit button of the action form, wherever it is shown. */
function form({ locale, followUpOf, values = {} }: ActionFormView) {
  return {
    body: [
      {
        type: 'Input.Text',
        id: ACTION_INPUTS.title,
        label: t(locale, 'action.form.what'),
        placeholder: t(locale, 'action.form.whatPlaceholder'),
        isRequired: true,
        errorMessage: t(locale, 'action.form.titleMissing'),
        maxLength: 200,
        ...(values.title ? { value: values.title } : {}),
      },
      peoplePicker({
        id: ACTION_INPUTS.owner,
        label: t(locale, 'action.form.owner'),
        placeholder: t(locale, 'action.form.ownerPlaceholder'),
        errorMessage: t(locale, 'action.form.ownerMissing'),
      }),
      // Words, as after "due" in the command ("23:00", "tomorrow 8:00", "in 2h"): read in the
      // war room's zone by the same parser, with the same questions on a daylight-saving night.
      {
        type: 'Input.Text',
        id: ACTION_INPUTS.due,
        label: t(locale, 'action.form.due'),
        placeholder: t(locale, 'action.form.duePlaceholder'),
        maxLength: 100,
        ...(values.due ? { value: values.due } : {}),
      },
    ],
    actions: [
      {
        type: 'Action.Execute',
        title: t(locale, 'action.form.submit'),
        verb: VERBS.actionCreate,
        // Ids only: the server finds the incident or decision and its ref itself.
        data: followUpOf ? { followUp: { kind: followUpOf.kind, id: followUpOf.id } } : {},
      },
    ],
  };
}

/** `action` alone: the form as a card of its own in the channel. */
export function actionFormCard(view: ActionFormView): AdaptiveCardJson {
  const { body, actions } = form(view);
  const heading = view.followUpOf
    ? t(view.locale, 'action.form.followUpTitle', { ref: view.followUpOf.ref })
    : t(view.locale, 'action.form.title');
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      literal([{ text: heading, weight: 'Bolder', size: 'Medium' }]),
      ...(view.notice
        ? [{ type: 'Container', style: 'emphasis', items: [literal([{ text: view.notice }])] }]
        : []),
      ...body,
    ],
    actions,
  };
}

/**
 * The "Follow-up action" button for an incident or decision card: the same form, opened
 * under the card. The action it creates records `followUpOf` and its card says so.
 */
export function followUpActionForm({
  locale,
  followUpOf,
}: {
  locale: string;
  followUpOf?: FollowUpOf;
}): Record<string, unknown> & { type: 'Action.ShowCard' } {
  const { body, actions } = form({ locale, followUpOf });
  return {
    type: 'Action.ShowCard',
    title: t(locale, 'action.form.button'),
    card: {
      type: 'AdaptiveCard',
      body: [
        ...(followUpOf
          ? [literal([{ text: t(locale, 'action.form.followUpTitle', { ref: followUpOf.ref }) }])]
          : []),
        ...body,
      ],
      actions,
    },
  };
}
