import { VERBS } from '../../shared/cards/actions';
import type { DecisionKind, DecisionRule } from '../../shared/domain/decision';
import { TITLE_MAX } from '../../shared/domain/warRoom';
import { t } from '../../shared/i18n';
import { literal, noticeBlock } from './literal';
import { peoplePicker } from './peoplePicker';
import type { AdaptiveCardJson } from './types';

/** What the form holds: empty at first, what was typed when it comes back with a problem. */
export interface DecisionFormValues {
  question?: string;
  approverIds?: string;
  deadline?: string;
  rule?: DecisionRule;
  kind?: DecisionKind;
  backupId?: string;
}

/**
 * `decide` alone: a form for the same fields as the command (question, approvers picked
 * from the team, deadline in the words the command takes, rule, backup). Submitting it
 * posts the request as `decide …` would; a problem brings the form back, filled in.
 */
export function decisionFormCard(
  locale: string,
  values: DecisionFormValues = {},
  notice?: string,
): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      ...noticeBlock(notice),
      literal([{ text: t(locale, 'decision.form.title'), weight: 'Bolder', size: 'Medium' }]),
      {
        type: 'Input.Text',
        id: 'question',
        label: t(locale, 'decision.form.question'),
        isRequired: true,
        maxLength: TITLE_MAX,
        errorMessage: t(locale, 'decision.questionRequired'),
        ...(values.question ? { value: values.question } : {}),
      },
      peoplePicker({
        id: 'approverIds',
        label: t(locale, 'decision.form.approvers'),
        multiple: true,
        value: values.approverIds,
      }),
      {
        type: 'Input.Text',
        id: 'deadline',
        label: t(locale, 'decision.form.deadline'),
        maxLength: 100,
        ...(values.deadline ? { value: values.deadline } : {}),
      },
      {
        type: 'Input.ChoiceSet',
        id: 'kind',
        label: t(locale, 'decision.form.kind'),
        value: values.kind ?? 'approval',
        choices: (['approval', 'goNoGo'] as const).map((k) => ({
          title: t(locale, k === 'goNoGo' ? 'decision.kind.goNoGo' : 'decision.kind.approval'),
          value: k,
        })),
      },
      {
        type: 'Input.ChoiceSet',
        id: 'rule',
        label: t(locale, 'decision.rule'),
        value: values.rule ?? 'any',
        choices: (['any', 'all'] as const).map((r) => ({
          title: t(locale, `decision.rule.${r}`),
          value: r,
        })),
      },
      peoplePicker({
        id: 'backupId',
        label: t(locale, 'decision.form.backup'),
        required: false,
        value: values.backupId,
      }),
    ],
    actions: [
      {
        type: 'Action.Execute',
        title: t(locale, 'decision.form.submit'),
        verb: VERBS.decisionCreate,
        data: {},
      },
    ],
  };
}
