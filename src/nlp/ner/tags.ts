/**
 * BILOU tags over the four CoNLL types, and conversions between tag
 * sequences and spans. BILOU (begin, inside, last, outside, unit) is what the
 * tagger predicts; IOB1 is what CoNLL-2003 ships.
 */
export const TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type NerType = (typeof TYPES)[number];

export const TAGS: string[] = ['O', ...TYPES.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`))];
export const TAG_INDEX = new Map(TAGS.map((t, i) => [t, i]));
export const N_TAGS = TAGS.length;

export interface Span {
  /** Token indices: first, and one past the last. */
  start: number;
  end: number;
  type: NerType;
}

/** Spans of an IOB1, IOB2 or BILOU sequence, read as conlleval reads them. */
export function spansOf(tags: string[]): Span[] {
  const spans: Span[] = [];
  let cur: Span | undefined;
  tags.forEach((tag, i) => {
    const p = tag === 'O' ? 'O' : tag.slice(0, 1);
    const type = tag.slice(2) as NerType;
    const continues = cur && cur.type === type && (p === 'I' || p === 'L');
    if (continues) cur!.end = i + 1;
    else {
      if (cur) spans.push(cur);
      cur = p === 'O' ? undefined : { start: i, end: i + 1, type };
    }
    if (cur && (p === 'L' || p === 'U')) {
      spans.push(cur);
      cur = undefined;
    }
  });
  if (cur) spans.push(cur);
  return spans;
}

export function bilouOf(spans: Span[], n: number): string[] {
  const tags = new Array<string>(n).fill('O');
  for (const s of spans) {
    if (s.end - s.start === 1) tags[s.start] = `U-${s.type}`;
    else {
      tags[s.start] = `B-${s.type}`;
      for (let i = s.start + 1; i < s.end - 1; i++) tags[i] = `I-${s.type}`;
      tags[s.end - 1] = `L-${s.type}`;
    }
  }
  return tags;
}

/** IOB1 as conlleval prints it: I- everywhere, B- only where a span follows one of the same type. */
export function iob1Of(spans: Span[], n: number): string[] {
  const tags = new Array<string>(n).fill('O');
  let prevEnd = -1;
  let prevType = '';
  for (const s of spans) {
    for (let i = s.start; i < s.end; i++) tags[i] = `I-${s.type}`;
    if (s.start === prevEnd && s.type === prevType) tags[s.start] = `B-${s.type}`;
    prevEnd = s.end;
    prevType = s.type;
  }
  return tags;
}

/** Whether tag b may follow tag a in BILOU (-1 is the sentence start, N_TAGS the end). */
export function allowed(a: number, b: number): boolean {
  const pa = a < 0 ? 'O' : TAGS[a]!;
  const pb = b >= N_TAGS ? 'O' : TAGS[b]!;
  const inside = (t: string) => t.startsWith('B-') || t.startsWith('I-');
  if (inside(pa)) return (pb.startsWith('I-') || pb.startsWith('L-')) && pa.slice(2) === pb.slice(2);
  return !(pb.startsWith('I-') || pb.startsWith('L-'));
}
