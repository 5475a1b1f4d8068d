export function apiReferenceOf(_d: unknown) { return {}; }
