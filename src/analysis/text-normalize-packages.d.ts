// The two text packages ship no types; only what text-normalize.ts uses is declared.
declare module 'snowball-stemmers' {
  interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(algorithm: string): Stemmer;
  export function algorithms(): string[];
}

declare module 'stopword' {
  const lists: Record<string, readonly string[] | undefined>;
  export = lists;
}
