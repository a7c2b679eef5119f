import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

const defaultTimeoutMs = 10_000;

/** The trimmed text of every element the locator matches, joined with " | " ('' when none): never waits. */
export async function textOf(locator: Locator): Promise<string> {
  const texts = await locator.allTextContents();
  return texts.map((text) => text.replace(/\s+/gu, ' ').trim()).join(' | ');
}

/** An attribute of every element the locator matches, joined with " | " ('' when none): never waits. */
export async function attributeOf(locator: Locator, name: string): Promise<string> {
  const values = await locator.evaluateAll(
    (elements, attribute) => elements.map((element) => element.getAttribute(attribute) ?? ''),
    name,
  );
  return values.join(' | ');
}

/** Waits until the page shows exactly this text (or matches the pattern) in the located element. */
export async function expectText(
  locator: Locator,
  expected: string | RegExp,
  timeoutMs = defaultTimeoutMs,
): Promise<void> {
  const poll = expect.poll(() => textOf(locator), {
    timeout: timeoutMs,
    interval: 50,
    message: locator.toString(),
  });
  if (typeof expected === 'string') await poll.toBe(expected);
  else await poll.toMatch(expected);
}

export async function expectAttribute(
  locator: Locator,
  name: string,
  expected: string,
  timeoutMs = defaultTimeoutMs,
): Promise<void> {
  await expect
    .poll(() => attributeOf(locator, name), {
      timeout: timeoutMs,
      interval: 50,
      message: `${locator.toString()} [${name}]`,
    })
    .toBe(expected);
}

/** Waits until a number read from the page satisfies the check. Returns the value seen. */
export async function expectNumber(
  read: () => Promise<number>,
  check: (value: number) => boolean,
  description: string,
  timeoutMs = defaultTimeoutMs,
): Promise<number> {
  let last = Number.NaN;
  await expect
    .poll(
      async () => {
        last = await read();
        return check(last);
      },
      { timeout: timeoutMs, interval: 50, message: description },
    )
    .toBe(true);
  return last;
}
