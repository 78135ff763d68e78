/** Text with [start, end) ranges marked: rendered as text nodes and <mark>, never as markup. */
export function Highlighted({ text, ranges }: { text: string; ranges: ReadonlyArray<readonly [number, number] | number[]> }) {
  const out: React.ReactNode[] = [];
  let at = 0;
  const sorted = [...ranges].sort((a, b) => a[0]! - b[0]!);
  sorted.forEach(([s, e], i) => {
    if (s! < at) return;
    if (s! > at) out.push(text.slice(at, s));
    out.push(<mark key={i}>{text.slice(s, e)}</mark>);
    at = e!;
  });
  if (at < text.length) out.push(text.slice(at));
  return <>{out}</>;
}
