import type { Person } from '../../shared/domain/person';

/**
 * Teams' people picker: an `Input.ChoiceSet` whose choices Teams fetches as the user types,
 * from the members of the conversation the card is in (`scope=currentContext`: the
 * channel, so nobody outside the team is offered). It submits the Entra object ids of the
 * people picked (comma-separated when several may be); the server looks them up in the
 * team roster and trusts nothing else.
 */
export function peoplePicker(input: {
  id: string;
  label: string;
  placeholder?: string;
  /** Shown when a required picker is left empty; the label by default. */
  errorMessage?: string;
  required?: boolean;
  multiple?: boolean;
  /** Shown as picked already (the current owner); needs their Entra object id. */
  current?: Person;
  /** Ids picked already (a form shown again), as the picker submitted them. */
  value?: string;
}) {
  const { id, label, placeholder, required = true, multiple = false, current, value } = input;
  const picked = current?.aadObjectId ? current : undefined;
  return {
    type: 'Input.ChoiceSet',
    id,
    label,
    ...(placeholder ? { placeholder } : {}),
    isRequired: required,
    ...(required ? { errorMessage: input.errorMessage ?? label } : {}),
    choices: picked ? [{ title: picked.name, value: picked.aadObjectId }] : [],
    'choices.data': {
      type: 'Data.Query',
      dataset: 'graph.microsoft.com/users?scope=currentContext',
    },
    ...(multiple ? { isMultiSelect: true } : {}),
    ...(picked ? { value: picked.aadObjectId } : value ? { value } : {}),
  };
}
