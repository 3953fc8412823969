declare module 'talisman/phonetics/german/cologne' {
  /** Kölner Phonetik: the German sound code of a name, e.g. 'Stephan' → '8236'. */
  export default function cologne(name: string): string;
}
