import { parseCommand } from '../../shared/commands/parse';
import { parseTag, TAG_IDENTITIES_MAX } from '../../shared/commands/tag';

describe('tag, untag and import in every language', () => {
  test.each(['tag', 'mærk', 'label', 'étiqueter', 'Etiqueter'])('"%s" tags', (word) => {
    expect(parseCommand(`${word} lab a@b.dk`)).toEqual({
      kind: 'tag',
      remove: false,
      text: 'lab a@b.dk',
    });
  });
  test.each(['untag', 'afmærk', 'ontlabel', 'désétiqueter'])('"%s" untags', (word) => {
    expect(parseCommand(`${word} lab a@b.dk`)).toMatchObject({ kind: 'tag', remove: true });
  });
  test.each(['import', 'importer', 'importeer'])('"%s" asks how to import', (word) => {
    expect(parseCommand(word)).toEqual({ kind: 'import' });
  });
});

describe('reading a tag command', () => {
  test('the tag in lower case, then addresses split by spaces, commas or semicolons, once each', () => {
    expect(parseTag('Lab-Results Anna@Contoso.com, bo@contoso.com;anna@contoso.com')).toEqual({
      tag: 'lab-results',
      identities: ['anna@contoso.com', 'bo@contoso.com'],
    });
  });
  test('an identity without @ is kept as written (a tool identifier)', () => {
    expect(parseTag('vip MBX-0042')).toEqual({ tag: 'vip', identities: ['MBX-0042'] });
  });
  test.each([
    ['', 'tag.usage'],
    ['lab-results', 'tag.usage'],
    ['lab/results a@b.dk', 'tag.invalidTag'],
    [`${'x'.repeat(51)} a@b.dk`, 'tag.invalidTag'],
    ['lab a@', 'tag.invalidIdentity'],
    [
      `lab ${Array.from({ length: TAG_IDENTITIES_MAX + 1 }, (_, i) => `u${i}@b.dk`).join(' ')}`,
      'tag.tooMany',
    ],
  ])('"%s" is refused with %s', (text, problem) => {
    expect(parseTag(text)).toMatchObject({ problem });
  });
});
