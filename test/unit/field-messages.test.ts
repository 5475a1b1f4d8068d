import { z } from 'zod';
import { fieldMessage } from '../../src/shared/field-messages';
import { translate } from '../../src/shared/languages';

// zod's own English, for a field whose schema gives no message, reaches the reader in their language.
describe('a field message in the reader’s language', () => {
  const zodMessage = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues[0]!.message;

  it('says what zod found in Swedish and Danish, with the limit', () => {
    const sv = translate('sv', 'staff');
    const da = translate('da', 'staff');
    expect(fieldMessage(sv, zodMessage(z.string().max(200), 'x'.repeat(201)))).toBe('Använd högst 200 tecken');
    expect(fieldMessage(da, zodMessage(z.string().min(3), 'x'))).toBe('Brug mindst 3 tegn');
    expect(fieldMessage(sv, zodMessage(z.number().int().max(90), 91))).toBe('Ange 90 eller mindre');
    expect(fieldMessage(da, zodMessage(z.enum(['a', 'b']), 'c'))).toBe('Vælg en af mulighederne på listen');
    expect(fieldMessage(translate('en', 'staff'), zodMessage(z.coerce.number(), 'abc'))).toBe('Enter a number');
  });

  it('translates a catalogue key and leaves any other text as it is', () => {
    const sv = translate('sv', 'staff');
    expect(fieldMessage(sv, 'account.errors.emailTaken')).toBe('En annan användare har den här e-postadressen');
    expect(fieldMessage(sv, 'Answer: How satisfied are you?')).toBe('Answer: How satisfied are you?');
    // A respondent's catalogue has no staff keys: zod's words stay rather than a bare key.
    expect(fieldMessage(translate('sv', 'respondent'), zodMessage(z.string().max(5), 'too long'))).toBe('Too big: expected string to have <=5 characters');
  });
});
