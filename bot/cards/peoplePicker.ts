/**
 * A people picker: Teams fills its choices from the members of the current conversation
 * (`scope=currentContext`) and submits the chosen person's Entra object id under `id`
 * (comma-separated when `multiple`). The server resolves ids through the team roster.
 */
export function peoplePicker(id: string, placeholder: string, multiple = false) {
  return {
    type: 'Input.ChoiceSet',
    id,
    placeholder,
    isRequired: true,
    choices: [],
    'choices.data': {
      type: 'Data.Query',
      dataset: 'graph.microsoft.com/users?scope=currentContext',
    },
    ...(multiple ? { isMultiSelect: true } : {}),
  };
}
