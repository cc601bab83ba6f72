import type { Person } from '../../shared/domain/person';

/**
 * Teams' people picker: an `Input.ChoiceSet` whose choices Teams fetches as the user types,
 * from the members of the conversation the card is in (`scope=currentContext`: the
 * channel, so nobody outside the team is offered). It submits the Entra object id of the
 * person picked; the server looks that id up in the team roster and trusts nothing else.
 */
export function peoplePicker(input: {
  id: string;
  label: string;
  placeholder: string;
  errorMessage: string;
  /** Shown as picked already (the current owner); needs their Entra object id. */
  current?: Person;
}) {
  const { id, label, placeholder, errorMessage, current } = input;
  const picked = current?.aadObjectId ? current : undefined;
  return {
    type: 'Input.ChoiceSet',
    id,
    label,
    placeholder,
    isRequired: true,
    errorMessage,
    choices: picked ? [{ title: picked.name, value: picked.aadObjectId }] : [],
    'choices.data': {
      type: 'Data.Query',
      dataset: 'graph.microsoft.com/users?scope=currentContext',
    },
    ...(picked ? { value: picked.aadObjectId } : {}),
  };
}
