import { describe, expect, it } from 'vitest';
import { LogBuffer, cleanLine } from './log-buffer.js';

const texts = (buffer: LogBuffer): string[] => buffer.lines.map((line) => line.text);

describe('LogBuffer', () => {
  it('joins lines split across chunks and keeps the unfinished one back', () => {
    const buffer = new LogBuffer();
    buffer.append({ stream: 'stdout', text: 'GET / 2' });
    buffer.append({ stream: 'stdout', text: '00\nGET /health 200\nGET /a' });
    expect(texts(buffer)).toEqual(['GET / 200', 'GET /health 200']);
    buffer.end();
    expect(texts(buffer)).toEqual(['GET / 200', 'GET /health 200', 'GET /a']);
  });

  it('keeps stdout and stderr apart while each waits for its newline', () => {
    const buffer = new LogBuffer();
    buffer.append({ stream: 'stdout', text: 'out-' });
    buffer.append({ stream: 'stderr', text: 'err\n' });
    buffer.append({ stream: 'stdout', text: 'done\n' });
    expect(buffer.lines.map((line) => `${line.stream}:${line.text}`)).toEqual(['stderr:err', 'stdout:out-done']);
  });

  it('keeps only the newest lines after a commit, counting what it dropped', () => {
    const buffer = new LogBuffer(3);
    buffer.append({ stream: 'stdout', text: '1\n2\n3\n4\n5\n' });
    expect(buffer.lines).toHaveLength(5);
    buffer.commit();
    expect(texts(buffer)).toEqual(['3', '4', '5']);
    expect(buffer.dropped).toBe(2);
    expect(buffer.lines[0]?.seq).toBe(3);
  });

  it('caps 50,000 lines at 10,000 by default', () => {
    const buffer = new LogBuffer();
    for (let i = 0; i < 50; i++)
      buffer.append({
        stream: 'stdout',
        text: Array.from({ length: 1000 }, (_, j) => `line ${i * 1000 + j}\n`).join(''),
      });
    buffer.commit();
    expect(buffer.lines).toHaveLength(10_000);
    expect(buffer.lines.at(-1)?.text).toBe('line 49999');
  });
});

describe('cleanLine', () => {
  it('strips colours, OSC titles and CRLF endings', () => {
    expect(cleanLine('\u001b[32mINFO\u001b[0m ready\r')).toBe('INFO ready');
    expect(cleanLine('\u001b]0;title\u0007prompt')).toBe('prompt');
  });

  it('shows the final state of a line redrawn with carriage returns (progress bars)', () => {
    expect(cleanLine('10%\r50%\r100%')).toBe('100%');
  });
});
