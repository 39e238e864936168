import type { SnippetPart } from './model';

/** A search snippet: plain text with the matched words in <mark> (never HTML from the server). */
export function Snippet({ parts }: { parts: SnippetPart[] }) {
  return <>{parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
