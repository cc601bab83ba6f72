/**
 * A people picker: Teams fills its choices from the members of the current conversation
 * (`scope=currentContext`) and submits the chosen people's Entra object ids under `id`
 * (comma-separated when several may be chosen). The server resolves them through the
 * team roster, so a forged id names no one.
 */
export function peoplePicker(
  id: string,
  label: string,
  {
    multiple = false,
    required = true,
    value,
    errorMessage = label,
  }: { multiple?: boolean; required?: boolean; value?: string; errorMessage?: string } = {},
) {
  return {
    type: 'Input.ChoiceSet',
    id,
    label,
    isRequired: required,
    ...(required ? { errorMessage } : {}),
    choices: [],
    'choices.data': {
      type: 'Data.Query',
      dataset: 'graph.microsoft.com/users?scope=currentContext',
    },
    ...(multiple ? { isMultiSelect: true } : {}),
    ...(value ? { value } : {}),
  };
}
