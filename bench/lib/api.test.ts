import { describe, expect, it } from 'vitest';
import { parsePrometheus } from './api.ts';

describe('parsePrometheus', () => {
  it('reads unlabelled samples and skips comments and labelled ones', () => {
    const text = [
      '# HELP st_process_process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE st_process_process_resident_memory_bytes gauge',
      'st_process_process_resident_memory_bytes 152236032',
      'st_streams_connected{transport="websocket"} 3',
      'st_process_process_cpu_seconds_total 1.25 1700000000000',
    ].join('\n');
    const samples = parsePrometheus(text);
    expect(samples.get('st_process_process_resident_memory_bytes')).toBe(152236032);
    expect(samples.get('st_process_process_cpu_seconds_total')).toBe(1.25);
    expect(samples.has('st_streams_connected')).toBe(false);
  });
});
