/**
 * An incremental reader of one JSON document that is an array of objects: text goes in piece by
 * piece, complete elements come out as soon as their closing brace arrives, so a file of a
 * million rows never sits in memory — only the element being read. Each element's text is
 * handed to JSON.parse; this class only finds where elements begin and end (strings and escapes
 * included) and checks the array's own punctuation.
 */
export class JsonArrayError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'JsonArrayError';
  }
}

export interface JsonElement {
  value: Record<string, unknown>;
  /** The line the element starts on (1-based). */
  line: number;
}

type State = 'start' | 'before_element' | 'after_element' | 'element' | 'done';

export class JsonArrayReader {
  private state: State = 'start';
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private size = 0;
  private elementLine = 1;
  private sawElement = false;

  constructor(private readonly maxElementChars = 1_048_576) {}

  private fail(message: string): never {
    throw new JsonArrayError(message, this.line);
  }

  /** Feeds the next piece of text; returns the elements completed by it. */
  push(text: string): JsonElement[] {
    const out: JsonElement[] = [];
    let start = -1; // where the current element's text begins in this piece
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string;
      if (ch === '\n') this.line++;
      if (this.state === 'element') {
        if (start < 0) start = i;
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (ch === '\\') this.escaped = true;
          else if (ch === '"') this.inString = false;
          continue;
        }
        if (ch === '"') this.inString = true;
        else if (ch === '{' || ch === '[') this.depth++;
        else if (ch === '}' || ch === ']') {
          this.depth--;
          if (this.depth === 0) {
            this.take(text.slice(start, i + 1));
            out.push(this.finishElement());
            start = -1;
          }
        }
        continue;
      }
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\uFEFF') continue;
      if (this.structural(ch)) {
        start = i;
        this.elementLine = this.line;
      }
    }
    if (this.state === 'element' && start >= 0) this.take(text.slice(start));
    return out;
  }

  /** Call at the end of the input: the array must be closed. */
  end(): void {
    if (this.state === 'start') this.fail('the file is empty: expected a JSON array of objects');
    if (this.state !== 'done') this.fail('the file ends inside the array: expected "]"');
  }

  /** Punctuation between elements; true when `ch` begins an element. */
  private structural(ch: string): boolean {
    switch (this.state) {
      case 'start':
        if (ch !== '[') this.fail('expected a JSON array of objects ("[" first)');
        this.state = 'before_element';
        return false;
      case 'before_element':
        if (ch === ']' && !this.sawElement) this.state = 'done';
        else if (ch === '{') {
          this.beginElement();
          return true;
        } else this.fail('each element of the array must be an object ("{")');
        return false;
      case 'after_element':
        if (ch === ',') this.state = 'before_element';
        else if (ch === ']') this.state = 'done';
        else this.fail('expected "," or "]" after an element');
        return false;
      default:
        this.fail('unexpected text after the end of the array');
    }
  }

  private beginElement(): void {
    this.state = 'element';
    this.depth = 1;
    this.parts = [];
    this.size = 0;
    this.sawElement = true;
  }

  private take(piece: string): void {
    this.size += piece.length;
    if (this.size > this.maxElementChars)
      this.fail(`an element is longer than ${this.maxElementChars} characters`);
    this.parts.push(piece);
  }

  private finishElement(): JsonElement {
    const text = this.parts.join('');
    this.parts = [];
    this.state = 'after_element';
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // Not JSON.parse's message: newer engines quote the text, which may hold a personnummer.
      throw new JsonArrayError('an element is not valid JSON', this.elementLine);
    }
    return { value: value as Record<string, unknown>, line: this.elementLine };
  }
}
