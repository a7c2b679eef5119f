import { Decoder, Profile, Stream, type FitMessages } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { exportFit, rrPerHrvMessage } from '../../../../src/adapters/files/fit-export';
import { fitMesgNum } from '../../../../src/adapters/files/fit-mesg-num';
import { allRr, restingCheckSession, sampleRun, startWallMs, tinySession } from './support/sample-session';

function decode(bytes: Uint8Array): { messages: FitMessages; order: string[] } {
  const decoder = new Decoder(Stream.fromByteArray(bytes));
  expect(Decoder.isFIT(Stream.fromByteArray(bytes))).toBe(true);
  expect(decoder.checkIntegrity()).toBe(true);
  const order: string[] = [];
  const { messages, errors } = decoder.read({
    mesgListener: (mesgNum) => order.push(Profile.types.mesgNum?.[mesgNum] ?? String(mesgNum)),
  });
  expect(errors).toEqual([]);
  return { messages, order };
}

const secondsOf = (value: unknown): number => {
  if (!(value instanceof Date)) throw new Error(`not a date: ${String(value)}`);
  return value.getTime() / 1000;
};

describe('exportFit, decoded back with the FIT SDK', () => {
  const session = sampleRun();
  const { messages, order } = decode(exportFit(session));

  it('uses the message numbers of the SDK profile', () => {
    expect(fitMesgNum).toEqual({
      fileId: Profile.MesgNum.FILE_ID,
      session: Profile.MesgNum.SESSION,
      lap: Profile.MesgNum.LAP,
      record: Profile.MesgNum.RECORD,
      event: Profile.MesgNum.EVENT,
      deviceInfo: Profile.MesgNum.DEVICE_INFO,
      activity: Profile.MesgNum.ACTIVITY,
      hrv: Profile.MesgNum.HRV,
    });
  });

  it('is an activity file from a development device, created at the session start', () => {
    expect(messages.fileIdMesgs).toHaveLength(1);
    const fileId = messages.fileIdMesgs?.[0];
    expect(fileId?.type).toBe('activity');
    expect(fileId?.manufacturer).toBe('development');
    expect(secondsOf(fileId?.timeCreated)).toBe(Math.floor(startWallMs / 1000));
    expect(order[0]).toBe('fileId');
  });

  it('puts the summary last, in the order of the activity cookbook', () => {
    expect(order.slice(-4)).toEqual(['event', 'lap', 'session', 'activity']);
    expect(order.slice(1, 4)).toEqual(['deviceInfo', 'deviceInfo', 'event']);
  });

  it('names Calm Run as the creator and the strap as a Bluetooth LE heart-rate sensor', () => {
    const [creator, strap] = messages.deviceInfoMesgs ?? [];
    expect(creator?.deviceIndex).toBe('creator');
    expect(creator?.productName).toBe('Calm Run');
    expect(strap?.productName).toBe('Polar H10 8A2B3C4D');
    expect(strap?.sourceType).toBe('bluetoothLowEnergy');
  });

  it('writes one record per sample, with the heart rate where there was a reading', () => {
    const records = messages.recordMesgs ?? [];
    expect(records).toHaveLength(session.samples.length);
    records.forEach((record, index) => {
      const sample = session.samples[index];
      expect(record.heartRate).toBe(sample?.heartRateBpm ?? undefined);
      expect(secondsOf(record.timestamp)).toBe(Math.floor((startWallMs + (sample?.elapsedMs ?? NaN)) / 1000));
    });
    expect(records.filter((record) => record.heartRate === undefined)).toHaveLength(10);
  });

  it('carries every RR interval, in order, to the millisecond', () => {
    const hrv = messages.hrvMesgs ?? [];
    const seconds = hrv.flatMap((message) => message.time ?? []);
    const expected = allRr(session);
    expect(expected.length).toBeGreaterThan(400);
    expect(seconds).toHaveLength(expected.length);
    // FIT keeps whole milliseconds: each one is the interval rounded, so at most half a millisecond off.
    seconds.forEach((value, index) => {
      const ms = value * 1000;
      expect(Number.isInteger(Math.round(ms * 1e6) / 1e6)).toBe(true);
      expect(Math.abs(Math.round(ms) - ((expected[index] ?? NaN) * 1000) / 1024)).toBeLessThanOrEqual(0.5);
    });
    expect(hrv.every((message) => (message.time?.length ?? 0) <= rrPerHrvMessage)).toBe(true);
    expect(seconds).toContain(0.001);
    expect(seconds).toContain(63.999);
  });

  it("writes each sample's hrv messages right after its record", () => {
    // The sample at second 200 carries seven intervals: its record, then two hrv messages (5 + 2).
    const index = session.samples.findIndex((sample) => sample.rrIntervals1024.length === 7);
    const recordPositions = order.flatMap((name, position) => (name === 'record' ? [position] : []));
    const at = recordPositions[index] ?? NaN;
    expect(order.slice(at, at + 4)).toEqual(['record', 'hrv', 'hrv', 'record']);
  });

  it('stops and restarts the timer around the pause', () => {
    const timer = (messages.eventMesgs ?? []).map((event) => [
      event.event,
      event.eventType,
      secondsOf(event.timestamp) - Math.floor(startWallMs / 1000),
    ]);
    expect(timer).toEqual([
      ['timer', 'start', 0],
      ['timer', 'stopAll', 299],
      ['timer', 'start', 390],
      ['timer', 'stopAll', 600],
    ]);
  });

  it('summarises the session and lap: sport, start, elapsed and timer time, average and max heart rate', () => {
    for (const summary of [messages.sessionMesgs?.[0], messages.lapMesgs?.[0]]) {
      expect(summary?.sport).toBe('running');
      expect(secondsOf(summary?.startTime)).toBe(Math.floor(startWallMs / 1000));
      expect(summary?.totalElapsedTime).toBe(600.5);
      expect(summary?.totalTimerTime).toBe(510.1);
      expect(summary?.avgHeartRate).toBe(121);
      expect(summary?.maxHeartRate).toBe(135);
    }
    expect(messages.sessionMesgs?.[0]?.numLaps).toBe(1);
    const activity = messages.activityMesgs?.[0];
    expect(activity?.numSessions).toBe(1);
    expect(activity?.totalTimerTime).toBe(510.1);
    const offsetSeconds = -new Date(startWallMs + 600_500).getTimezoneOffset() * 60;
    expect(activity?.localTimestamp).toBe(
      Math.floor((startWallMs + 600_500) / 1000) - 631_065_600 + offsetSeconds,
    );
  });
});

describe('exportFit for other sessions', () => {
  it('marks a breathing session as training / breathing', () => {
    const session = tinySession();
    session.meta.kind = 'breathing';
    const { messages } = decode(exportFit(session));
    expect(messages.sessionMesgs?.[0]?.sport).toBe('training');
    expect(messages.sessionMesgs?.[0]?.subSport).toBe('breathing');
  });

  it('marks a resting check as training / generic, with its RMSSD and SDNN in the session message', () => {
    const { messages } = decode(exportFit(restingCheckSession()));
    const session = messages.sessionMesgs?.[0];
    expect(session?.sport).toBe('training');
    expect(session?.subSport).toBe('generic');
    expect(session?.rmssdHrv).toBe(31);
    expect(session?.sdrrHrv).toBe(30);
    expect(messages.hrvMesgs).toHaveLength(120);
  });

  it('leaves the HRV fields out when the summary has none or they do not fit a byte', () => {
    expect(decode(exportFit(tinySession())).messages.sessionMesgs?.[0]?.rmssdHrv).toBeUndefined();
    const wild = restingCheckSession();
    const summary = wild.meta.summary;
    if (summary) wild.meta.summary = { ...summary, rmssdMs: 300 };
    const session = decode(exportFit(wild)).messages.sessionMesgs?.[0];
    expect(session?.rmssdHrv).toBeUndefined();
    expect(session?.sdrrHrv).toBe(30);
  });

  it('computes the heart-rate summary from the samples when the session has none', () => {
    const { messages } = decode(exportFit(tinySession()));
    expect(messages.sessionMesgs?.[0]?.avgHeartRate).toBe(101); // (100 + 101) / 2, rounded
    expect(messages.sessionMesgs?.[0]?.maxHeartRate).toBe(101);
    expect(messages.sessionMesgs?.[0]?.totalElapsedTime).toBe(3);
  });

  it('writes a valid file for a session without samples or strap', () => {
    const session = tinySession();
    session.samples = [];
    const { messages } = decode(exportFit(session));
    expect(messages.recordMesgs).toBeUndefined();
    expect(messages.deviceInfoMesgs).toHaveLength(1);
    expect(messages.sessionMesgs?.[0]?.avgHeartRate).toBeUndefined();
  });

  it('gives the same file for the same session, and a different serial number for another session', () => {
    const a = exportFit(sampleRun());
    expect(exportFit(sampleRun())).toEqual(a);
    const other = sampleRun();
    other.meta.id = 'another-session';
    const serial = (bytes: Uint8Array) => decode(bytes).messages.fileIdMesgs?.[0]?.serialNumber;
    expect(serial(exportFit(other))).not.toBe(serial(a));
  });

  it('cuts a long strap name to fit a FIT string', () => {
    const session = tinySession();
    session.meta.strap = { name: 'Ü'.repeat(200) };
    const { messages } = decode(exportFit(session));
    const name = messages.deviceInfoMesgs?.[1]?.productName;
    expect(typeof name).toBe('string');
    expect(new TextEncoder().encode(String(name)).length).toBeLessThan(64);
  });
});
