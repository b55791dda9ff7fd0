/**
 * OData `$filter` as SharePoint REST takes it, for the test double: comparisons (eq ne lt le gt ge) of a field
 * with a literal, joined by `and` / `or`, grouped in parentheses. Literals: 'text' ('' escapes a quote), numbers,
 * datetime'…', true/false, 1/0 for Yes/No fields, null. No functions (substringof, startswith), no `not`, no `in`
 * (SharePoint's OData has none).
 */
export type Literal = string | number | boolean | null | { datetime: number };

export type FilterNode =
  | { kind: 'cmp'; field: string; op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'; value: Literal }
  | { kind: 'and' | 'or'; parts: FilterNode[] };

export class FilterSyntaxError extends Error {}

type Token = { t: 'id' | 'str' | 'num' | 'dt' | '(' | ')'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ t: c, v: c });
      i++;
    } else if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new FilterSyntaxError('Unterminated string literal.');
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += src[i++];
      }
      out.push({ t: 'str', v: s });
    } else if (/[-\d]/.test(c)) {
      const m = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(src.slice(i));
      if (!m) throw new FilterSyntaxError(`Unexpected "${c}".`);
      out.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      i += m[0].length;
      if (m[0].toLowerCase() === 'datetime' && src[i] === "'") {
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new FilterSyntaxError('Unterminated datetime literal.');
        out.push({ t: 'dt', v: src.slice(i + 1, end) });
        i = end + 1;
      } else out.push({ t: 'id', v: m[0] });
    } else throw new FilterSyntaxError(`Unexpected "${c}".`);
  }
  return out;
}

const OPS = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);

export function parseFilter(src: string): FilterNode {
  const tokens = tokenize(src);
  let pos = 0;
  const peekWord = () => (tokens[pos]?.t === 'id' ? tokens[pos]!.v.toLowerCase() : undefined);
  const expr = (): FilterNode => {
    const parts = [conj()];
    while (peekWord() === 'or') {
      pos++;
      parts.push(conj());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'or', parts };
  };
  const conj = (): FilterNode => {
    const parts = [primary()];
    while (peekWord() === 'and') {
      pos++;
      parts.push(primary());
    }
    return parts.length === 1 ? parts[0]! : { kind: 'and', parts };
  };
  const primary = (): FilterNode => {
    const tok = tokens[pos];
    if (!tok) throw new FilterSyntaxError('The filter ends too early.');
    if (tok.t === '(') {
      pos++;
      const inner = expr();
      if (tokens[pos]?.t !== ')') throw new FilterSyntaxError('A parenthesis is not closed.');
      pos++;
      return inner;
    }
    if (tok.t !== 'id') throw new FilterSyntaxError(`Expected a field name, found "${tok.v}".`);
    const opTok = tokens[pos + 1];
    const op = opTok?.t === 'id' ? opTok.v.toLowerCase() : '';
    if (!OPS.has(op)) throw new FilterSyntaxError(`Unsupported operator "${opTok?.v ?? ''}" after ${tok.v}.`);
    pos += 2;
    return { kind: 'cmp', field: tok.v, op: op as 'eq', value: literal() };
  };
  const literal = (): Literal => {
    const tok = tokens[pos++];
    if (!tok) throw new FilterSyntaxError('A comparison lacks its value.');
    if (tok.t === 'str') return tok.v;
    if (tok.t === 'num') return Number(tok.v);
    if (tok.t === 'dt') {
      const ms = Date.parse(tok.v);
      if (Number.isNaN(ms)) throw new FilterSyntaxError(`"${tok.v}" is not a date and time.`);
      return { datetime: ms };
    }
    if (tok.t === 'id') {
      const w = tok.v.toLowerCase();
      if (w === 'null') return null;
      if (w === 'true' || w === 'false') return w === 'true';
    }
    throw new FilterSyntaxError(`"${tok.v}" is not a value.`);
  };
  const tree = expr();
  if (pos !== tokens.length) throw new FilterSyntaxError(`Unexpected "${tokens[pos]!.v}".`);
  return tree;
}

/** Every field a filter names, in the order it names them. */
export function fieldsOf(node: FilterNode): string[] {
  return node.kind === 'cmp' ? [node.field] : node.parts.flatMap(fieldsOf);
}

/**
 * The clause SharePoint narrows by first: the leftmost operand of the top-level `and`, together with the
 * operands right after it on the same one field (a range, `QueueKey ge a and QueueKey lt b`, is one index seek).
 */
export function firstClause(node: FilterNode): FilterNode {
  if (node.kind !== 'and') return node;
  const first = node.parts[0]!;
  const field = singleField(first);
  if (!field) return first;
  const run = [first];
  for (const p of node.parts.slice(1)) {
    if (singleField(p) !== field) break;
    run.push(p);
  }
  return run.length === 1 ? first : { kind: 'and', parts: run };
}

const singleField = (node: FilterNode): string | undefined => {
  const names = new Set(fieldsOf(node).map((n) => n.toLowerCase()));
  return names.size === 1 ? [...names][0] : undefined;
};
