// markdown-it ships no types and @types/markdown-it is not installed: the little the peer uses.
declare module 'markdown-it' {
  namespace MarkdownIt {
    interface Token {
      readonly type: string;
      readonly markup: string;
      readonly content: string;
      readonly map: number[] | null;
      readonly children: Token[] | null;
    }
    interface Options {
      html?: boolean;
    }
  }
  class MarkdownIt {
    constructor(options?: MarkdownIt.Options);
    parse(src: string, env: object): MarkdownIt.Token[];
  }
  export = MarkdownIt;
}
