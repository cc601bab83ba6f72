import { parseTag, TAG_IDENTITIES_MAX } from '../../../shared/commands/tag';
import { t } from '../../../shared/i18n';
import { LIMITS } from '../../../shared/migration/types';
import type { TagResult } from '../../services/tags';
import { bindingOf } from '../activity';
import { plainText, replyTo } from '../replies';
import { answer, type Handler } from './types';

/** Unknown identities a reply lists by name; the rest are counted. */
const LISTED_UNKNOWN = 20;

/** `tag <tag> <mailboxes…>` / `untag …`: one change, one audit entry, one answer with counts. */
export const onTag: Handler<'tag'> = async (turn, command) => {
  const { context, deps, actor, locale, delivery } = turn;
  const request = parseTag(command.text);
  if ('problem' in request) {
    return answer(
      turn,
      t(locale, request.problem, {
        max: request.problem === 'tag.tooMany' ? TAG_IDENTITIES_MAX : LIMITS.tagChars,
        value: request.value ?? '',
      }),
    );
  }
  const { channelId } = bindingOf(context.activity, actor.tenantId);
  await deps.tags.apply(
    actor,
    { channelId },
    { ...request, remove: command.remove },
    {
      delivery,
      messages: (result) => [replyTo(context.activity, plainText(tagAnswer(locale, result)))],
    },
  );
};

function tagAnswer(locale: string, r: TagResult): string {
  const lines = [
    t(locale, r.remove ? 'tag.removed' : 'tag.added', { count: r.changed, tag: r.tag }),
  ];
  if (r.unchanged > 0) {
    lines.push(t(locale, r.remove ? 'tag.hadNot' : 'tag.hadAlready', { count: r.unchanged }));
  }
  if (r.unknown.length > 0) {
    const listed = r.unknown.slice(0, LISTED_UNKNOWN).join(', ');
    const more = r.unknown.length - LISTED_UNKNOWN;
    lines.push(
      t(locale, 'tag.unknown', {
        count: r.unknown.length,
        identities: more > 0 ? `${listed} ${t(locale, 'tag.andMore', { count: more })}` : listed,
      }),
    );
  }
  return lines.join('\n');
}
