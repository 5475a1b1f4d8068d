const TOUCHPOINT_LABELS: Record<string, string> = {
  ordering: 'Ordering',
  delivery: 'Delivery',
  invoicing: 'Invoicing',
  support: 'Support',
  pace: 'Pace',
  reliability: 'Reliability',
  care: 'Care',
};

/** A touchpoint's name on staff pages: the shipped ones named, any other key read as words. */
export function touchpointLabel(key: string): string {
  const words = key.replace(/[_-]/g, ' ');
  return TOUCHPOINT_LABELS[key] ?? words.charAt(0).toUpperCase() + words.slice(1);
}
