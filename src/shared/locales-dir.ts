// A module of its own so a test can point the catalogue at another folder (test/http/fourth-language).
export { LOCALES_DIR } from '../paths';
