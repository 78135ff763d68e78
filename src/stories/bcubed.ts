/**
 * B-cubed precision, recall and F1 of a clustering against gold labels
 * (Bagga & Baldwin 1998; Amigó et al. 2009): per item, the share of its
 * cluster that shares its gold label, and the share of its gold class that
 * shares its cluster, averaged over items.
 */
export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
  items: number;
}

export function bcubed(predicted: Map<string, string>, gold: Map<string, string>): BCubed {
  const items = [...gold.keys()].filter((k) => predicted.has(k));
  const members = (m: Map<string, string>) => {
    const by = new Map<string, string[]>();
    for (const k of items) {
      const c = m.get(k)!;
      let l = by.get(c);
      if (!l) by.set(c, (l = []));
      l.push(k);
    }
    return by;
  };
  const pc = members(predicted);
  const gc = members(gold);
  let p = 0;
  let r = 0;
  for (const k of items) {
    const cluster = pc.get(predicted.get(k)!)!;
    const cls = gc.get(gold.get(k)!)!;
    const both = cluster.filter((x) => gold.get(x) === gold.get(k)).length;
    p += both / cluster.length;
    r += both / cls.length;
  }
  const precision = items.length ? p / items.length : 0;
  const recall = items.length ? r / items.length : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, items: items.length };
}
