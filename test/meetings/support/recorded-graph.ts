/** A Graph client middleware that answers from recorded responses (graph-recordings/), checking each request. */
import fs from 'node:fs';
import path from 'node:path';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

export interface Recording {
  request: { method: string; path: string };
  response: { status: number; headers: Record<string, string>; body: unknown };
}
export const recording = (name: string): Recording =>
  JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', 'graph-recordings', `${name}.json`), 'utf8'),
  ) as Recording;

/** Answers each request with the next recording, after checking it is the request the recording was made for. */
export class Recorded implements Middleware {
  readonly sent: { method: string; path: string; body: unknown }[] = [];
  constructor(readonly queue: Recording[]) {}
  async execute(context: Context): Promise<void> {
    const url = new URL(typeof context.request === 'string' ? context.request : context.request.url);
    const method = context.options?.method ?? 'GET';
    const body: unknown = context.options?.body ? JSON.parse(String(context.options.body)) : undefined;
    this.sent.push({ method, path: url.pathname, body });
    const next = this.queue.shift();
    if (!next) throw new Error(`No recording left for ${method} ${url.pathname}`);
    expect({ method, path: url.pathname }).toEqual(next.request);
    const { status, headers, body: answer } = next.response;
    context.response = new Response(answer === null ? null : JSON.stringify(answer), { status, headers });
  }
}
