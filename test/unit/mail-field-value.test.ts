import { batchFieldValue, fieldValue, TOKEN_MARKER, withoutPlaceholders } from '../../src/mail/mail';

// A typed name is filled into a shared mail text; it must never fill in anything itself.
describe('withoutPlaceholders', () => {
  it('leaves a value without braces or the token marker as it is', () => {
    expect(withoutPlaceholders('Acme {AB} [pds] Ltd')).toBe('Acme {AB} [pds] Ltd');
  });

  it('removes double braces and the token marker, also a pair the marker hid', () => {
    expect(withoutPlaceholders('{{name}} Ltd')).toBe('name Ltd');
    expect(withoutPlaceholders('Acme }} Ltd')).toBe('Acme  Ltd');
    expect(withoutPlaceholders(`see ${TOKEN_MARKER} here`)).toBe('see  here');
    expect(withoutPlaceholders(`{${TOKEN_MARKER}{x}${TOKEN_MARKER}}`)).toBe('x');
  });
});

describe('batchFieldValue', () => {
  it('gives what fieldValue gives, for repeated and distinct values', () => {
    const field = batchFieldValue();
    const values = ['Acme\nLtd', '{{x}} Corp', 'Acme\nLtd', 'Plain', `${TOKEN_MARKER}Co`, '{{x}} Corp'];
    expect(values.map(field)).toEqual(values.map(fieldValue));
    expect(values.map(field)).toEqual(['Acme Ltd', 'x Corp', 'Acme Ltd', 'Plain', 'Co', 'x Corp']);
  });
});
