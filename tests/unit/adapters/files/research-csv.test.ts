import { describe, expect, it } from 'vitest';
import { researchCsv, researchCsvHeader } from '../../../../src/adapters/files/research-csv';
import type { ResearchRow } from '../../../../src/core/clients/research-rows';

const row: ResearchRow = {
  participant: 'P02',
  courseWeek: 3,
  plannedWeek: 3,
  plannedRun: 1,
  supervised: true,
  dayOffset: 15,
  kind: 'run',
  durationS: 1815,
  activeMin: 30.25,
  averageHeartRateBpm: 127.46,
  maxHeartRateBpm: 141,
  belowZonePct: 10.04,
  inZonePct: 84.96,
  aboveZonePct: 5,
  rmssdMs: 23.456,
  lnRmssd: Math.log(23.456),
  sdnnMs: 40.05,
  pnn50Pct: 3.33,
  artifactPct: 0.4,
  feelingBefore: -1,
  arousalBefore: 4,
  feelingAfter: 3,
  arousalAfter: 2,
  exertion: 5,
};

describe('the research CSV', () => {
  it('writes the documented header, then one row a session with "." decimals and CRLF', () => {
    const csv = researchCsv([
      row,
      {
        participant: 'P01',
        courseWeek: 0,
        supervised: false,
        dayOffset: -4,
        kind: 'resting',
        durationS: 300,
        activeMin: 5,
      },
    ]);
    expect(csv).toBe(
      [
        researchCsvHeader.join(','),
        'P02,3,3,1,1,15,run,1815,30.3,127.5,141,10.0,85.0,5.0,23.5,3.155,40.0,3.3,0.4,-1,4,3,2,5',
        'P01,0,,,0,-4,resting,300,5.0,,,,,,,,,,,,,,,',
        '',
      ].join('\r\n'),
    );
  });

  it('has one column per figure, with the same count in every row', () => {
    const lines = researchCsv([row])
      .split('\r\n')
      .filter((line) => line !== '');
    for (const line of lines) expect(line.split(',')).toHaveLength(researchCsvHeader.length);
  });

  it('quotes a field the RFC asks for, should a participant code ever hold a comma', () => {
    expect(researchCsv([{ ...row, participant: 'P,1' }])).toContain('\r\n"P,1",3,');
  });
});
