import * as client from 'openid-client';

it('loads', () => { expect(typeof client.randomState()).toBe('string'); });
