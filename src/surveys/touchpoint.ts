import type { Translate } from '../shared/languages';

// The staff catalogue's key for each shipped touchpoint's name (locales/<lang>/staff.json, labels.touchpoint).
const TOUCHPOINT_LABELS: Record<string, string> = {
  ordering: 'labels.touchpoint.ordering',
  delivery: 'labels.touchpoint.delivery',
  invoicing: 'labels.touchpoint.invoicing',
  support: 'labels.touchpoint.support',
  pace: 'labels.touchpoint.pace',
  reliability: 'labels.touchpoint.reliability',
  care: 'labels.touchpoint.care',
};

/** The touchpoints the product names, in the order menus offer them. */
export const NAMED_TOUCHPOINTS: readonly string[] = Object.keys(TOUCHPOINT_LABELS);

/** A touchpoint's name on staff pages, in the reader's language: the shipped ones named, any other key read as words. */
export function touchpointLabel(key: string, t: Translate): string {
  const label = TOUCHPOINT_LABELS[key];
  if (label) return t(label);
  const words = key.replace(/[_-]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
