/**
 * Parsing markup into a tree whose depth is capped. Real pages nest a few
 * dozen levels; a hostile one opens 100,000 elements, and then both
 * htmlparser2's open-element stack (an array shifted at its front: quadratic
 * in the depth) and every walk of the tree (ours and domutils', recursive)
 * blow up. An element that would open past MAX_DEPTH is made void: it stays
 * in the tree, empty, and its content goes to its parent, so the text is
 * kept and the work stays linear in the page's size.
 */
import { DomHandler, type Document } from 'domhandler';
import { Parser, type ParserOptions } from 'htmlparser2';

export const MAX_DEPTH = 200;

/** Counts the elements open now (htmlparser2 closes every element it opened, explicitly or implied). */
class DepthHandler extends DomHandler {
  depth = 0;
  override onopentag(name: string, attribs: Record<string, string>): void {
    this.depth++;
    super.onopentag(name, attribs);
  }
  override onclosetag(): void {
    this.depth--;
    super.onclosetag();
  }
}

/**
 * htmlparser2 asks isVoidElement (its documented extension point) twice for
 * each opening tag (whether to push it, then whether to close it at once)
 * and once for each closing tag; the answer for an opening tag is fixed at
 * its first question.
 */
class CappedParser extends Parser {
  private opening: 'no' | 'asked-push' | 'asked-close' = 'no';
  private dropped = false;

  constructor(
    private readonly counter: DepthHandler,
    options: ParserOptions,
  ) {
    super(counter, options);
  }

  override onopentagname(start: number, endIndex: number): void {
    this.opening = 'asked-push';
    super.onopentagname(start, endIndex);
  }

  protected override isVoidElement(name: string): boolean {
    const base = super.isVoidElement(name);
    if (this.opening === 'no') return base;
    if (this.opening === 'asked-push') {
      this.dropped = !base && name !== '' && this.counter.depth >= MAX_DEPTH;
      this.opening = 'asked-close';
    } else this.opening = 'no';
    return base || this.dropped;
  }
}

export function parseCapped(text: string, options: ParserOptions): Document {
  const handler = new DepthHandler(undefined, { xmlMode: options.xmlMode ?? false });
  new CappedParser(handler, options).end(text);
  return handler.root;
}
