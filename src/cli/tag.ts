/** `newslens tag`: entities and figures of a text, or CoNLL columns for scoring. */
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { analyse, annotate, defaultTagger } from '../nlp/annotate.js';
import { iob1Of } from '../nlp/ner/tags.js';
import type { Figure } from '../model.js';
import { printJson, table, UsageError } from './common.js';
import { commandFor } from './commands.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function describeFigure(f: Figure): string {
  const v = f.value === null ? '(unresolved)' : String(f.value);
  const range = f.max !== undefined ? `–${f.max}` : '';
  return [f.qualifier, `${v}${range}`, f.unit, f.item].filter(Boolean).join(' ');
}

export function registerTag(program: Command): void {
  commandFor(program, 'tag')
    .argument('[text]', 'the text itself, or a file to read; stdin when absent')
    .option('--conll', 'input is CoNLL (token per line, first column the token); output appends the predicted tag')
    .option('--published <date>', 'resolve relative dates against this day (YYYY-MM-DD)')
    .option('--json', 'print JSON')
    .action(async (arg: string | undefined, flags: { conll?: boolean; published?: string; json?: boolean }) => {
      const input = arg === undefined || arg === '-' ? await readStdin() : existsSync(arg) ? readFileSync(arg, 'utf8') : arg;
      if (flags.conll) {
        process.stdout.write(tagConllLines(input));
        return;
      }
      if (!input.trim()) throw new UsageError('nothing to tag: give a text, a file, or pipe text to stdin');
      if (flags.published && !/^\d{4}-\d{2}-\d{2}$/.test(flags.published)) throw new UsageError(`--published expects YYYY-MM-DD, got "${flags.published}"`);
      const text = input;
      const sections = [{ kind: 'body' as const, start: 0, end: text.length }];
      const { mentions, figures } = annotate({ text, sections, ...(flags.published ? { published: flags.published } : {}) }, defaultTagger());
      const entities = mentions.map((m) => ({ ...m, text: text.slice(m.start, m.end) }));
      const figs = figures.map((f) => ({ ...f, text: text.slice(f.start, f.end) }));
      if (flags.json) return printJson({ tokens: analyse(text, sections).tokens.length, entities, figures: figs });
      const lines: string[] = [];
      if (entities.length) lines.push('Entities:', table(entities.map((e) => [e.type, e.text, `${e.start}-${e.end}`])).replace(/^/gm, '  '));
      if (figs.length) lines.push('Figures:', table(figs.map((f) => [f.kind, f.text, describeFigure(f)])).replace(/^/gm, '  '));
      process.stdout.write((lines.length ? lines.join('\n') : 'No entities or figures found.') + '\n');
    });
}

/** CoNLL tagging line by line: every input line kept, the tag appended to token lines. */
export function tagConllLines(input: string): string {
  const tagger = defaultTagger();
  const lines = input.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    // One document: up to the next -DOCSTART- line.
    let j = i + 1;
    while (j < lines.length && !lines[j]!.startsWith('-DOCSTART-')) j++;
    const docLines = lines.slice(i, j);
    const sentences: Array<{ tokens: string[]; at: number[] }> = [];
    let cur: { tokens: string[]; at: number[] } | undefined;
    docLines.forEach((l, k) => {
      if (l.startsWith('-DOCSTART-') || !l.trim()) {
        cur = undefined;
        return;
      }
      if (!cur) sentences.push((cur = { tokens: [], at: [] }));
      cur.tokens.push(l.trim().split(/\s+/)[0]!);
      cur.at.push(k);
    });
    const tagsAt = new Map<number, string>();
    tagger.tagDocument(sentences.map((s) => s.tokens)).forEach((spans, s) => {
      const tags = iob1Of(spans, sentences[s]!.tokens.length);
      sentences[s]!.at.forEach((k, t) => tagsAt.set(k, tags[t]!));
    });
    docLines.forEach((l, k) => out.push(tagsAt.has(k) ? `${l.replace(/\s+$/, '')} ${tagsAt.get(k)}` : l));
    i = j;
  }
  return out.join('\n') + '\n';
}
