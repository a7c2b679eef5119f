import { describe, expect, it } from 'vitest';
import { exportTcx } from '../../../../src/adapters/files/tcx-export';
import { parseXml } from './support/mini-xml';
import { descendants, tcxSchemaErrors } from './support/tcx-schema';
import { restingCheckSession, sampleRun, startWallMs, tinySession } from './support/sample-session';

describe('exportTcx', () => {
  const session = sampleRun();
  const text = exportTcx(session);
  const root = parseXml(text);

  it('follows the TrainingCenterDatabase v2 schema: elements, order, occurrences and value types', () => {
    expect(tcxSchemaErrors(root)).toEqual([]);
  });

  it('has one running activity with one lap, identified by the start time in UTC', () => {
    const [activity, ...others] = descendants(root, 'Activity');
    expect(others).toEqual([]);
    expect(activity?.attributes.Sport).toBe('Running');
    const start = new Date(startWallMs).toISOString();
    expect(start.endsWith('Z')).toBe(true);
    expect(descendants(root, 'Id').map((id) => id.text)).toEqual([start]);
    expect(descendants(root, 'Lap').map((lap) => lap.attributes.StartTime)).toEqual([start]);
  });

  it('gives the lap its active time and the heart-rate summary', () => {
    const [lap] = descendants(root, 'Lap');
    const value = (name: string) => lap?.children.find((child) => child.name === name);
    expect(value('TotalTimeSeconds')?.text).toBe('510.1');
    expect(value('AverageHeartRateBpm')?.children[0]?.text).toBe('121');
    expect(value('MaximumHeartRateBpm')?.children[0]?.text).toBe('135');
  });

  it('has one Trackpoint per sample, at its time, with the heart rate where there was one', () => {
    const points = descendants(root, 'Trackpoint');
    expect(points).toHaveLength(session.samples.length);
    points.forEach((point, index) => {
      const sample = session.samples[index];
      expect(point.children[0]?.name).toBe('Time');
      expect(point.children[0]?.text).toBe(new Date(startWallMs + (sample?.elapsedMs ?? NaN)).toISOString());
      const bpm = descendants(point, 'Value')[0]?.text;
      expect(bpm).toBe(sample?.heartRateBpm === null ? undefined : String(sample?.heartRateBpm));
    });
  });

  it('starts a new Track after the pause', () => {
    const tracks = descendants(root, 'Track');
    expect(tracks).toHaveLength(2);
    const lastBeforePause = session.samples.filter((sample) => sample.elapsedMs < 299_500).length;
    expect(tracks[0]?.children).toHaveLength(lastBeforePause);
  });

  it('leaves the notes out unless asked, and escapes them when asked', () => {
    expect(text).not.toContain('Felt calmer');
    const withNotes = exportTcx(
      { ...session, meta: { ...session.meta, notes: 'a & b < c > d "e" \'f\' \u0001g \uD800h' } },
      { includeNotes: true },
    );
    const parsed = parseXml(withNotes);
    expect(tcxSchemaErrors(parsed)).toEqual([]);
    expect(descendants(parsed, 'Notes').map((notes) => notes.text)).toEqual(['a & b < c > d "e" \'f\' g h']);
  });

  it('writes a breathing session as Sport="Other" and a session without samples without a Track', () => {
    const breathing = tinySession();
    breathing.meta.kind = 'breathing';
    breathing.samples = [];
    const parsed = parseXml(exportTcx(breathing));
    expect(tcxSchemaErrors(parsed)).toEqual([]);
    expect(descendants(parsed, 'Activity')[0]?.attributes.Sport).toBe('Other');
    expect(descendants(parsed, 'Track')).toEqual([]);
  });

  it('writes a resting check as Sport="Other", valid against the schema', () => {
    const parsed = parseXml(exportTcx(restingCheckSession()));
    expect(tcxSchemaErrors(parsed)).toEqual([]);
    expect(descendants(parsed, 'Activity')[0]?.attributes.Sport).toBe('Other');
    expect(descendants(parsed, 'Trackpoint')).toHaveLength(120);
  });

  it('writes exactly this for a small session', () => {
    expect(exportTcx(tinySession())).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd">',
        '  <Activities>',
        '    <Activity Sport="Running">',
        '      <Id>2026-01-02T03:04:05.000Z</Id>',
        '      <Lap StartTime="2026-01-02T03:04:05.000Z">',
        '        <TotalTimeSeconds>3</TotalTimeSeconds>',
        '        <DistanceMeters>0</DistanceMeters>',
        '        <Calories>0</Calories>',
        '        <AverageHeartRateBpm>',
        '          <Value>101</Value>',
        '        </AverageHeartRateBpm>',
        '        <MaximumHeartRateBpm>',
        '          <Value>101</Value>',
        '        </MaximumHeartRateBpm>',
        '        <Intensity>Active</Intensity>',
        '        <TriggerMethod>Manual</TriggerMethod>',
        '        <Track>',
        '          <Trackpoint>',
        '            <Time>2026-01-02T03:04:05.000Z</Time>',
        '            <HeartRateBpm>',
        '              <Value>100</Value>',
        '            </HeartRateBpm>',
        '          </Trackpoint>',
        '          <Trackpoint>',
        '            <Time>2026-01-02T03:04:06.000Z</Time>',
        '          </Trackpoint>',
        '          <Trackpoint>',
        '            <Time>2026-01-02T03:04:07.005Z</Time>',
        '            <HeartRateBpm>',
        '              <Value>101</Value>',
        '            </HeartRateBpm>',
        '          </Trackpoint>',
        '        </Track>',
        '      </Lap>',
        '    </Activity>',
        '  </Activities>',
        '</TrainingCenterDatabase>',
        '',
      ].join('\n'),
    );
  });
});

describe('the TCX schema check itself', () => {
  const valid = exportTcx(tinySession());

  it.each([
    [
      'Calories before DistanceMeters',
      valid.replace(
        '<DistanceMeters>0</DistanceMeters>\n        <Calories>0</Calories>',
        '<Calories>0</Calories>\n        <DistanceMeters>0</DistanceMeters>',
      ),
    ],
    ['no TriggerMethod', valid.replace('<TriggerMethod>Manual</TriggerMethod>', '')],
    ['a heart rate of 0', valid.replace('<Value>100</Value>', '<Value>0</Value>')],
    ['an unknown intensity', valid.replace('<Intensity>Active</Intensity>', '<Intensity>Easy</Intensity>')],
    [
      'a time without a date',
      valid.replace('<Time>2026-01-02T03:04:06.000Z</Time>', '<Time>03:04:06</Time>'),
    ],
    ['an empty Track', valid.replace(/<Track>[\s\S]*<\/Track>/, '<Track></Track>')],
    ['a Lap without StartTime', valid.replace(' StartTime="2026-01-02T03:04:05.000Z"', '')],
  ])('refuses %s', (_name, broken) => {
    expect(broken).not.toBe(valid);
    expect(tcxSchemaErrors(parseXml(broken)).length).toBeGreaterThan(0);
  });

  it('refuses XML that is not well formed', () => {
    expect(() => parseXml(valid.replace('</Lap>', '</Lapp>'))).toThrow(/closes <Lap>/);
    expect(() => parseXml(valid.replace('<Id>', '<Id>&bogus;'))).toThrow(/unknown entity/);
  });
});
